import type { AddressInfo } from 'node:net';
import { createGatewayApp } from './app.js';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);

const server = createGatewayApp().listen(port, host, () => {
  // The bound port, so PORT=0 prints the one the OS chose.
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  console.log(`blb-errors example gateway listening on ${origin}`);
  console.log(`try: curl -i ${origin}/v1/blb/lb-missing`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}

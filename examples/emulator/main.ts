import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { signBceRequest } from '../../src/index.js';
import { createEmulatorApp } from './app.js';
import { loadConfig } from './config.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    config: { type: 'string' },
  },
});
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const port = Number(values.port ?? process.env.PORT ?? 8080);
const config = loadConfig(values.config);

const server = createEmulatorApp(config).listen(port, host, () => {
  // The bound port, so --port 0 prints the one the OS chose.
  const endpoint = `http://${host}:${String((server.address() as AddressInfo).port)}`;
  const [account] = config.accounts;
  console.log(`BLB API emulator (blb-errors) listening on ${endpoint}`);
  if (account !== undefined) {
    console.log(`access key: ${account.accessKeyId}`);
    console.log(`secret key: ${account.secretAccessKey}`);
    // A ready-signed request (valid 30 minutes), since curl cannot sign bce-auth-v1 itself.
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const authorization = signBceRequest(
      {
        method: 'GET',
        url: '/v1/blb',
        headers: { host: new URL(endpoint).host, 'x-bce-date': date },
      },
      { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    );
    console.log(
      `try: curl -i -H 'x-bce-date: ${date}' -H 'authorization: ${authorization}' ${endpoint}/v1/blb`,
    );
  }
  if (config.control.enabled) {
    console.log(`fault injection: ${endpoint}/_emulator/faults (x-emulator-admin-token)`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}

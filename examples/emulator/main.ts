import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { signBceRequest } from '../../src/index.js';
import { createEmulatorApp } from './app.js';
import { EmulatorConfigError, loadConfig } from './config.js';

// What the user got wrong, on one line: a stack would bury it and point into our code.
function fail(message: string): never {
  console.error(`blb emulator: ${message}`);
  process.exit(1);
}

function portOf(value: string, name: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    fail(`${name} must be a port number from 0 to 65535, not ${JSON.stringify(value)}`);
  }
  return port;
}

let values: { port?: string | undefined; host?: string | undefined; config?: string | undefined };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
    },
  }));
} catch (error) {
  // parseArgs adds lines of advice after the first; the first says what is wrong.
  fail((error as Error).message.split('\n')[0] ?? '');
}
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const port =
  values.port !== undefined
    ? portOf(values.port, '--port')
    : process.env.PORT !== undefined
      ? portOf(process.env.PORT, 'PORT')
      : 8080;

let config: ReturnType<typeof loadConfig>;
let app: ReturnType<typeof createEmulatorApp>;
try {
  config = loadConfig(values.config);
  app = createEmulatorApp(config);
} catch (error) {
  if (error instanceof EmulatorConfigError) fail(error.message);
  throw error;
}

const server = createServer(app);
server.on('error', (error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? 'the address is already in use' : error.message;
  fail(`cannot listen on ${host}:${String(port)}: ${reason}`);
});
server.listen(port, host, () => {
  // The bound port, so --port 0 prints the one the OS chose.
  const endpoint = `http://${host}:${String((server.address() as AddressInfo).port)}`;
  const [account] = config.accounts;
  // One write: whoever waits for the first line gets the whole banner with it.
  const banner = [`BLB API emulator (blb-errors) listening on ${endpoint}`];
  if (!config.verifySignatures) {
    banner.push(
      `WARNING: signature verification is OFF (verifySignatures: false): every request acts as ${String(account?.accessKeyId)}, signed or not`,
    );
  }
  if (account !== undefined) {
    banner.push(`access key: ${account.accessKeyId}`, `secret key: ${account.secretAccessKey}`);
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
    banner.push(
      `try: curl -i -H 'x-bce-date: ${date}' -H 'authorization: ${authorization}' ${endpoint}/v1/blb`,
    );
  }
  if (config.control.enabled) {
    banner.push(`fault injection: ${endpoint}/_emulator/faults (x-emulator-admin-token)`);
  }
  console.log(banner.join('\n'));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // A client holding a connection open with a request in flight must not keep us up for ever.
    setTimeout(() => {
      server.closeAllConnections();
    }, 5000).unref();
  });
}

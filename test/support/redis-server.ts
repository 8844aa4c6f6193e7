import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

/** A redis-server this test started on 127.0.0.1, with no persistence. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL, as a crash would: clients see the connection drop. */
  stop(): Promise<void>;
  /** A fresh server on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test that throws before its afterAll must not leave a server behind the worker.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** The redis-server binary on PATH (or Debian's /usr/bin and /usr/sbin), if installed. */
export function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts redis-server on `port` and resolves once it accepts connections. */
function spawnRedis(binary: string, port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}:\n${output}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${String(code)}) on port ${port}:\n${output}`));
    });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Starts redis-server on a free port (a few tries: another process may take the port first). */
export async function startRedisServer(binary: string): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      let child = await spawnRedis(binary, port);
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        stop: () => kill(child),
        restart: async () => {
          await kill(child);
          child = await spawnRedis(binary, port);
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

const missingMessage = (title: string): string =>
  [
    '',
    '!'.repeat(78),
    `!! redis-server is not installed: the tests "${title}" did NOT run.`,
    '!! Install it (Debian/Ubuntu: `apt-get install redis-server`) and run `npx jest` again.',
    '!'.repeat(78),
    '',
  ].join('\n');

/**
 * A describe block that has its own redis-server for its tests. Without the binary: in CI (where
 * it must exist) one failing test says so; elsewhere a loud message says what did not run.
 */
export function describeWithRedis(
  title: string,
  define: (server: () => RedisServer) => void,
): void {
  const binary = findRedisServer();
  if (binary === undefined) {
    const ci = process.env.CI;
    if (ci !== undefined && ci !== '') {
      describe(title, () => {
        it('has redis-server installed, as CI must', () => {
          throw new Error(missingMessage(title));
        });
      });
    } else {
      console.warn(missingMessage(title));
    }
    return;
  }
  describe(title, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer(binary);
    });
    afterAll(async () => {
      await server?.stop();
    });
    define(() => {
      if (server === undefined) throw new Error('redis-server has not started');
      return server;
    });
  });
}

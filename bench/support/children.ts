import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { INSTANCE_NOT_FOUND } from '../servers/instance-not-found.js';

/** The repository root: server scripts are started from here so `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A bench server running in its own process. */
export interface ServerHandle {
  /** What to load: the announced `path` (default `GET /v1/blb/lb-missing`) on this server. */
  readonly url: string;
  /** Request headers the server announced (a signed request's), sent with every request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Where the child's stderr goes, for the error message when something fails. */
  readonly logFile: string;
  /** The server process's CPU time so far, in µs (Linux `/proc`; 10 ms resolution). */
  cpuTime(): { readonly user: number; readonly system: number };
  stop(): Promise<void>;
}

/** Options of `startServer`. */
export interface StartServerOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  readonly logDir: string;
}

const running = new Set<ChildProcess>();
let cleanupInstalled = false;

/**
 * Starts `node --import tsx <script>` with `PORT=0` and `NODE_ENV=production`, and resolves once
 * it printed its ready line. Every child is killed when this process exits, however it exits;
 * a child also ends itself when our end of its stdin closes.
 *
 * @example
 * ```ts
 * const server = await startServer('bench/servers/node-raw.ts', { logDir });
 * await server.stop();
 * ```
 */
export function startServer(script: string, options: StartServerOptions): Promise<ServerHandle> {
  installCleanup();
  const logFile = join(
    options.logDir,
    `${script.replaceAll(/[^\w.-]+/g, '_')}.${running.size}.log`,
  );
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', ...options.env },
    stdio: ['pipe', 'pipe', log],
  });
  closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      void stop();
      reject(new Error(`${script}: ${reason} (its stderr is in ${logFile})`));
    };
    const timeout = setTimeout(() => {
      fail('no ready line within 30 s');
    }, 30_000);
    child.once('exit', (code, signal) => {
      fail(`exited before it was ready (code ${String(code)}, signal ${String(signal)})`);
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      let ready: unknown;
      try {
        ready = JSON.parse(line);
      } catch {
        fail(`printed ${JSON.stringify(line)} instead of its ready line`);
        return;
      }
      const port = (ready as { port?: unknown } | null)?.port;
      if (typeof port !== 'number') {
        fail(`ready line without a port: ${line}`);
        return;
      }
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      // Later output is drained and dropped, so the child never blocks on a full pipe.
      lines.on('line', () => undefined);
      const { path, headers } = ready as { path?: unknown; headers?: unknown };
      const url = `http://127.0.0.1:${String(port)}${typeof path === 'string' ? path : INSTANCE_NOT_FOUND.path}`;
      const cpuTime = () => processCpuTime(child.pid ?? 0);
      resolve({ url, headers: stringRecord(headers), logFile, stop, cpuTime });
    });
  });
}

// /proc/<pid>/stat counts in USER_HZ, which Linux fixes at 100 per second for user space.
const microsPerTick = 10_000;

function processCpuTime(pid: number): { user: number; system: number } {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    user: Number(fields[11]) * microsPerTick,
    system: Number(fields[12]) * microsPerTick,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * A server's environment written as `NAME=value,NAME=value` (BENCH_ENV, bench/cpu.ts specs).
 *
 * @example
 * ```ts
 * envPairs('BENCH_AUTH=signed,BENCH_QUIET=1'); // { BENCH_AUTH: 'signed', BENCH_QUIET: '1' }
 * ```
 */
export function envPairs(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Kills every child still running. Synchronous, so it also works from an 'exit' listener. */
export function killAllServers(): void {
  for (const child of running) child.kill('SIGTERM');
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', killAllServers);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllServers();
      process.exit(130);
    });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { ServerReport, StressReply } from './stress-protocol.js';

const root = path.resolve(__dirname, '../../..');

/** A child node process (tsx-loaded, with IPC) that runs a test/stress/support script. */
export function spawnScript(
  script: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return child;
}

/** The next IPC message of a type, or a rejection if the child exits first. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T): void => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`the child exited (${String(code)}, ${String(signal)}) before '${type}'`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export interface StressServer {
  /** The port of each target: express4, express5, koa2, koa3, auth-*, emulator, token-*, redis-*. */
  readonly ports: Readonly<Record<string, number>>;
  port(name: string): number;
  /** What the server process saw so far; rejects if it has crashed. */
  report(): Promise<ServerReport>;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts `stress-server.ts` and resolves once every target listens. */
export async function startStressServer(
  env: Readonly<Record<string, string>> = {},
): Promise<StressServer> {
  const child = spawnScript('test/stress/support/stress-server.ts', [], env);
  const { ports } = await nextMessage<Extract<StressReply, { type: 'ready' }>>(child, 'ready');
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    ports,
    port: (name) => {
      const port = ports[name];
      if (port === undefined) throw new Error(`no stress target ${name}`);
      return port;
    },
    report: async () => {
      const reply = nextMessage<Extract<StressReply, { type: 'report' }>>(child, 'report');
      child.send({ type: 'report' });
      return (await reply).body;
    },
    alive,
    stop: async () => {
      if (!alive()) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

/** A replica app running in a child process. */
export interface Replica {
  readonly name: string;
  readonly url: string;
  stop(): Promise<void>;
}

const script = path.join(__dirname, 'replica-app.ts');
const root = path.join(__dirname, '..', '..');

/** Starts `replica-app.ts` under tsx and resolves once it listens. */
export function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env, REPLICA_NAME: name },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string): void => {
      void stop();
      reject(new Error(`replica ${name} ${why}:\n${output}`));
    };
    const timer = setTimeout(() => {
      fail('did not start within 20 s');
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve({ name, url: `http://127.0.0.1:${match[1] ?? ''}`, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited (${String(code)})`);
    });
  });
}

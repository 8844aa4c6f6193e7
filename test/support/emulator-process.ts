import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';

/** `npm start` is `tsx examples/emulator/main.ts`: the same command, without npm in between. */
const tsx = 'node_modules/.bin/tsx';
const main = 'examples/emulator/main.ts';

export interface EmulatorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code and signal once the process is gone. */
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  /** Resolves with the printed endpoint once it listens; rejects if it exits first. */
  readonly ready: (timeoutMs?: number) => Promise<string>;
  /** SIGKILLs the whole process group if anything of it is still running. */
  readonly kill: () => void;
}

const running = new Set<EmulatorProcess>();

/**
 * Starts the emulator as `npm start` does. The child leads its own process group (tsx runs
 * node as a child of its own), so `kill()` can take both down: call `killAll()` in `afterEach`
 * and no test that fails half-way leaves an emulator behind.
 */
export function spawnEmulator(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): EmulatorProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('BLB_EMULATOR_')),
  );
  const child = spawn(tsx, [main, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...base, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let gone = false;
  const exited = (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>).finally(
    () => {
      gone = true;
    },
  );
  const proc: EmulatorProcess = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    ready: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const endpoint = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1];
        if (endpoint !== undefined) return endpoint;
        if (gone) throw new Error(`the emulator exited before listening: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`the emulator did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    kill: () => {
      if (gone || child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group went away between the check and the kill.
      }
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Kills every emulator `spawnEmulator` started that is still running. */
export function killAll(): void {
  for (const proc of running) proc.kill();
}

/** Whether something accepts TCP connections on the port. */
export async function accepts(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** Resolves with the exit, or rejects after `ms`. */
export async function exitWithin(
  proc: EmulatorProcess,
  ms: number,
): Promise<[number | null, NodeJS.Signals | null]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the emulator did not exit within ${String(ms)} ms`));
    }, ms);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

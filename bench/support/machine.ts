import os from 'node:os';

/**
 * One Markdown line describing the machine and runtime a result was measured on.
 *
 * @example
 * ```ts
 * describeMachine(); // '2 × Intel(R) Xeon(R) … @ 2200 MHz, 23.5 GiB RAM, linux 6.1, Node v20.…'
 * ```
 */
export function describeMachine(): string {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => `${cpu.model.trim()} @ ${cpu.speed} MHz`))];
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return (
    `${cpus.length} × ${models.join(' + ')}, ${memory} GiB RAM, ${os.platform()} ${os.release()} ` +
    `${os.arch()}, Node ${process.version}; load average at start ${load}`
  );
}

// Profiles one bench server under load: `npx tsx bench/profile.ts koa-blb [seconds]` starts
// `node --cpu-prof --import tsx bench/servers/koa-blb.ts`, loads it with autocannon, stops it and
// prints the functions with the most self time, then the most inclusive time, as shares of the
// samples and as µs per request served (comparable between variants; startup is included). Set BENCH_ENV to
// `NAME=value,…` for the server's environment (e.g. BENCH_QUIET=1).
import autocannon from 'autocannon';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envPairs, startServer } from './support/children.js';
import { summarizeCpuProfile, type FunctionCost } from './support/cpu-profile.js';

const [name, secondsArg = '8'] = process.argv.slice(2);
if (name === undefined) {
  console.error('usage: tsx bench/profile.ts <server name under bench/servers> [seconds]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'blb-profile-'));
const env = envPairs(process.env.BENCH_ENV ?? '');
const server = await startServer(`bench/servers/${name}.ts`, {
  logDir: dir,
  env,
  nodeArgs: ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir],
});
let requests = 0;
try {
  const { url, headers } = server;
  const warmup = await autocannon({ url, headers, connections: 50, pipelining: 1, duration: 1 });
  const result = await autocannon({ url, headers, connections: 50, duration: Number(secondsArg) });
  requests = warmup.requests.total + result.requests.total;
  console.log(
    `${name}: ${Math.round(result.requests.total / result.duration)} req/s while profiling, ${requests} requests in all`,
  );
} finally {
  await server.stop();
}
// The main thread's profile: tsx's loader hooks run on a worker thread that writes one too.
const file = readdirSync(dir)
  .filter((entry) => entry.endsWith('.cpuprofile'))
  .sort()[0];
if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`);
const costs = summarizeCpuProfile(join(dir, file));
const show = (title: string, rows: readonly FunctionCost[]): void => {
  console.log(`\n${title}\n  self%  total%  self µs/req  total µs/req  function`);
  for (const { name: fn, self, total, selfMicros, totalMicros } of rows) {
    const perRequest = (micros: number): string => (micros / requests).toFixed(2).padStart(12);
    console.log(
      `${self.toFixed(1).padStart(7)} ${total.toFixed(1).padStart(7)} ${perRequest(selfMicros)} ${perRequest(totalMicros)}  ${fn}`,
    );
  }
};
show('Top self time', costs.slice(0, 30));
show(
  'Top inclusive time (package and bench code)',
  [...costs]
    .filter((cost) => !cost.name.startsWith('(') && cost.name.includes(' '))
    .sort((a, b) => b.total - a.total)
    .slice(0, 30),
);
console.log(`\nprofile: ${join(dir, file)}`);

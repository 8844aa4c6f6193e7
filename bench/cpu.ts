// Server CPU per request: `npx tsx bench/cpu.ts koa-blb koa-hand …` (bench/servers names, each
// optionally `name:ENV=value,…`). Throughput on a shared 2-core machine swings with whatever else
// runs; the CPU time a server spends per request counts its own work, not its share of the cores,
// so it tells apart variants whose req/s overlap. Linux only (/proc). Each round, each variant in
// turn (order reversed every other round): a warm-up, then BENCH_REQUESTS (30,000) requests over
// 20 connections, and the server's user and system CPU time divided by the requests answered.
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envPairs, startServer } from './support/children.js';
import { positiveInteger, summarize } from './support/stats.js';

const specs = process.argv.slice(2);
if (specs.length === 0) {
  console.error('usage: tsx bench/cpu.ts <server name>[:ENV=value,…] …');
  process.exit(2);
}
const rounds = positiveInteger('BENCH_ROUNDS', 4);
const amount = positiveInteger('BENCH_REQUESTS', 30_000);
const logDir = mkdtempSync(join(tmpdir(), 'blb-cpu-'));
const perRequest = new Map<string, { user: number[]; total: number[] }>();

for (let round = 0; round < rounds; round++) {
  for (const spec of round % 2 === 0 ? specs : [...specs].reverse()) {
    const colon = spec.indexOf(':');
    const name = colon === -1 ? spec : spec.slice(0, colon);
    const env = envPairs(colon === -1 ? '' : spec.slice(colon + 1));
    const server = await startServer(`bench/servers/${name}.ts`, { logDir, env });
    try {
      const load = { url: server.url, headers: server.headers, connections: 20 };
      await autocannon({ ...load, amount: Math.ceil(amount / 6) });
      const before = server.cpuTime();
      const result = await autocannon({ ...load, amount });
      const after = server.cpuTime();
      const answered = result.requests.total;
      if (answered === 0) throw new Error(`${spec} answered no request (log: ${server.logFile})`);
      const user = (after.user - before.user) / answered;
      const total = user + (after.system - before.system) / answered;
      const entry = perRequest.get(spec) ?? { user: [], total: [] };
      entry.user.push(user);
      entry.total.push(total);
      perRequest.set(spec, entry);
      console.log(
        `round ${String(round + 1)} ${spec}: ${total.toFixed(1)} µs/req (user ${user.toFixed(1)})`,
      );
    } finally {
      await server.stop();
    }
  }
}

const show = (values: readonly number[]): string => {
  const { median, min, max } = summarize(values);
  return `${median.toFixed(1)} (${min.toFixed(1)}–${max.toFixed(1)})`;
};
console.log('\nserver CPU µs per request, median (min–max) of the rounds: user + system, user');
for (const [spec, { user, total }] of perRequest) {
  console.log(`  ${spec.padEnd(36)} ${show(total).padEnd(22)} ${show(user)}`);
}

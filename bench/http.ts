// HTTP benchmark: `npm run bench` (npx tsx bench/http.ts). Each variant is a server in its own
// process on 127.0.0.1; autocannon loads one variant at a time, variants interleaved in every
// round (forward, then backward), and each target is the median of the per-round ratios.
// Settings: BENCH_ROUNDS (5), BENCH_SECONDS (3), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (1),
// BENCH_VARIANTS (comma-separated names: run only those).
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type ServerHandle } from './support/children.js';
import { describeMachine } from './support/machine.js';
import { markdownTable, writeResultsSection } from './support/results.js';
import {
  formatRate,
  formatRatio,
  positiveInteger,
  roundRatios,
  summarize,
  verdict,
  type RatioTarget,
} from './support/stats.js';
import { expectedStatus, verifyResponse, type Expectation } from './support/verify.js';

interface Variant {
  readonly name: string;
  readonly script: string;
  readonly what: string;
  readonly expect: Expectation;
  readonly env?: Readonly<Record<string, string>>;
  /** Shown in the table but carries no target: context for the figures. */
  readonly informational?: boolean;
}

const variants: readonly Variant[] = [
  {
    name: 'express-blb',
    script: 'bench/servers/express-blb.ts',
    what: 'Express 5: `throw new BlbError(…)` + `blbErrorHandler()`',
    expect: 'bce-error',
  },
  {
    name: 'express-hand',
    script: 'bench/servers/express-hand.ts',
    what: 'Express 5: hand-written `res.status(404).set(…).json(…)`',
    expect: 'bce-error',
  },
  {
    name: 'express-default',
    script: 'bench/servers/express-default.ts',
    what: "Express 5: http-errors 404 thrown to Express's default handler (HTML; logs the error)",
    expect: 'status-404',
  },
  {
    name: 'express-default-quiet',
    script: 'bench/servers/express-default.ts',
    what: "Express 5: the same, with Express's `console.error` logging silenced",
    expect: 'status-404',
    env: { BENCH_QUIET: '1' },
    informational: true,
  },
  {
    name: 'koa-blb',
    script: 'bench/servers/koa-blb.ts',
    what: 'Koa 3: `throw new BlbError(…)` + `blbErrorHandler()`',
    expect: 'bce-error',
  },
  {
    name: 'koa-hand',
    script: 'bench/servers/koa-hand.ts',
    what: 'Koa 3: hand-written `ctx.status`/`ctx.body`, no throw',
    expect: 'bce-error',
  },
  {
    name: 'koa-try-catch',
    script: 'bench/servers/koa-try-catch.ts',
    what: 'Koa 3: `ctx.throw(404, …)` + a hand-written try/catch middleware',
    expect: 'bce-error',
  },
  {
    name: 'koa-throw-floor',
    script: 'bench/servers/koa-throw-floor.ts',
    what: 'Koa 3: a ready-made object thrown (no Error) + a minimal try/catch: the floor of any throw',
    expect: 'bce-error',
    informational: true,
  },
  {
    name: 'node-raw',
    script: 'bench/servers/node-raw.ts',
    what: '`node:http` writing the same bytes (the ceiling)',
    expect: 'bce-error',
    informational: true,
  },
  // The emulator: signed DescribeLoadBalancerDetail vs unsigned, the cost of verification.
  {
    name: 'emulator-unsigned',
    script: 'bench/servers/emulator.ts',
    what: 'Emulator: DescribeLoadBalancerDetail, signature verification off',
    expect: 'json-200',
    env: { BENCH_AUTH: 'unsigned' },
  },
  {
    name: 'emulator-signed',
    script: 'bench/servers/emulator.ts',
    what: 'Emulator: DescribeLoadBalancerDetail, signed request verified',
    expect: 'json-200',
    env: { BENCH_AUTH: 'signed' },
  },
];

const targets: readonly RatioTarget[] = [
  {
    label: 'Express: blbErrorHandler path ÷ hand-written JSON route',
    numerator: 'express-blb',
    denominator: 'express-hand',
    atLeast: 1.0,
  },
  {
    label: "Express: blbErrorHandler path ÷ Express's default error handler",
    numerator: 'express-blb',
    denominator: 'express-default',
    atLeast: 1.3,
  },
  {
    label: 'Koa: throw + blbErrorHandler ÷ hand-written body, no throw',
    numerator: 'koa-blb',
    denominator: 'koa-hand',
    atLeast: 0.85,
  },
  {
    label: 'Koa: throw + blbErrorHandler ÷ hand-written try/catch around `ctx.throw`',
    numerator: 'koa-blb',
    denominator: 'koa-try-catch',
    atLeast: 1.5,
  },
  {
    label: 'Emulator: signed ÷ unsigned (verification ≤ 15% of the throughput)',
    numerator: 'emulator-signed',
    denominator: 'emulator-unsigned',
    atLeast: 0.85,
  },
];

// Context, not targets: how far the Koa throw path is from the least any throw can cost, and
// what Express's default handler costs without its logging.
const contextRatios: readonly RatioTarget[] = [
  {
    label: 'Koa: the floor of any throw ÷ hand-written body, no throw',
    numerator: 'koa-throw-floor',
    denominator: 'koa-hand',
    atLeast: 0.85,
  },
  {
    label: 'Koa: throw + blbErrorHandler ÷ the floor of any throw',
    numerator: 'koa-blb',
    denominator: 'koa-throw-floor',
    atLeast: 1.0,
  },
  {
    label: "Express: blbErrorHandler path ÷ Express's default handler with its logging silenced",
    numerator: 'express-blb',
    denominator: 'express-default-quiet',
    atLeast: 1.0,
  },
];

const settings = {
  rounds: positiveInteger('BENCH_ROUNDS', 5),
  seconds: positiveInteger('BENCH_SECONDS', 3),
  connections: positiveInteger('BENCH_CONNECTIONS', 50),
  warmupSeconds: positiveInteger('BENCH_WARMUP_SECONDS', 1),
  only: process.env.BENCH_VARIANTS?.split(',').filter((name) => name !== ''),
};

interface Running {
  readonly variant: Variant;
  readonly server: ServerHandle;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rates: number[];
}

async function main(): Promise<void> {
  const started = new Date();
  const machine = describeMachine();
  const logDir = mkdtempSync(join(tmpdir(), 'blb-bench-'));
  const chosen = variants.filter(
    (v) => settings.only === undefined || settings.only.includes(v.name),
  );
  const running: Running[] = [];
  const servers: ServerHandle[] = [];
  try {
    for (const variant of chosen) {
      const server = await startServer(variant.script, { logDir, env: variant.env ?? {} });
      servers.push(server);
      const { url, headers } = server;
      await verifyResponse(url, variant.expect, headers).catch((error: unknown) => {
        throw new Error(`${variant.name}: ${String(error)}`);
      });
      console.log(`${variant.name}: verified (${variant.expect}) at ${url}`);
      running.push({ variant, server, url, headers, rates: [] });
    }

    for (const entry of running) await load(entry, settings.warmupSeconds);
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? running : [...running].reverse();
      for (const entry of order) {
        const rate = await load(entry, settings.seconds);
        entry.rates.push(rate);
        console.log(
          `round ${round + 1}/${settings.rounds} ${entry.variant.name}: ${Math.round(rate)} req/s`,
        );
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  const markdown = report(running, started, machine);
  console.log(`\n${markdown}`);
  await writeResultsSection('http', markdown);
  console.log('\nWritten to bench/RESULTS.md');
}

/** One autocannon trial; throws unless every response had the variant's status. */
async function load(entry: Running, seconds: number): Promise<number> {
  const result = await autocannon({
    url: entry.url,
    headers: entry.headers,
    connections: settings.connections,
    pipelining: 1,
    duration: seconds,
  });
  const status = String(expectedStatus(entry.variant.expect)) as `${number}`;
  const matching = result.statusCodeStats?.[status]?.count ?? 0;
  const total = result.requests.total;
  if (result.errors > 0 || result.timeouts > 0 || total === 0 || matching !== total) {
    throw new Error(
      `${entry.variant.name} under load: ${total} responses, ${matching} with status ${status}, ` +
        `${result.errors} errors, ${result.timeouts} timeouts (server log: ${entry.server.logFile})`,
    );
  }
  await sleep(200);
  return total / result.duration;
}

function report(running: readonly Running[], started: Date, machine: string): string {
  const byName = new Map(running.map((entry) => [entry.variant.name, entry.rates]));
  const ceiling = byName.get('node-raw');
  const rows = running.map(({ variant, rates }) => [
    `\`${variant.name}\``,
    variant.informational === true ? `${variant.what} (context)` : variant.what,
    formatRate(summarize(rates)),
    ceiling === undefined ? '–' : formatRatio(summarize(roundRatios(rates, ceiling))),
  ]);
  const targetRows = (list: readonly RatioTarget[]): string[][] =>
    list.map((target) => {
      const a = byName.get(target.numerator);
      const b = byName.get(target.denominator);
      const wanted = `≥ ${target.atLeast.toFixed(2)}×`;
      if (a === undefined || b === undefined) return [target.label, 'not run', wanted, 'not run'];
      const ratio = summarize(roundRatios(a, b));
      return [target.label, formatRatio(ratio), wanted, verdict(ratio, target.atLeast)];
    });
  const targetHeader = ['target', 'ratio, median (min–max)', 'target', 'verdict'];
  const { rounds, seconds, connections, warmupSeconds } = settings;
  return [
    '## HTTP: `npm run bench`',
    '',
    `- Command: \`npx tsx bench/http.ts\`${settings.only === undefined ? '' : ` with \`BENCH_VARIANTS=${settings.only.join(',')}\``}`,
    `- Date: ${started.toISOString()}`,
    `- Machine: ${machine}`,
    `- Load: autocannon (in this process) against 127.0.0.1, ${connections} connections, pipelining 1; ` +
      `${warmupSeconds} s warm-up per variant, then ${rounds} rounds × ${seconds} s per variant, ` +
      'variants interleaved (forward on odd rounds, backward on even). Servers run with `NODE_ENV=production`.',
    '- Every variant answered `GET /v1/blb/lb-missing` correctly before the load (status, content type, ' +
      'body keys and code, header id = body id) and with the expected status under load. ' +
      "Express's default handler answers HTML: its check is the status only.",
    '',
    '### Requests per second',
    '',
    'Median (min–max) of the rounds; the last column is the per-round ratio to `node-raw`.',
    '',
    markdownTable(['variant', 'what', 'req/s', '÷ node-raw'], rows),
    '',
    '### Targets',
    '',
    markdownTable(targetHeader, targetRows(targets)),
    '',
    '### Context',
    '',
    'Same run, same rounds. `koa-throw-floor` throws a ready-made object (no `Error`, no stack) ' +
      'to a five-line try/catch: what any design that throws pays over `koa-hand`, before it ' +
      'formats anything. The "target" column here is a reference line, not a goal.',
    '',
    markdownTable(targetHeader, targetRows(contextRatios)),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// Micro benchmark: `npm run bench:micro` (npx tsx bench/micro.ts). Each case is timed against
// a baseline that does the unavoidable part of the same job, in the same round; the rounds
// alternate the order of case and baseline, and each ratio is the median of the per-round ones.
// Settings: BENCH_ROUNDS (5), BENCH_MS (250, per task per round).
import createError from 'http-errors';
import { createHmac, randomUUID } from 'node:crypto';
import { Bench } from 'tinybench';
import {
  BlbError,
  resolveRequestId,
  signBceRequest,
  toBceResponse,
  verifyBceAuth,
} from '../src/index.js';
import { canonicalRequest } from '../src/auth/canonical-request.js';
import { INSTANCE_NOT_FOUND as E } from './servers/instance-not-found.js';
import { describeMachine } from './support/machine.js';
import { markdownTable, writeResultsSection } from './support/results.js';
import { formatRatio, positiveInteger, roundRatios, summarize } from './support/stats.js';

interface Case {
  readonly name: string;
  readonly run: () => unknown;
  readonly baseline: string;
}

const rounds = positiveInteger('BENCH_ROUNDS', 5);
const ms = positiveInteger('BENCH_MS', 250);

const requestId = 'ae2225f7-1c2e-427a-a1ad-5413b762957d';
const blbError = new BlbError('InstanceNotFound');
const httpError = createError(404, 'No such instance.');
const plainError = new Error('connect ECONNREFUSED 10.0.0.7:5432');

const keys = { accessKeyId: 'bench-ak', secretAccessKey: 'bench-sk' };
const signedAt = new Date('2026-12-04T00:00:00Z');
const unsigned = {
  method: 'GET',
  url: '/v1/blb/lb-1a2b3c4d?marker=lb-0&maxKeys=100',
  headers: {
    host: 'blb.bj.baidubce.com',
    'content-type': 'application/json;charset=utf-8',
    'x-bce-date': '2026-12-04T00:00:00Z',
  },
};
const signed = {
  ...unsigned,
  headers: {
    ...unsigned.headers,
    authorization: signBceRequest(unsigned, { ...keys, timestamp: signedAt }),
  },
};
const authOptions = {
  credentials: (ak: string) => (ak === keys.accessKeyId ? keys.secretAccessKey : undefined),
  now: () => signedAt.getTime() + 1000,
};
// The exact strings the algorithm hashes for this request, made once outside the timing.
const canonical = canonicalRequest(unsigned, ['content-type', 'host', 'x-bce-date']);
const authStringPrefix = `bce-auth-v1/${keys.accessKeyId}/2026-12-04T00:00:00Z/1800`;

/** What every error response must do anyway: serialise the same three-key body. */
function stringifyBody(): string {
  return JSON.stringify({ requestId, code: E.code, message: E.message });
}

/** The two HMAC-SHA256 that bce-auth-v1 requires, over the very strings it hashes. */
function twoHmacs(): string {
  const signingKey = createHmac('sha256', keys.secretAccessKey)
    .update(authStringPrefix)
    .digest('hex');
  return createHmac('sha256', signingKey).update(canonical).digest('hex');
}

const baselines: Readonly<Record<string, { readonly run: () => unknown; readonly what: string }>> =
  {
    stringify: { run: stringifyBody, what: '`JSON.stringify` of the same body' },
    uuid: { run: () => randomUUID(), what: '`crypto.randomUUID()`' },
    hmac: { run: twoHmacs, what: 'the two HMAC-SHA256 the algorithm requires' },
  };

const cases: readonly Case[] = [
  {
    name: 'toBceResponse(BlbError)',
    run: () => toBceResponse(blbError, requestId),
    baseline: 'stringify',
  },
  {
    name: 'toBceResponse(http-errors 404)',
    run: () => toBceResponse(httpError, requestId),
    baseline: 'stringify',
  },
  {
    name: 'toBceResponse(plain Error)',
    run: () => toBceResponse(plainError, requestId),
    baseline: 'stringify',
  },
  {
    name: "toBceResponse('a string')",
    run: () => toBceResponse('a string', requestId),
    baseline: 'stringify',
  },
  {
    name: 'new BlbError(4xx) + toBceResponse',
    run: () => toBceResponse(new BlbError('InstanceNotFound'), requestId),
    baseline: 'stringify',
  },
  {
    name: 'resolveRequestId (valid incoming id)',
    run: () => resolveRequestId({ headers: { 'x-bce-request-id': requestId } }),
    baseline: 'uuid',
  },
  {
    name: 'resolveRequestId (generated)',
    run: () => resolveRequestId({ headers: {} }),
    baseline: 'uuid',
  },
  {
    name: 'resolveRequestId (hostile id replaced)',
    run: () => resolveRequestId({ headers: { 'x-bce-request-id': 'a\r\nset-cookie: x' } }),
    baseline: 'uuid',
  },
  {
    name: 'signBceRequest',
    run: () => signBceRequest(unsigned, { ...keys, timestamp: signedAt }),
    baseline: 'hmac',
  },
  // An async function, so that tinybench awaits each call.
  {
    name: 'verifyBceAuth (valid)',
    run: async () => verifyBceAuth(signed, authOptions),
    baseline: 'hmac',
  },
];

async function main(): Promise<void> {
  const started = new Date();
  const machine = describeMachine();
  await verifyCases();
  const tasks = [
    ...Object.keys(baselines).map((name) => `baseline:${name}`),
    ...cases.map((c) => c.name),
  ];
  const perTask = new Map<string, number[]>(tasks.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: ms, warmupTime: round === 0 ? ms : 20 });
    const order = round % 2 === 0 ? tasks : [...tasks].reverse();
    for (const name of order) bench.add(name, taskRun(name));
    await bench.run();
    for (const task of bench.tasks) {
      const { result } = task;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      perTask.get(task.name)?.push(result.latency.mean * 1e6);
    }
    console.log(`round ${round + 1}/${rounds} done`);
  }
  const markdown = report(perTask, started, machine);
  console.log(`\n${markdown}`);
  await writeResultsSection('micro', markdown);
  console.log('\nWritten to bench/RESULTS.md');
}

function taskRun(name: string): () => unknown {
  if (name.startsWith('baseline:')) {
    const baseline = baselines[name.slice('baseline:'.length)];
    if (baseline === undefined) throw new Error(`no baseline ${name}`);
    return baseline.run;
  }
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found.run;
}

/** Each case must do its job before it is timed: a wrong answer fails the run. */
async function verifyCases(): Promise<void> {
  const expectations: [unknown, number, string][] = [
    [toBceResponse(blbError, requestId), 404, 'InstanceNotFound'],
    [toBceResponse(httpError, requestId), 404, 'NoSuchKey'],
    [toBceResponse(plainError, requestId), 500, 'InternalError'],
    [toBceResponse('a string', requestId), 500, 'InternalError'],
  ];
  for (const [response, status, code] of expectations) {
    const { status: got, body } = response as { status: number; body: { code: string } };
    if (got !== status || body.code !== code)
      throw new Error(`expected ${status} ${code}, got ${got} ${body.code}`);
  }
  if (resolveRequestId({ headers: { 'x-bce-request-id': requestId } }) !== requestId) {
    throw new Error('a valid incoming id was not reused');
  }
  if (resolveRequestId({ headers: { 'x-bce-request-id': 'a\r\nx' } }).includes('\r')) {
    throw new Error('a hostile id was echoed');
  }
  const { accessKeyId } = await verifyBceAuth(signed, authOptions);
  if (accessKeyId !== keys.accessKeyId) throw new Error('verifyBceAuth did not accept');
  const tampered = { ...signed, url: `${signed.url}&x=1` };
  const rejected = await verifyBceAuth(tampered, authOptions).then(
    () => false,
    (error: unknown) => error instanceof BlbError && error.code === 'SignatureDoesNotMatch',
  );
  if (!rejected) throw new Error('verifyBceAuth accepted a tampered request');
}

function report(perTask: Map<string, number[]>, started: Date, machine: string): string {
  const nanos = (name: string): number[] => perTask.get(name) ?? [];
  const rows = cases.map(({ name, baseline }) => {
    const own = nanos(name);
    const base = nanos(`baseline:${baseline}`);
    return [
      name,
      `${Math.round(summarize(own).median).toLocaleString('en-US')} ns`,
      baselines[baseline]?.what ?? baseline,
      formatRatio(summarize(roundRatios(own, base))),
    ];
  });
  const baselineRows = Object.entries(baselines).map(([name, { what }]) => [
    what,
    `${Math.round(summarize(nanos(`baseline:${name}`)).median).toLocaleString('en-US')} ns`,
  ]);
  return [
    '## Micro: `npm run bench:micro`',
    '',
    '- Command: `npx tsx bench/micro.ts` (tinybench, in one process)',
    `- Date: ${started.toISOString()}`,
    `- Machine: ${machine}`,
    `- ${rounds} rounds × ${ms} ms per task; the order of the tasks alternates between rounds. ` +
      'Every case was checked for the right answer before it was timed.',
    '',
    'Mean time per call (median of the rounds) and the per-round ratio to a baseline that does the ' +
      'unavoidable part of the same job: serialising the body, making a UUID, computing the HMACs.',
    '',
    markdownTable(['case', 'time', 'baseline', '÷ baseline, median (min–max)'], rows),
    '',
    markdownTable(['baseline', 'time'], baselineRows),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

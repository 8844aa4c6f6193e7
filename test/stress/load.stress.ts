import http from 'node:http';
import { signBceRequest } from '../../src/auth/index.js';
import type { BlbErrorCode } from '../../src/index.js';
import { demo } from '../support/emulator-env.js';
import { allCases } from '../support/throwables.js';
import { frameworkNames, type FrameworkName } from './support/stress-apps.js';
import { startStressServer, type StressServer } from './support/stress-child.js';
import { bceViolation, leakIn, send, type WireRequest } from './support/wire.js';

const TOTAL = 20_000;
const CONCURRENCY = 200;

/** One kind of request of the mix, and the only answer it may get. */
interface Spec {
  readonly name: string;
  readonly target: FrameworkName | 'emulator';
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly sign?: { accessKeyId: string; secretAccessKey: string } | null;
  readonly status: number;
  readonly code: BlbErrorCode;
}

const styles: Record<FrameworkName, readonly string[]> = {
  // Express 4 does not forward rejected promises: no async routes there.
  express4: ['sync', 'next'],
  express5: ['sync', 'next', 'async'],
  koa2: ['sync', 'async'],
  koa3: ['sync', 'async'],
};

function frameworkSpecs(target: FrameworkName): Spec[] {
  const specs: Spec[] = [];
  for (const style of styles[target]) {
    for (const c of allCases) {
      // Express takes `throw null` and `next(null)` for `next()`: the request goes unmatched.
      const unmatched = c.falsy === true && target.startsWith('express') && style !== 'async';
      specs.push({
        name: `${target} ${c.name} (${style})`,
        target,
        method: 'GET',
        path: `/throw/${style}/${c.name}`,
        status: unmatched ? 400 : c.expected.status,
        code: unmatched ? 'InvalidURI' : c.expected.code,
      });
    }
  }
  const extra: Omit<Spec, 'target'>[] = [
    { name: 'unmatched', method: 'GET', path: '/v1/nowhere', status: 400, code: 'InvalidURI' },
    { name: 'retry', method: 'GET', path: '/retry', status: 409, code: 'LastOperationNotFinished' },
    { name: 'slow 503', method: 'GET', path: '/slow-fail', status: 503, code: 'InternalError' },
    {
      name: 'malformed JSON',
      method: 'POST',
      path: '/json',
      body: '{"RAWBODY": hunter2',
      status: 400,
      code: 'MalformedJSON',
    },
  ];
  return [...specs, ...extra.map((spec) => ({ ...spec, name: `${target} ${spec.name}`, target }))];
}

const other = { accessKeyId: 'ak-other', secretAccessKey: 'sk-other' };
const emulatorSpecs: Spec[] = (
  [
    ['missing instance', 'GET', '/v1/blb/lb-missing', undefined, demo, 404, 'InstanceNotFound'],
    ['v2', 'GET', '/v2/blb', undefined, demo, 404, 'InvalidVersion'],
    ['no such API', 'GET', '/v1/nowhere', undefined, demo, 400, 'InvalidURI'],
    ['unsigned', 'GET', '/v1/blb', undefined, null, 403, 'AccessDenied'],
    [
      'wrong secret',
      'GET',
      '/v1/blb',
      undefined,
      { ...demo, secretAccessKey: 'sk-other' },
      400,
      'SignatureDoesNotMatch',
    ],
    [
      'unknown key',
      'GET',
      '/v1/blb',
      undefined,
      { accessKeyId: 'ak-none', secretAccessKey: 'x' },
      403,
      'InvalidAccessKeyId',
    ],
    [
      'blocked account',
      'GET',
      '/v1/blb',
      undefined,
      { accessKeyId: 'ak-blocked', secretAccessKey: 'sk-blocked' },
      403,
      'ServiceBlocked',
    ],
    ['malformed JSON', 'POST', '/v1/blb', '{"vpcId": RAWBODY', other, 400, 'MalformedJSON'],
    ['missing vpcId', 'POST', '/v1/blb', '{"subnetId":"sbn-1"}', other, 400, 'MissingParameter'],
  ] as const
).map(([name, method, path, body, sign, status, code]) => ({
  name: `emulator ${name}`,
  target: 'emulator' as const,
  method,
  path,
  ...(body === undefined ? {} : { body }),
  sign,
  status,
  code,
}));

// Interleaved: each target gets its share of the 20,000, every kind of request many times.
const mix: Spec[] = [];
{
  const lists = [...frameworkNames.map(frameworkSpecs), emulatorSpecs];
  const longest = Math.max(...lists.map((list) => list.length));
  for (let i = 0; i < longest; i += 1) {
    for (const list of lists) {
      const spec = list[i % list.length];
      if (spec !== undefined) mix.push(spec);
    }
  }
}

function toRequest(server: StressServer, spec: Spec, i: number, agent: http.Agent): WireRequest {
  const port = server.port(spec.target);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${String(port)}`,
    'content-type': 'application/json',
    'x-bce-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  // Every 10th request brings a valid id of its own, every 10th an invalid one.
  if (i % 10 === 3) headers['x-bce-request-id'] = `load-${String(i)}`;
  if (i % 10 === 7) headers['x-bce-request-id'] = `bad id ${String(i)}`;
  if (spec.sign !== undefined && spec.sign !== null) {
    headers.authorization = signBceRequest(
      { method: spec.method, url: spec.path, headers },
      spec.sign,
    );
  }
  return {
    port,
    method: spec.method,
    path: spec.path,
    headers,
    agent,
    ...(spec.body === undefined ? {} : { body: spec.body }),
  };
}

describe(`${String(TOTAL)} error requests at ${String(CONCURRENCY)} concurrent connections`, () => {
  let server: StressServer;
  beforeAll(async () => {
    server = await startStressServer({ STRESS_REQUEST_TIMEOUT_MS: '30000' });
  });
  afterAll(() => server.stop());

  it('answers each with a valid BCE error of the expected status and code, distinct ids, and nothing else', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const failures: string[] = [];
    const ids = new Set<string>();
    const perTarget = new Map<string, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < TOTAL; i = next++) {
        const spec = mix[i % mix.length] as Spec;
        const request = toRequest(server, spec, i, agent);
        const res = await send(request);
        const violation =
          bceViolation(res) ??
          (res.status !== spec.status ? `status ${String(res.status)}` : undefined) ??
          leakIn(`${JSON.stringify(res.headers)}${res.text}`);
        const body =
          violation === undefined
            ? (JSON.parse(res.text) as { code: string; requestId: string })
            : undefined;
        if (body === undefined) {
          failures.push(`${spec.name}: ${String(violation)}: ${res.text.slice(0, 120)}`);
          continue;
        }
        if (body.code !== spec.code) failures.push(`${spec.name}: code ${body.code}`);
        const sent = request.headers?.['x-bce-request-id'];
        if (i % 10 === 3 && body.requestId !== sent) failures.push(`${spec.name}: id not reused`);
        if (i % 10 === 7 && body.requestId === sent) failures.push(`${spec.name}: bad id echoed`);
        ids.add(body.requestId);
        perTarget.set(spec.target, (perTarget.get(spec.target) ?? 0) + 1);
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      agent.destroy();
    }

    expect(failures.slice(0, 10)).toEqual([]);
    expect(ids.size).toBe(TOTAL);
    expect([...perTarget.keys()].sort()).toEqual([...frameworkNames, 'emulator'].sort());
    const report = await server.report();
    expect(report).toMatchObject({ uncaught: [], unhandled: [], doubleWrites: 0 });
    // express4 and koa2 count their onError calls: once per error response, none lost.
    expect(report.reports).toBe((perTarget.get('express4') ?? 0) + (perTarget.get('koa2') ?? 0));
    expect(server.alive()).toBe(true);
  });
});

// ── PLACEHOLDER: the emulator, signed DescribeLoadBalancerDetail vs unsigned. ──────────────────
// BENCH_AUTH=signed: createEmulatorApp() with one account; the bench creates an instance, then
// announces a signed `GET /v1/blb/{id}` (valid 30 min: bce-auth-v1 signatures replay until they
// expire, and a run takes minutes), so every request under load is verified.
// BENCH_AUTH=unsigned: the same request to the same emulator with verification off. The emulator
// has no switch for that yet, so this mode skips with a note: FILL IN once it has one.
// Modules load at run time and a variant that cannot load skips, so the bench runs before the
// emulator and src/auth/index.ts are complete.
import type { RequestListener } from 'node:http';
import { serve, skip } from './serve.js';

interface Account {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}
interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}
type CreateEmulatorApp = (overrides: { accounts: readonly Account[] }) => RequestListener;
type SignBceRequest = (request: SignedRequest, options: Account) => string;

const account: Account = { accessKeyId: 'bench-ak', secretAccessKey: 'bench-sk' };
// Computed specifiers: type-checking must not depend on modules still being written.
const appSpecifier: string = '../../examples/emulator/app.js';
const authSpecifier: string = '../../src/auth/index.js';

if (process.env.BENCH_AUTH !== 'signed') {
  skip(
    'the emulator has no switch to turn signature verification off yet (bench/servers/emulator.ts)',
  );
}
let createEmulatorApp: unknown;
let signBceRequest: unknown;
try {
  ({ createEmulatorApp } = (await import(appSpecifier)) as Record<string, unknown>);
  ({ signBceRequest } = (await import(authSpecifier)) as Record<string, unknown>);
} catch (error) {
  skip(`the emulator does not load yet: ${String(error).split('\n')[0] ?? ''}`);
}
if (typeof createEmulatorApp !== 'function' || typeof signBceRequest !== 'function') {
  skip('createEmulatorApp or signBceRequest is not exported yet');
}
const create = createEmulatorApp as CreateEmulatorApp;
const sign = signBceRequest as SignBceRequest;

serve(create({ accounts: [account] }), async (port) => {
  const signed = (method: string, url: string, extra: Record<string, string> = {}) => {
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const headers = { host: `127.0.0.1:${port}`, 'x-bce-date': date, ...extra };
    const authorization = sign({ method, url, headers }, account);
    return { 'x-bce-date': date, ...extra, authorization };
  };
  const body = JSON.stringify({ vpcId: 'vpc-bench', subnetId: 'sbn-bench' });
  const created = await fetch(`http://127.0.0.1:${port}/v1/blb`, {
    method: 'POST',
    headers: signed('POST', '/v1/blb', { 'content-type': 'application/json' }),
    body,
  });
  const { blbId } = (await created.json()) as { blbId?: unknown };
  if (created.status !== 200 || typeof blbId !== 'string') {
    throw new Error(`creating the bench instance answered ${created.status}`);
  }
  const path = `/v1/blb/${blbId}`;
  return { path, headers: signed('GET', path) };
});

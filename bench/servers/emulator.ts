// The emulator answering DescribeLoadBalancerDetail (`GET /v1/blb/{id}`) for one instance.
// BENCH_AUTH=signed: every request carries a bce-auth-v1 signature that bceAuth verifies (the
// announced one is valid for the default 30 min: a signature replays until it expires, and a run
// takes minutes). BENCH_AUTH=unsigned: the same emulator with `verifySignatures: false`, the same
// request without the Authorization header. The difference is the cost of verification.
import { createEmulatorApp } from '../../examples/emulator/app.js';
import { signBceRequest } from '../../src/index.js';
import { serve } from './serve.js';

const account = { accessKeyId: 'bench-ak', secretAccessKey: 'bench-sk' };
const signed = process.env.BENCH_AUTH === 'signed';
const app = createEmulatorApp({
  accounts: [account],
  provisioningDelayMs: 0,
  verifySignatures: signed,
});

serve(app, async (port) => {
  const host = `127.0.0.1:${String(port)}`;
  const headersFor = (method: string, url: string, extra: Record<string, string> = {}) => {
    if (!signed) return extra;
    const headers = { host, ...extra };
    const authorization = signBceRequest({ method, url, headers }, account);
    return { ...extra, authorization };
  };
  const body = JSON.stringify({ vpcId: 'vpc-bench', subnetId: 'sbn-bench' });
  const created = await fetch(`http://${host}/v1/blb`, {
    method: 'POST',
    headers: headersFor('POST', '/v1/blb', { 'content-type': 'application/json' }),
    body,
  });
  const { blbId } = (await created.json()) as { blbId?: unknown };
  if (created.status !== 200 || typeof blbId !== 'string') {
    throw new Error(`creating the bench instance answered ${String(created.status)}`);
  }
  const path = `/v1/blb/${blbId}`;
  return { path, headers: headersFor('GET', path) };
});

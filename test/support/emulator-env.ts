import type { Server } from 'node:http';
import request from 'supertest';
import { createEmulatorApp } from '../../examples/emulator/app.js';
import type { EmulatorAccount, EmulatorConfig } from '../../examples/emulator/config.js';
import { close, listen } from '../conformance.js';
import { emulatorClient, type Call, type CallOptions } from './emulator-client.js';
import type { RecipeEnv } from './emulator-recipes.js';

export const demo = { accessKeyId: 'demo-access-key', secretAccessKey: 'demo-secret-key' };
export const adminToken = 'admin-secret-token';

const flagged = (name: string, extra: Partial<EmulatorAccount>): EmulatorAccount => ({
  accessKeyId: `ak-${name}`,
  secretAccessKey: `sk-${name}`,
  ...extra,
});

/** The demo account and one account per flag the recipes need. */
export const testAccounts: readonly EmulatorAccount[] = [
  { ...demo, instanceQuota: 1000, certificates: ['cert-demo0001'] },
  flagged('optin', { flags: { optInRequired: true } }),
  flagged('realname', { flags: { realNameAuthenticationRequired: true } }),
  flagged('blocked', { flags: { serviceBlocked: true } }),
  flagged('noserver', { flags: { serverRequired: true } }),
  flagged('createfail', { flags: { instanceCreationFailed: true } }),
  flagged('eipfail', { flags: { eipUnbindFailed: true } }),
  flagged('quota', { instanceQuota: 1 }),
  flagged('other', {}),
];

export interface RunningEmulator extends RecipeEnv {
  readonly server: Server;
  readonly stop: () => Promise<void>;
}

/** A real emulator on a free port, with a controllable clock and a 60 s provisioning delay. */
export async function startEmulator(
  overrides: Partial<EmulatorConfig> = {},
): Promise<RunningEmulator> {
  let clock = Date.now();
  const server = await listen(
    createEmulatorApp({
      accounts: testAccounts,
      provisioningDelayMs: 60_000,
      control: { enabled: true, adminToken },
      now: () => clock,
      ...overrides,
    }),
  );
  const call: Call = emulatorClient(server, demo);
  const creatingInstance = async (): Promise<string> => {
    const res = await call('POST', '/v1/blb', { body: { vpcId: 'vpc-1', subnetId: 'sbn-1' } });
    if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
    return (res.body as { blbId: string }).blbId;
  };
  const advance = (ms: number): void => {
    clock += ms;
  };
  return {
    server,
    call,
    advance,
    callAs: (name: string, method: string, path: string, options?: CallOptions) =>
      emulatorClient(server, { accessKeyId: `ak-${name}`, secretAccessKey: `sk-${name}` })(
        method,
        path,
        options,
      ),
    control: (method, path, body) => {
      const verb = method.toLowerCase() as 'get';
      const pending = request(server)[verb](path).set('x-emulator-admin-token', adminToken);
      return body === undefined ? pending : pending.send(body as object);
    },
    availableInstance: async () => {
      const id = await creatingInstance();
      advance(61_000);
      return id;
    },
    creatingInstance,
    stop: () => close(server),
  };
}

import { BceBaseClient } from '@baiducloud/sdk';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the SDK rejects with: a plain object, not an Error (wire-contract §1, JS). */
export interface SdkRejection {
  readonly status_code: number;
  readonly message: unknown;
  readonly code?: string;
  readonly request_id?: string;
}

/** A real SDK client, signing with these credentials, pointed at a local server. */
export function bceClient(
  server: Server,
  credentials: { ak: string; sk: string } = { ak: 'demo-ak', sk: 'demo-sk' },
): BceBaseClient {
  const { port } = server.address() as AddressInfo;
  return new BceBaseClient({ endpoint: `http://127.0.0.1:${port}`, credentials }, 'blb', false);
}

/** The SDK's rejection for a request that must fail; a success fails the test. */
export async function sdkRejection(pending: PromiseLike<unknown>): Promise<SdkRejection> {
  try {
    await pending;
  } catch (rejection) {
    return rejection as SdkRejection;
  }
  throw new Error('the SDK call succeeded but an error was expected');
}

/**
 * Shifts the SDK's signing clock (a prototype field every client shares). The SDK also sets it
 * from the response `Date` after any rejected call, so tests put it back to 0 after each.
 */
export function setSdkClockOffset(ms: number): void {
  BceBaseClient.prototype.timeOffset = ms;
}

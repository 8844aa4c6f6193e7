import { BceBaseClient } from '@baiducloud/sdk';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlbError, catalog, type BlbErrorCode } from '../../src/index.js';
import { close, listen } from '../conformance.js';

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

/**
 * The official JS SDK against a conformance app (test/support/express-app.ts, koa-app.ts): the
 * rejection it gives a caller carries our status, code, message and request id. `style` is the
 * throw style of the app's `/throw/{style}/…` routes; `codes` the catalog errors to try.
 */
export function describeReadBySdk(
  label: string,
  createListener: () => RequestListener,
  style: 'sync' | 'async',
  codes: readonly BlbErrorCode[],
): void {
  describe('read by the official BCE JavaScript SDK', () => {
    let server: Server;
    beforeAll(async () => {
      server = await listen(createListener());
    });
    afterAll(async () => {
      await close(server);
    });
    // The SDK sends the caller's id and the handler reuses a valid one, so request_id is ours.
    const call = (method: string, path: string, id: string, body?: string) =>
      sdkRejection(
        bceClient(server).sendRequest(method, path, {
          headers: { 'x-bce-request-id': `sdk-${label}-${id}` },
          ...(body === undefined ? {} : { body }),
        }),
      );

    it.each(codes)(
      'rejects with status_code, code, message and our request_id of %s',
      async (code) => {
        const error = new (BlbError as unknown as new (c: string) => BlbError)(code);
        expect(await call('GET', `/throw/${style}/BlbError-${code}`, code)).toMatchObject({
          status_code: error.status,
          code,
          message: error.message,
          request_id: `sdk-${label}-${code}`,
        });
      },
    );

    it('reads a malformed body as MalformedJSON', async () => {
      expect(await call('POST', '/json', 'malformed', '{"name": ')).toMatchObject({
        status_code: 400,
        code: 'MalformedJSON',
        message: catalog.MalformedJSON.message,
        request_id: `sdk-${label}-malformed`,
      });
    });

    it('reads an unexpected 500 as InternalError without the internal message', async () => {
      expect(await call('GET', `/throw/${style}/plain-error`, '500')).toMatchObject({
        status_code: 500,
        code: 'InternalError',
        message: catalog.InternalError.message,
        request_id: `sdk-${label}-500`,
      });
    });
  });
}

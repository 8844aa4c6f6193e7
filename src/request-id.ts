import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * How request ids are chosen. Shared by `resolveRequestId` and every adapter.
 *
 * @example
 * ```ts
 * const options: RequestIdOptions = { requestIdHeader: 'x-request-id', trustIncomingRequestId: false };
 * ```
 */
export interface RequestIdOptions {
  /** Header read from the request and written on the response. Default `x-bce-request-id`. */
  readonly requestIdHeader?: string;
  /** Makes a new id; its result is used only when it is itself a valid id. Default `randomUUID`. */
  readonly generateRequestId?: () => string;
  /** Reuse a valid incoming id (a gateway passing its caller's id on). Default `true`. */
  readonly trustIncomingRequestId?: boolean;
}

/**
 * The response header BCE puts the request id in.
 *
 * @example
 * ```ts
 * res.setHeader(BCE_REQUEST_ID_HEADER, id);
 * ```
 */
export const BCE_REQUEST_ID_HEADER = 'x-bce-request-id';

// Letters, digits and `-_.=` only: safe in a header, a log line and JSON, and wide enough for
// UUIDs, base64 ids and the ids other gateways pass on.
const validRequestId = /^[A-Za-z0-9\-_.=]{1,128}$/;

/**
 * Whether a value may be used as a request id (1–128 of `A–Z a–z 0–9 - _ . =`).
 *
 * @example
 * ```ts
 * isValidRequestId('ae2225f7-1c2e-427a-a1ad-5413b762957d'); // true
 * isValidRequestId('a\r\nSet-Cookie: x'); // false
 * ```
 */
export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && validRequestId.test(value);
}

/**
 * The request id of a response: the incoming one when it is valid and trusted, otherwise a new
 * one. An invalid incoming id is replaced, never echoed.
 *
 * @example
 * ```ts
 * const requestId = resolveRequestId(req); // reuses x-bce-request-id or makes a UUID v4
 * ```
 */
export function resolveRequestId(
  req: { readonly headers: IncomingHttpHeaders },
  options: RequestIdOptions = {},
): string {
  if (options.trustIncomingRequestId !== false) {
    const incoming = req.headers[(options.requestIdHeader ?? BCE_REQUEST_ID_HEADER).toLowerCase()];
    if (isValidRequestId(incoming)) return incoming;
  }
  return generateRequestId(options);
}

/**
 * A fresh request id from the configured generator, or a UUID v4 when it gives none that is valid.
 *
 * @example
 * ```ts
 * const id = generateRequestId({ generateRequestId: () => `gw-${Date.now()}` });
 * ```
 */
export function generateRequestId(options: RequestIdOptions = {}): string {
  if (options.generateRequestId !== undefined) {
    try {
      const generated = options.generateRequestId();
      if (isValidRequestId(generated)) return generated;
    } catch {
      // A broken generator must not cost the client its error response.
    }
  }
  return randomUUID();
}

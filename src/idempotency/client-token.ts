import { BlbError } from '../blb-error.js';

/**
 * The longest clientToken BCE accepts ("Idempotent Token, no longer than 64").
 *
 * @example
 * ```ts
 * const token = randomUUID(); // 36 characters, well within CLIENT_TOKEN_MAX_LENGTH
 * ```
 */
export const CLIENT_TOKEN_MAX_LENGTH = 64;

/**
 * The `clientToken` query parameter of a request URL, or `undefined` when there is none. Throws
 * `InvalidParameter` naming `clientToken` when it is empty, longer than 64 characters or given
 * more than once: such a token cannot guard anything, and guessing would hide the client's bug.
 *
 * @example
 * ```ts
 * readClientToken('/v1/blb?clientToken=t-1'); // 't-1'
 * readClientToken('/v1/blb'); // undefined
 * ```
 */
export function readClientToken(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  const tokens = new URLSearchParams(url.slice(start + 1)).getAll('clientToken');
  if (tokens.length === 0) return undefined;
  const [token] = tokens;
  if (
    tokens.length > 1 ||
    token === undefined ||
    token === '' ||
    token.length > CLIENT_TOKEN_MAX_LENGTH
  ) {
    throw new BlbError('InvalidParameter', { params: { parameterName: 'clientToken' } });
  }
  return token;
}

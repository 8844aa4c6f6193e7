import { BCE_ERROR_CONTENT_TYPE, BCE_REQUEST_ID_HEADER, catalog } from '../../src/index.js';

/**
 * What a variant must answer before it is put under load:
 * - `bce-error`: the InstanceNotFound response, byte for byte in shape (status 404, the BCE
 *   content type, a body of exactly `requestId`, `code`, `message` with the catalog's code and
 *   message, the id header equal to the body's id);
 * - `status-404`: status 404 only (Express's default handler answers HTML);
 * - `json-200`: a 200 with a JSON body (the emulator's DescribeLoadBalancerDetail).
 */
export type Expectation = 'bce-error' | 'status-404' | 'json-200';

/**
 * The status every response under load must have for an expectation.
 *
 * @example
 * ```ts
 * expectedStatus('bce-error'); // 404
 * ```
 */
export function expectedStatus(expectation: Expectation): number {
  return expectation === 'json-200' ? 200 : 404;
}

/**
 * Requests `url` once and throws unless the answer meets the expectation.
 *
 * @example
 * ```ts
 * await verifyResponse('http://127.0.0.1:3000/v1/blb/lb-missing', 'bce-error');
 * ```
 */
export async function verifyResponse(
  url: string,
  expectation: Expectation,
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  const problems: string[] = [];
  if (response.status !== expectedStatus(expectation)) {
    problems.push(`status ${response.status}, expected ${expectedStatus(expectation)}`);
  }
  const contentType = response.headers.get('content-type');
  if (expectation === 'bce-error') {
    if (contentType !== BCE_ERROR_CONTENT_TYPE)
      problems.push(`content-type ${String(contentType)}`);
    problems.push(...bodyProblems(text, response.headers.get(BCE_REQUEST_ID_HEADER)));
  } else if (expectation === 'json-200') {
    if (contentType?.startsWith('application/json') !== true) {
      problems.push(`content-type ${String(contentType)}`);
    }
    try {
      JSON.parse(text);
    } catch {
      problems.push('the body is not JSON');
    }
  }
  if (problems.length > 0) {
    throw new Error(`${url} answered wrongly: ${problems.join('; ')}\n${text.slice(0, 500)}`);
  }
}

function bodyProblems(text: string, headerId: string | null): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return ['the body is not JSON'];
  }
  if (typeof body !== 'object' || body === null) return ['the body is not an object'];
  const problems: string[] = [];
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'code,message,requestId') problems.push(`body keys ${keys}`);
  const { requestId, code, message } = body as Record<string, unknown>;
  if (code !== 'InstanceNotFound') problems.push(`code ${String(code)}`);
  if (message !== catalog.InstanceNotFound.message) problems.push(`message ${String(message)}`);
  if (typeof requestId !== 'string' || requestId === '') problems.push('no requestId');
  if (headerId !== requestId) {
    problems.push(`${BCE_REQUEST_ID_HEADER} ${String(headerId)} ≠ body ${String(requestId)}`);
  }
  return problems;
}

import { isBlbErrorCode, type STALE_BODY_HEADERS } from '../../src/index.js';

/** Values a compression or static-file middleware would have set for the body it meant to send. */
export const staleBodyHeaderValues: Record<(typeof STALE_BODY_HEADERS)[number], string> = {
  'content-encoding': 'gzip',
  'content-range': 'bytes 0-99/1000',
  'content-disposition': 'attachment; filename="lb.json"',
  'content-md5': 'Q2hlY2sgSW50ZWdyaXR5IQ==',
  etag: '"v1"',
  'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
};

/**
 * The wire contract's body rules: a JSON object with exactly requestId, code and message, all
 * non-empty strings, and a catalog code. Returns the body typed for further checks.
 */
export function expectBceBody(body: unknown): { requestId: string; code: string; message: string } {
  expect(typeof body).toBe('object');
  expect(body).not.toBeNull();
  const record = body as Record<string, unknown>;
  expect(Object.keys(record).sort()).toEqual(['code', 'message', 'requestId']);
  for (const key of ['requestId', 'code', 'message']) {
    expect(typeof record[key]).toBe('string');
    expect(record[key]).not.toBe('');
  }
  expect(isBlbErrorCode(record.code)).toBe(true);
  return record as { requestId: string; code: string; message: string };
}

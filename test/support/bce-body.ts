import { isBlbErrorCode } from '../../src/index.js';

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

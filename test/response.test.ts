import createError from 'http-errors';
import {
  BCE_ERROR_CONTENT_TYPE,
  BlbError,
  catalog,
  toBceResponse,
  type BlbErrorCode,
} from '../src/index.js';
import { expectBceBody } from './support/bce-body.js';

const codes = Object.keys(catalog) as BlbErrorCode[];
const anyCode = BlbError as unknown as new (code: BlbErrorCode) => BlbError;

describe('toBceResponse', () => {
  it.each(codes)('answers a BlbError %s with its catalog status and message', (code) => {
    const response = toBceResponse(new anyCode(code), 'r-1');
    expect(response.status).toBe(catalog[code].status);
    expect(expectBceBody(response.body)).toEqual({
      requestId: 'r-1',
      code,
      message: new anyCode(code).message,
    });
    expect(response.headers).toEqual({
      'content-type': BCE_ERROR_CONTENT_TYPE,
      'x-bce-request-id': 'r-1',
    });
  });

  it('matches the example of the error page', () => {
    const { status, body } = toBceResponse(
      createError(404),
      'ae2225f7-1c2e-427a-a1ad-5413b762957d',
    );
    expect(status).toBe(404);
    expect(body).toEqual({
      requestId: 'ae2225f7-1c2e-427a-a1ad-5413b762957d',
      code: 'NoSuchKey',
      message: 'Not Found',
    });
  });

  it('keeps the foreign status on the wire: an http-errors 401 answers 401 AccessDenied', () => {
    const { status, body } = toBceResponse(createError(401), 'r-2');
    expect(status).toBe(401);
    expect(body.code).toBe('AccessDenied');
  });

  it('writes the id under a configured header name', () => {
    const { headers } = toBceResponse(new BlbError('AccessDenied'), 'r-3', {
      requestIdHeader: 'X-Request-Id',
    });
    expect(headers['x-request-id']).toBe('r-3');
    expect(headers['x-bce-request-id']).toBeUndefined();
  });

  it('replaces an invalid request id instead of writing it', () => {
    const { headers, body } = toBceResponse(new BlbError('AccessDenied'), 'a\r\nSet-Cookie: x');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['x-bce-request-id']).toBe(body.requestId);
  });

  it('records the id on the BlbError it answered', () => {
    const error = new BlbError('AccessDenied');
    toBceResponse(error, 'r-4');
    expect(error.requestId).toBe('r-4');
    expect(() => toBceResponse(Object.freeze(new BlbError('AccessDenied')), 'r-5')).not.toThrow();
  });

  it('lets an error add headers, but never content-type, framing or the request id', () => {
    const thrown = createError(503, 'busy', {
      headers: {
        'Retry-After': '5',
        'Content-Type': 'text/html',
        'content-length': '1',
        'Transfer-Encoding': 'chunked',
        'X-BCE-Request-Id': 'forged',
        'X-Bad': 'a\r\nSet-Cookie: x=1',
        'bad name': 'x',
        ['__proto__']: 'x',
      },
    });
    const { headers } = toBceResponse(thrown, 'r-6');
    expect({ ...headers }).toEqual({
      'retry-after': '5',
      'content-type': BCE_ERROR_CONTENT_TYPE,
      'x-bce-request-id': 'r-6',
    });
  });

  it('keeps the body free of stacks, foreign 5xx messages and raw bodies', () => {
    const secret = 'password=hunter2';
    const thrown = Object.assign(new Error(secret), { status: 502, body: secret });
    const { body } = toBceResponse(thrown, 'r-7');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(JSON.stringify(body)).not.toMatch(/\s+at\s/);
  });

  it('answers a BlbError whose message was emptied with the catalog message', () => {
    const error = new BlbError('ListenerNotFound');
    error.message = '';
    expect(toBceResponse(error, 'r-8').body.message).toBe(catalog.ListenerNotFound.message);
  });
});

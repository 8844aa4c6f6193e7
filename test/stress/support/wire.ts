import http, { type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import net from 'node:net';
import { signBceRequest } from '../../../src/auth/index.js';
import { BCE_ERROR_CONTENT_TYPE } from '../../../src/index.js';
import { parseBceError } from '../../../src/testing/index.js';

export interface WireResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface WireRequest {
  readonly port: number;
  readonly method?: string;
  readonly path: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  readonly agent?: Agent | false;
  /** A request that has no answer by then fails: the server hung it. Default 10 s. */
  readonly timeoutMs?: number;
}

/** One request over node:http to 127.0.0.1; rejects on a socket error or a hang. */
export function send(request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: request.port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: request.headers,
        agent: request.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.setTimeout(request.timeoutMs ?? 10_000, () => {
      req.destroy(new Error(`no answer to ${request.path} within the timeout: the socket hangs`));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Everything a raw socket received until the server closed it (or `timeoutMs` passed). */
export interface RawOutcome {
  readonly received: string;
  /** 'closed' when the server ended the connection, 'answered' when `until` held, 'timeout'. */
  readonly ended: 'closed' | 'timeout' | 'answered';
}

/**
 * Writes `chunks` to a raw TCP connection, one after `delayMs` of the other, then waits until the
 * server closes the connection. `closeAfterWrite` cuts it from the client side instead.
 */
export async function rawExchange(
  port: number,
  chunks: readonly (string | Buffer)[],
  options: {
    delayMs?: number;
    timeoutMs?: number;
    closeAfterWrite?: boolean;
    /** Stop waiting once what was received says so (a complete answer on a kept-alive socket). */
    until?: (received: string) => boolean;
  } = {},
): Promise<RawOutcome> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let answered: (value: 'answered') => void = () => undefined;
  const done = new Promise<'answered'>((resolve) => (answered = resolve));
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    if (options.until?.(received) === true) answered('answered');
  });
  // The server may answer and close while the client is still writing (EPIPE, ECONNRESET).
  socket.on('error', () => undefined);
  const closed = new Promise<'closed'>((resolve) => {
    socket.once('close', () => {
      resolve('closed');
    });
  });
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && options.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
    if (socket.destroyed) break;
    socket.write(chunk);
  }
  if (options.closeAfterWrite === true) socket.destroy();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, options.timeoutMs ?? 10_000);
  });
  const ended = await Promise.race([closed, timeout, done]);
  clearTimeout(timer);
  socket.destroy();
  return { received, ended };
}

/**
 * The first wire rule a response breaks, or undefined: what the SDKs need (`parseBceError`, the
 * package's own check), plus this package's stricter rules: exactly the BCE content type, and no
 * body key but requestId, code and message.
 */
export function bceViolation(res: WireResponse): string | undefined {
  const parsed = parseBceError(res);
  if (!parsed.ok) return `${parsed.rule}: ${parsed.reason}`;
  if (res.status > 599) return `status ${String(res.status)}`;
  if (res.headers['content-type'] !== BCE_ERROR_CONTENT_TYPE) {
    return `content-type ${String(res.headers['content-type'])}`;
  }
  const keys = Object.keys(JSON.parse(res.text) as object)
    .sort()
    .join();
  return keys === 'code,message,requestId' ? undefined : `keys ${keys}`;
}

/** The body of a response that keeps every BCE wire rule (checked with `bceViolation`). */
export function bceBody(res: WireResponse): { requestId: string; code: string; message: string } {
  const violation = bceViolation(res);
  if (violation !== undefined) {
    throw new Error(
      `not a BCE error (${violation}): ${String(res.status)} ${res.text.slice(0, 200)}`,
    );
  }
  return JSON.parse(res.text) as { requestId: string; code: string; message: string };
}

/** What no response may carry: stack frames, file paths, secrets, internal messages. */
export const LEAK_MARKERS = [
  '    at ',
  '/work/',
  'node_modules',
  '.ts:',
  '.js:',
  'demo-secret-key',
  'demo-sk',
  'sk-other',
  'detail of 5',
  'db-7.internal',
  'ECONNREFUSED',
  'hunter2',
  'another realm',
  'INTERNAL',
  'logger down',
  'RAWBODY',
] as const;

/** The first leak marker found in a response (head and body), or undefined. */
export function leakIn(text: string): string | undefined {
  return LEAK_MARKERS.find((marker) => text.includes(marker));
}

/** Headers of a request signed with bce-auth-v1 as the SDKs sign it (host, date, content type). */
export function signedHeaders(
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
  port: number,
  method: string,
  path: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${String(port)}`,
    'content-type': 'application/json',
    'x-bce-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    ...extra,
  };
  headers.authorization = signBceRequest({ method, url: path, headers }, credentials);
  return headers;
}

/** A request head written out by hand, for a raw socket. */
export function rawHead(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | number>>,
): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${String(value)}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The final (non-1xx) responses in what a raw socket received, each parsed by its
 * content-length: more than one to a single request is a double write.
 */
export function finalResponses(received: string): WireResponse[] {
  const responses: WireResponse[] = [];
  let rest = received;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) break;
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers: IncomingHttpHeaders = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const text = rest.slice(headEnd + 4, headEnd + 4 + length);
    rest = rest.slice(headEnd + 4 + length);
    if (status >= 200) responses.push({ status, headers, text });
  }
  return responses;
}

/** Whether a raw exchange holds a complete final response. */
export const hasFinalResponse = (received: string): boolean =>
  finalResponses(received).some((res) => res.text.length === Number(res.headers['content-length']));

import { createHmac } from 'node:crypto';
import http, { type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Written from the spec alone and sharing no code with src/auth, so a test signing with it checks
// the package against the rules rather than against itself.

const escapedBySdks: Readonly<Record<string, string>> = {
  '!': '%21',
  "'": '%27',
  '(': '%28',
  ')': '%29',
  '*': '%2A',
};

/** UriEncode as the JS SDK and Python's `normalize_string` write it. */
export function referenceUriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => escapedBySdks[char] ?? '',
  );
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** One `name:value` line of CanonicalHeaders. */
export const headerLine = (name: string, value: string): string =>
  `${referenceUriEncode(name.toLowerCase())}:${referenceUriEncode(value.trim())}`;

/** The Authorization header for a canonical request written out by hand. */
export function referenceAuthorization(input: {
  readonly ak: string;
  readonly sk: string;
  readonly timestamp: string;
  readonly signedHeaders: string;
  readonly canonicalRequest: string;
  readonly expiration?: number;
}): string {
  const prefix = `bce-auth-v1/${input.ak}/${input.timestamp}/${String(input.expiration ?? 1800)}`;
  const signingKey = createHmac('sha256', input.sk).update(prefix).digest('hex');
  const signature = createHmac('sha256', signingKey).update(input.canonicalRequest).digest('hex');
  return `${prefix}/${input.signedHeaders}/${signature}`;
}

export interface RawResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A request written by node:http exactly as given (target, headers, body), as Go or Java would. */
export function rawRequest(
  server: Server,
  request: { method: string; path: string; headers: OutgoingHttpHeaders; body?: string },
): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: request.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** The wire Host of a local test server, port included, as every SDK sends and signs it. */
export function hostOf(server: Server): string {
  return `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

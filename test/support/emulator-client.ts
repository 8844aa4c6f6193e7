import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { signBceRequest } from '../../src/auth/index.js';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface CallOptions {
  readonly query?: string;
  readonly body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly credentials?: Credentials | null;
  readonly timestamp?: Date;
}

export type Call = (
  method: string,
  path: string,
  options?: CallOptions,
) => Promise<request.Response>;

/** A client that signs every request with bce-auth-v1, as the official SDKs do. */
export function emulatorClient(target: Server | string, credentials: Credentials): Call {
  const origin =
    typeof target === 'string'
      ? target
      : `http://127.0.0.1:${String((target.address() as AddressInfo).port)}`;
  const { host } = new URL(origin);
  return async (method, path, options = {}) => {
    const url = options.query === undefined ? path : `${path}?${options.query}`;
    const text =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = {
      host,
      'content-type': 'application/json; charset=utf-8',
      'x-bce-date': new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      ...options.headers,
    };
    const signer = options.credentials === undefined ? credentials : options.credentials;
    if (signer !== null) {
      headers.authorization = signBceRequest(
        { method, url, headers },
        { ...signer, ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }) },
      );
    }
    let pending = request(origin)[method.toLowerCase() as 'get'](url);
    for (const [name, value] of Object.entries(headers)) pending = pending.set(name, value);
    return text === undefined ? pending : pending.send(text);
  };
}

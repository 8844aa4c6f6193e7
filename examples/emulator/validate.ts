import { BlbError } from '../../src/index.js';

type Body = Readonly<Record<string, unknown>>;

/** The JSON body of a write: an object, or `InappropriateJSON` (a well-formed but wrong document). */
export function objectBody(body: unknown): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BlbError('InappropriateJSON');
  }
  return body as Body;
}

const missing = (name: string): BlbError =>
  new BlbError('MissingParameter', { params: { parameterName: name } });
export const invalid = (name: string): BlbError =>
  new BlbError('InvalidParameter', { params: { parameterName: name } });

export function optionalString(body: Body, name: string, maxLength = 200): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) throw invalid(name);
  return value;
}

export function requiredString(body: Body, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined) throw missing(name);
  if (value === '') throw invalid(name);
  return value;
}

export function optionalInt(
  body: Body,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(name);
  }
  return value as number;
}

export function requiredInt(body: Body, name: string, min: number, max: number): number {
  const value = optionalInt(body, name, min, max);
  if (value === undefined) throw missing(name);
  return value;
}

export function optionalBool(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalid(name);
  return value;
}

export function requiredArray(body: Body, name: string): readonly unknown[] {
  const value = body[name];
  if (value === undefined) throw missing(name);
  if (!Array.isArray(value) || value.length === 0 || value.length > 1000) throw invalid(name);
  return value;
}

/** A query parameter given once, as a string (Express parses `a=1&a=2` into an array). */
export function queryParam(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(name);
  return value;
}

/** An integer query parameter, e.g. `listenerPort` or `maxKeys`. */
export function queryInt(
  query: unknown,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = queryParam(query, name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(name);
  const value = Number(raw);
  if (value < min || value > max) throw invalid(name);
  return value;
}

/** Page sizes above this are served at this size, as the Go SDK clamps them. */
export const maxPageSize = 1000;

/** `maxKeys`: 1 or more (`InvalidParameter` below), clamped to 1000, 1000 when absent. */
export function queryMaxKeys(query: unknown): number {
  return Math.min(queryInt(query, 'maxKeys', 1, 999_999_999) ?? maxPageSize, maxPageSize);
}

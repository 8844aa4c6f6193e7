import { BlbError } from '../../src/index.js';
import type { ListenerType } from './store.js';
import { invalid, optionalBool, optionalInt, optionalString } from './validate.js';

type Field =
  | { kind: 'int'; min: number; max: number; fallback: number }
  | { kind: 'bool'; fallback: boolean }
  | { kind: 'string'; oneOf?: readonly string[]; fallback: string }
  | { kind: 'strings'; fallback: readonly string[] }
  | { kind: 'attributes'; fallback: Readonly<Record<string, boolean>> }
  | { kind: 'certDomains'; fallback: readonly CertDomain[] };

/** An extra certificate an HTTPS listener serves for one host (SNI). */
export interface CertDomain {
  readonly certId: string;
  readonly host: string;
}

const int = (min: number, max: number, fallback: number): Field => ({
  kind: 'int',
  min,
  max,
  fallback,
});
const bool = (fallback = false): Field => ({ kind: 'bool', fallback });
const str = (fallback = '', oneOf?: readonly string[]): Field =>
  oneOf === undefined ? { kind: 'string', fallback } : { kind: 'string', fallback, oneOf };
const strings = (fallback: readonly string[] = []): Field => ({ kind: 'strings', fallback });
// `additionalAttributes`: switches such as `gzipJson`, each a boolean.
const attributes: Field = { kind: 'attributes', fallback: { gzipJson: false } };
const certDomains: Field = { kind: 'certDomains', fallback: [] };

const layer4Schedulers = ['RoundRobin', 'LeastConnection', 'Hash'];
const layer7Schedulers = ['RoundRobin', 'LeastConnection'];
const health = {
  healthCheckTimeoutInSecond: int(1, 60, 3),
  healthCheckInterval: int(1, 10, 3),
  unhealthyThreshold: int(2, 5, 3),
  healthyThreshold: int(2, 5, 3),
  getBlbIp: bool(),
};
const http = {
  keepSession: bool(),
  keepSessionType: str('insert', ['insert', 'rewrite']),
  keepSessionDuration: int(1, 86400, 3600),
  keepSessionCookieName: str(),
  // The wire name is `xForwardFor` (Go: `XForwardedFor bool json:"xForwardFor"`), unlike the proto one.
  xForwardFor: bool(),
  xForwardedProto: bool(),
  additionalAttributes: attributes,
  healthCheckType: str('HTTP', ['HTTP', 'TCP']),
  healthCheckPort: int(0, 65535, 0),
  healthCheckURI: str('/'),
  healthCheckNormalStatus: str('http_2xx|http_3xx'),
  healthCheckHost: str(),
  serverTimeout: int(1, 3600, 30),
};
const tls = {
  certIds: strings(),
  dualAuth: bool(),
  clientCertIds: strings(),
  encryptionType: str('tls_cipher_policy_default'),
  encryptionProtocols: strings(['tlsv10', 'tlsv11', 'tlsv12']),
  appliedCiphers: str(),
};

/** The fields of each listener type (Go SDK models), with their ranges and defaults. */
export const listenerFields: Readonly<Record<ListenerType, Readonly<Record<string, Field>>>> = {
  TCP: {
    scheduler: str('', layer4Schedulers),
    ...health,
    healthCheckType: str('TCP', ['TCP']),
    tcpSessionTimeout: int(10, 4000, 900),
  },
  UDP: {
    scheduler: str('', layer4Schedulers),
    ...health,
    healthCheckType: str('UDP', ['UDP', 'ICMP']),
    healthCheckPort: int(0, 65535, 0),
    udpSessionTimeout: int(10, 4000, 90),
    healthCheckString: str(),
  },
  HTTP: {
    scheduler: str('', layer7Schedulers),
    ...health,
    ...http,
    redirectPort: int(0, 65535, 0),
  },
  HTTPS: {
    scheduler: str('', layer7Schedulers),
    ...health,
    ...http,
    ...tls,
    additionalCertDomains: certDomains,
  },
  SSL: {
    scheduler: str('', layer4Schedulers),
    ...health,
    healthCheckType: str('TCP', ['TCP']),
    ...tls,
  },
};

export const listenerTypes = Object.keys(listenerFields) as ListenerType[];

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A list or object field, checked whole: anything off in it is the field's InvalidParameter. */
function validOther(field: Field, value: unknown): boolean {
  if (field.kind === 'attributes') {
    return isRecord(value) && Object.values(value).every((v) => typeof v === 'boolean');
  }
  if (!Array.isArray(value)) return false;
  if (field.kind === 'certDomains') {
    return value.every(
      (entry) =>
        isRecord(entry) &&
        typeof entry.certId === 'string' &&
        entry.certId !== '' &&
        typeof entry.host === 'string' &&
        entry.host !== '',
    );
  }
  return value.every((v) => typeof v === 'string');
}

/** The type-specific fields present in a body, checked against their spec. */
export function readListenerFields(
  type: ListenerType,
  body: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const read: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(listenerFields[type])) {
    let value: unknown;
    if (field.kind === 'int') value = optionalInt(body, name, field.min, field.max);
    else if (field.kind === 'bool') value = optionalBool(body, name);
    else if (field.kind === 'string') {
      value = optionalString(body, name, 1000);
      if (
        value !== undefined &&
        field.oneOf !== undefined &&
        !field.oneOf.includes(value as string)
      ) {
        throw invalid(name);
      }
    } else {
      value = body[name];
      if (value !== undefined && !validOther(field, value)) throw invalid(name);
    }
    if (value !== undefined) read[name] = value;
  }
  return read;
}

/** A listener as DescribeXListeners returns it: every field of its type, defaults filled in. */
export function listenerModel(
  listener: Readonly<Record<string, unknown>>,
  type: ListenerType,
): Record<string, unknown> {
  const model: Record<string, unknown> = {
    listenerPort: listener.listenerPort,
    backendPort: listener.backendPort,
  };
  for (const [name, field] of Object.entries(listenerFields[type])) {
    const value = listener[name];
    // Attributes given are merged over the defaults, so every switch is always there.
    model[name] =
      field.kind === 'attributes' && isRecord(value)
        ? { ...field.fallback, ...value }
        : (value ?? field.fallback);
  }
  return model;
}

/** `MissingParameter` for the fields a create needs beyond ports. */
export function requireCreateFields(
  type: ListenerType,
  fields: Readonly<Record<string, unknown>>,
): void {
  const required = type === 'HTTPS' || type === 'SSL' ? ['scheduler', 'certIds'] : ['scheduler'];
  for (const name of required) {
    if (fields[name] === undefined) {
      throw new BlbError('MissingParameter', { params: { parameterName: name } });
    }
  }
}

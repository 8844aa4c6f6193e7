import express, { Router, type RequestHandler } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlbError, isBlbErrorCode, type BlbErrorCode } from '../../src/index.js';
import { invalid, objectBody, optionalInt, requiredString } from './validate.js';

/** A rule that makes matching requests fail: the next `remaining` of them, or a `fraction`. */
export interface Fault {
  readonly faultId: string;
  readonly method: string;
  /** An exact path, or a prefix ending in `*`. */
  readonly path: string;
  readonly code: BlbErrorCode;
  remaining?: number;
  readonly fraction?: number;
  hits: number;
}

const anyCode = BlbError as unknown as new (code: BlbErrorCode) => BlbError;

export class FaultRegistry {
  readonly faults = new Map<string, Fault>();

  /** Fails a matching request with its fault's code; counts are exact, fractions deterministic. */
  middleware(): RequestHandler {
    return (req, _res, next) => {
      for (const fault of this.faults.values()) {
        if (!matches(fault, req.method, req.path)) continue;
        fault.hits += 1;
        if (fault.remaining !== undefined) {
          if (fault.remaining <= 0) continue;
          fault.remaining -= 1;
        } else if (fault.fraction !== undefined) {
          const { hits, fraction } = fault;
          if (Math.floor(hits * fraction) === Math.floor((hits - 1) * fraction)) continue;
        }
        next(new anyCode(fault.code));
        return;
      }
      next();
    };
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== '*' && fault.method !== method.toUpperCase()) return false;
  return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : path === fault.path;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The control API under `/_emulator`: every call needs `x-emulator-admin-token`. */
export function controlRoutes(adminToken: string, registry: FaultRegistry): Router {
  // Digests, not the tokens: both sides are 32 bytes whatever was sent, so the comparison takes
  // the same time for any guess and gives away neither the token nor its length.
  const expected = sha256(adminToken);
  const router = Router();
  router.use((req, _res, next) => {
    const given = req.get('x-emulator-admin-token');
    next(
      given !== undefined && timingSafeEqual(sha256(given), expected)
        ? undefined
        : new BlbError('AccessDenied'),
    );
  });
  router.use(express.json());
  router.post('/faults', (req, res) => {
    const body = objectBody(req.body);
    const code = requiredString(body, 'code');
    if (!isBlbErrorCode(code)) throw invalid('code');
    const remaining = optionalInt(body, 'count', 1, 1_000_000);
    const fraction = body.fraction;
    // Both at once would leave one of them silently ignored.
    if (
      fraction !== undefined &&
      (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1) || remaining !== undefined)
    ) {
      throw invalid('fraction');
    }
    const fault: Fault = {
      faultId: `fault-${randomBytes(4).toString('hex')}`,
      method: requiredString(body, 'method').toUpperCase(),
      path: requiredString(body, 'path'),
      code,
      hits: 0,
      ...(remaining === undefined ? {} : { remaining }),
      ...(typeof fraction === 'number' ? { fraction } : {}),
    };
    if (remaining === undefined && fault.fraction === undefined) fault.remaining = 1;
    registry.faults.set(fault.faultId, fault);
    res.status(201).json(fault);
  });
  router.get('/faults', (_req, res) => {
    res.json({ faults: [...registry.faults.values()] });
  });
  router.get('/faults/:faultId', (req, res) => {
    const fault = registry.faults.get(req.params.faultId);
    if (fault === undefined) throw new BlbError('NoSuchKey');
    res.json(fault);
  });
  router.delete('/faults/:faultId', (req, res) => {
    if (!registry.faults.delete(req.params.faultId)) throw new BlbError('NoSuchKey');
    res.status(200).end();
  });
  router.delete('/faults', (_req, res) => {
    registry.faults.clear();
    res.status(200).end();
  });
  return router;
}

import type { Response } from 'express';
import type { EmulatorAccount } from './config.js';
import type { AccountStore } from './store.js';

/** What the emulator keeps per request: the verified caller and its store. */
export interface Caller {
  readonly account: EmulatorAccount;
  readonly store: AccountStore;
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

/** What the stress server process knows about itself, sent on request over IPC. */
export interface ServerReport {
  /** Every 'uncaughtException' and 'unhandledRejection' the process saw. */
  readonly uncaught: readonly string[];
  readonly unhandled: readonly string[];
  /** Responses that got a second head or a second end. */
  readonly doubleWrites: number;
  /** onError calls of the counting targets (express4, koa2). */
  readonly reports: number;
  /** Open connections, all servers together. */
  readonly connections: number;
  /** Route runs of each clientToken app. */
  readonly runs: Readonly<Record<string, number>>;
  /** Whether `Object.prototype` gained or lost a property since the process started. */
  readonly prototypeChanged: boolean;
  /** Whether `{}` or `[]` sees a `polluted` property. */
  readonly plainObjectPolluted: boolean;
}

/** Parent → child. */
export interface StressMessage {
  readonly type: 'report';
}

/** Child → parent. */
export type StressReply =
  | { readonly type: 'ready'; readonly ports: Readonly<Record<string, number>> }
  | { readonly type: 'report'; readonly body: ServerReport };

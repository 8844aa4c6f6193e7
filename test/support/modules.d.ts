// The npm aliases under test (express4 → express@4, …) share the types of the real packages.
declare module 'express4' {
  import express = require('express');
  export = express;
}
declare module 'express5' {
  import express = require('express');
  export = express;
}
declare module 'koa2' {
  import Koa = require('koa');
  export = Koa;
}
declare module 'koa3' {
  import Koa = require('koa');
  export = Koa;
}

// The official BCE JavaScript SDK ships no types for BceBaseClient; this is the part we use.
declare module '@baiducloud/sdk' {
  export class BceBaseClient {
    /** Milliseconds added to `Date.now()` when signing; shared through the prototype. */
    timeOffset?: number;
    constructor(
      config: { endpoint: string; credentials: { ak: string; sk: string } },
      serviceId: string,
      regionSupported?: boolean,
    );
    sendRequest(
      method: string,
      path: string,
      args?: {
        body?: string;
        headers?: Readonly<Record<string, string>>;
        params?: Readonly<Record<string, string>>;
      },
    ): PromiseLike<{ body: unknown }>;
  }
}

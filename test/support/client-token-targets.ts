import express4 from 'express4';
import express5 from 'express5';
import koa2 from 'koa2';
import koa3 from 'koa3';
import { createExpressTokenApp, createKoaTokenApp } from './client-token-apps.js';
import type { TokenTarget } from './client-token-suite.js';

/** The four frameworks the clientToken suite runs against. */
export const tokenTargets: readonly TokenTarget[] = [
  {
    name: 'express@4',
    createApp: (options) => createExpressTokenApp(express4, options),
    hashesRawBody: false,
    recordsStreams: true,
  },
  {
    name: 'express@5',
    createApp: (options) => createExpressTokenApp(express5, options),
    hashesRawBody: false,
    recordsStreams: true,
  },
  {
    name: 'koa@2',
    createApp: (options) => createKoaTokenApp(koa2, options),
    hashesRawBody: true,
    recordsStreams: false,
  },
  {
    name: 'koa@3',
    createApp: (options) => createKoaTokenApp(koa3, options),
    hashesRawBody: true,
    recordsStreams: false,
  },
];

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as ExpressAdapter from '../../adapters/express/index.js';
import type * as KoaAdapter from '../../adapters/koa/index.js';
import type * as Core from '../../src/index.js';

// The package as its users run it: the compiled ESM build, not tsx's transpile of the sources
// (which wraps every named closure in a `__name` call, a cost no user pays).
const built = (path: string): string => {
  const url = new URL(`../../dist/esm/${path}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`${path} is not built: npm run build`);
  return url.href;
};

/** `blb-errors` from dist/esm. */
export const core = (await import(built('src/index.js'))) as typeof Core;
/** `blb-errors/express` from dist/esm. */
export const expressAdapter = (await import(
  built('adapters/express/index.js')
)) as typeof ExpressAdapter;
/** `blb-errors/koa` from dist/esm. */
export const koaAdapter = (await import(built('adapters/koa/index.js'))) as typeof KoaAdapter;

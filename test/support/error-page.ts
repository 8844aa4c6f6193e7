import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The official error page: the shared spec when it sits beside the checkout, else our copy. */
export const sharedErrorPagePath = resolve(process.cwd(), '../shared/spec/bce-error-codes.txt');
export const vendoredErrorPagePath = resolve(process.cwd(), 'test/fixtures/bce-error-codes.txt');

export interface PageRow {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

export interface ErrorPage {
  readonly global: readonly PageRow[];
  readonly blb: readonly PageRow[];
  readonly example: { readonly code: string; readonly message: string };
}

export function readErrorPage(): string {
  return readFileSync(
    existsSync(sharedErrorPagePath) ? sharedErrorPagePath : vendoredErrorPagePath,
    'utf8',
  );
}

// A table row: the code, its description, then the first three-digit status after a space.
const row = /^([A-Z][A-Za-z]+) (.+?) (\d{3})\b/;

export function parseErrorPage(text: string): ErrorPage {
  const lines = text.split('\n').map((line) => line.trim());
  // The headings appear first in the table of contents; the sections are their last occurrence.
  const globalStart = lines.lastIndexOf('BCE global error codes');
  const blbStart = lines.lastIndexOf('BLB service error code');
  const end = lines.indexOf('Previous', blbStart);
  const rowsBetween = (from: number, to: number): PageRow[] =>
    lines
      .slice(from + 1, to)
      .map((line) => row.exec(line))
      .filter((match) => match !== null)
      .map(([, code = '', message = '', status = '']) => ({
        code,
        message,
        status: Number(status),
      }));
  const field = (name: string): string => {
    const match = new RegExp(`"${name}" : "([^"]*)"`).exec(text);
    if (match?.[1] === undefined) throw new Error(`example body has no ${name}`);
    return match[1];
  };
  return {
    global: rowsBetween(globalStart, blbStart),
    blb: rowsBetween(blbStart, end),
    example: { code: field('code'), message: field('message') },
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { catalog, fillMessage, isBlbErrorCode, type BlbErrorCode } from '../src/index.js';
import {
  parseErrorPage,
  readErrorPage,
  sharedErrorPagePath,
  vendoredErrorPagePath,
} from './support/error-page.js';

const page = parseErrorPage(readErrorPage());
// How the page prints each slot of a message.
const pagePlaceholders = { parameterName: 'parameterName', timestamp: 'XXX' };
const codes = Object.keys(catalog) as BlbErrorCode[];

describe('the catalog against the official error page', () => {
  it('finds all 14 global and 17 BLB rows on the page', () => {
    expect(page.global).toHaveLength(14);
    expect(page.blb).toHaveLength(17);
  });

  it.each([...page.global, ...page.blb])(
    'has $code with the page status $status and its description verbatim',
    ({ code, message, status }) => {
      expect(isBlbErrorCode(code)).toBe(true);
      const entry = catalog[code as BlbErrorCode];
      expect(entry.status).toBe(status);
      expect(fillMessage(entry.message, pagePlaceholders)).toBe(message);
    },
  );

  it('has NoSuchKey (404) with the message of the page example body', () => {
    expect(page.example.code).toBe('NoSuchKey');
    expect(catalog.NoSuchKey).toEqual({ status: 404, message: page.example.message });
  });

  it('invents no code: every entry is a page row or the example', () => {
    const onPage = new Set([...page.global, ...page.blb].map((r) => r.code));
    onPage.add(page.example.code);
    expect(codes.filter((code) => !onPage.has(code))).toEqual([]);
    expect(codes).toHaveLength(32);
  });

  it('turns the page placeholders into named slots', () => {
    expect(catalog.MissingParameter.message).toBe(
      "A required parameter '{parameterName}' is not supplied.",
    );
    expect(catalog.InvalidParameter.message).toBe("The parameter '{parameterName}' is invalid.");
    expect(catalog.RequestExpired.message).toBe(
      'Request has expired. Timestamp date is {timestamp}.',
    );
  });

  // A clone without ../shared has only the copy: the comparison is skipped, visibly, not passed.
  const withSharedSpec = existsSync(sharedErrorPagePath) ? it : it.skip;
  withSharedSpec('keeps the vendored copy of the page equal to the shared spec', () => {
    expect(readFileSync(vendoredErrorPagePath, 'utf8')).toBe(
      readFileSync(sharedErrorPagePath, 'utf8'),
    );
  });
});

describe('isBlbErrorCode', () => {
  it.each(codes)('accepts %s', (code) => {
    expect(isBlbErrorCode(code)).toBe(true);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'instancenotfound', '', 404])(
    'rejects %p, which is no own key of the catalog',
    (value) => {
      expect(isBlbErrorCode(value)).toBe(false);
    },
  );
});

describe('fillMessage', () => {
  it('fills named slots', () => {
    expect(fillMessage(catalog.MissingParameter.message, { parameterName: 'vpcId' })).toBe(
      "A required parameter 'vpcId' is not supplied.",
    );
    expect(fillMessage(catalog.RequestExpired.message, { timestamp: 1700000000 })).toBe(
      'Request has expired. Timestamp date is 1700000000.',
    );
  });

  it('never leaves a raw {slot}: a missing value prints the slot name', () => {
    expect(fillMessage(catalog.InvalidParameter.message)).toBe(
      "The parameter 'parameterName' is invalid.",
    );
    expect(fillMessage(catalog.InvalidParameter.message, { parameterName: { x: 1 } })).not.toMatch(
      /[{}]/,
    );
  });

  it('does not rescan a value that itself looks like a slot', () => {
    expect(fillMessage(catalog.InvalidParameter.message, { parameterName: '{timestamp}' })).toBe(
      "The parameter '{timestamp}' is invalid.",
    );
  });
});

describe('the README catalog table', () => {
  it('equals the catalog, row for row (code, status, message)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('<!-- catalog:start -->');
    const end = readme.indexOf('<!-- catalog:end -->');
    expect(start).toBeGreaterThan(-1);
    // Cells, not bytes: a formatter may realign the columns.
    const rows = readme
      .slice(start, end)
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(
      codes.map((code) => [`\`${code}\``, String(catalog[code].status), catalog[code].message]),
    );
  });
});

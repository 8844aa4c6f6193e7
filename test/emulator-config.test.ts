import '../src/testing/jest.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulatorApp } from '../examples/emulator/app.js';
import {
  defaultConfig,
  demoAccount,
  EmulatorConfigError,
  loadConfig,
} from '../examples/emulator/config.js';

const token = 'a-long-enough-admin-token';
const account = { accessKeyId: 'ak-1', secretAccessKey: 'sk-1' };

let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blb-emulator-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A config file with this content (a JSON value, or raw text). */
function file(content: unknown): string {
  count += 1;
  const path = join(dir, `config-${String(count)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function refused(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('defaults to the demo account, verification on and the control API off', () => {
    const config = loadConfig(undefined, {});
    expect(config).toMatchObject({
      accounts: [demoAccount],
      provisioningDelayMs: defaultConfig.provisioningDelayMs,
      updateDelayMs: 0,
      verifySignatures: true,
      control: { enabled: false },
    });
  });

  it('reads every setting from a file (--config or BLB_EMULATOR_CONFIG)', () => {
    const settings = {
      accounts: [
        {
          ...account,
          instanceQuota: 3,
          certificates: ['cert-1'],
          flags: { serviceBlocked: true, eipUnbindFailed: false },
        },
      ],
      provisioningDelayMs: 5,
      updateDelayMs: 7,
      verifySignatures: false,
      control: { enabled: true, adminToken: token },
    };
    const path = file(settings);
    expect(loadConfig(path, {})).toMatchObject(settings);
    expect(loadConfig(undefined, { BLB_EMULATOR_CONFIG: path })).toMatchObject(settings);
  });

  describe('the control API', () => {
    it('stays off when the file disables it, whatever token it has', () => {
      const path = file({ control: { enabled: false, adminToken: token } });
      expect(loadConfig(path, {}).control.enabled).toBe(false);
    });

    it('stays off when the file gives a token without enabling it', () => {
      expect(loadConfig(file({ control: { adminToken: token } }), {}).control.enabled).toBe(false);
    });

    it('is enabled by setting BLB_EMULATOR_ADMIN_TOKEN, over the file', () => {
      const path = file({ control: { enabled: false } });
      expect(loadConfig(path, { BLB_EMULATOR_ADMIN_TOKEN: token }).control).toEqual({
        enabled: true,
        adminToken: token,
      });
    });

    it.each([
      ['an empty', ''],
      ['a 15-character', 'x'.repeat(15)],
    ])('refuses %s BLB_EMULATOR_ADMIN_TOKEN', (_what, value) => {
      expect(refused(() => loadConfig(undefined, { BLB_EMULATOR_ADMIN_TOKEN: value }))).toMatch(
        /^BLB_EMULATOR_ADMIN_TOKEN must be at least 16 characters long/,
      );
    });

    it('accepts a token of exactly 16 characters', () => {
      const control = { enabled: true, adminToken: 'x'.repeat(16) };
      expect(loadConfig(file({ control }), {}).control).toEqual(control);
    });

    it('refuses a file enabling it with a short token or none', () => {
      expect(
        refused(() => loadConfig(file({ control: { enabled: true, adminToken: 'short' } }), {})),
      ).toMatch(/control\.adminToken must be at least 16 characters long/);
      expect(refused(() => loadConfig(file({ control: { enabled: true } }), {}))).toMatch(
        /control\.adminToken is required when the control API is enabled/,
      );
    });
  });

  it('takes the accounts from BLB_EMULATOR_ACCOUNTS, over the file', () => {
    const path = file({ accounts: [{ accessKeyId: 'ak-file', secretAccessKey: 'sk-file' }] });
    const env = {
      BLB_EMULATOR_ACCOUNTS: JSON.stringify([account, { ...account, accessKeyId: 'ak-2' }]),
    };
    expect(loadConfig(path, env).accounts).toEqual([account, { ...account, accessKeyId: 'ak-2' }]);
  });

  it.each([
    ['false', false],
    ['FALSE', false],
    ['0', false],
    ['true', true],
  ])('reads BLB_EMULATOR_VERIFY_SIGNATURES=%s over the file', (value, expected) => {
    const path = file({ verifySignatures: !expected });
    expect(loadConfig(path, { BLB_EMULATOR_VERIFY_SIGNATURES: value }).verifySignatures).toBe(
      expected,
    );
  });

  describe('refuses a malformed configuration, naming the field', () => {
    it.each([
      [
        { provisioningDelayMs: '5' },
        /: provisioningDelayMs must be a non-negative integer, not "5"$/,
      ],
      [{ updateDelayMs: -1 }, /: updateDelayMs must be a non-negative integer, not -1$/],
      [{ verifySignatures: 'no' }, /: verifySignatures must be true or false, not "no"$/],
      [{ accounts: [] }, /: accounts must be a non-empty array of accounts/],
      [{ accounts: {} }, /: accounts must be a non-empty array of accounts/],
      [{ accounts: [{ accessKeyId: 'ak' }] }, /: accounts\[0\]\.secretAccessKey is required/],
      [
        { accounts: [account, { accessKeyId: 'ak', secretAccessKey: 7 }] },
        /: accounts\[1\]\.secretAccessKey must be a non-empty string, not 7$/,
      ],
      [
        { accounts: [{ ...account, flags: { optIn: true } }] },
        /: accounts\[0\]\.flags\.optIn is not a known setting \(known: optInRequired, /,
      ],
      [
        { accounts: [{ ...account, flags: { serviceBlocked: 'yes' } }] },
        /: accounts\[0\]\.flags\.serviceBlocked must be true or false/,
      ],
      [
        { accounts: [{ ...account, instanceQuota: 1.5 }] },
        /: accounts\[0\]\.instanceQuota must be a non-negative integer/,
      ],
      [
        { accounts: [{ ...account, certificates: ['cert-1', 2] }] },
        /: accounts\[0\]\.certificates\[1\] must be a non-empty string/,
      ],
      [
        { accounts: [account, account] },
        /: accounts\[1\]\.accessKeyId repeats the one of accounts\[0\]/,
      ],
      [{ control: { enabled: 'true' } }, /: control\.enabled must be true or false/],
      [
        { control: { enabled: true, adminToken: 42 } },
        /: control\.adminToken must be a non-empty string/,
      ],
      [{ provisioningDelay: 5 }, /: provisioningDelay is not a known setting \(known: accounts, /],
      [[], /: the document must be an object, not \[\]$/],
    ])('%j', (content, message) => {
      const path = file(content);
      expect(refused(() => loadConfig(path, {}))).toMatch(
        new RegExp(`^config file ${path.replaceAll(/[.\\]/g, '\\$&')}${message.source}`),
      );
    });

    it('in BLB_EMULATOR_ACCOUNTS', () => {
      expect(
        refused(() =>
          loadConfig(undefined, {
            BLB_EMULATOR_ACCOUNTS: JSON.stringify([account, { accessKeyId: 'ak' }]),
          }),
        ),
      ).toBe('BLB_EMULATOR_ACCOUNTS[1].secretAccessKey is required (a non-empty string)');
      expect(refused(() => loadConfig(undefined, { BLB_EMULATOR_ACCOUNTS: '[{' }))).toMatch(
        /^BLB_EMULATOR_ACCOUNTS is not valid JSON: /,
      );
      expect(refused(() => loadConfig(undefined, { BLB_EMULATOR_ACCOUNTS: '{}' }))).toMatch(
        /^BLB_EMULATOR_ACCOUNTS must be a non-empty array of accounts/,
      );
    });

    it('in BLB_EMULATOR_VERIFY_SIGNATURES', () => {
      expect(refused(() => loadConfig(undefined, { BLB_EMULATOR_VERIFY_SIGNATURES: 'off' }))).toBe(
        'BLB_EMULATOR_VERIFY_SIGNATURES must be true or false, not "off"',
      );
    });

    it('in a file that is not JSON or not there', () => {
      const broken = file('{"accounts": [');
      expect(refused(() => loadConfig(broken, {}))).toMatch(
        /^the config file .* is not valid JSON: /,
      );
      expect(refused(() => loadConfig(join(dir, 'absent.json'), {}))).toMatch(
        /^cannot read the config file .*absent\.json: ENOENT/,
      );
    });
  });
});

describe('createEmulatorApp', () => {
  it.each([
    ['with no admin token', { enabled: true }],
    ['with an empty admin token', { enabled: true, adminToken: '' }],
    ['with a 15-character admin token', { enabled: true, adminToken: 'x'.repeat(15) }],
  ])('refuses a control API enabled %s', (_what, control) => {
    expect(refused(() => createEmulatorApp({ control }))).toMatch(/control\.adminToken/);
  });

  it('refuses verifySignatures: false with no account to act as', () => {
    expect(refused(() => createEmulatorApp({ verifySignatures: false, accounts: [] }))).toMatch(
      /verifySignatures: false needs an account/,
    );
  });
});

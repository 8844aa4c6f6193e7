import { readFileSync } from 'node:fs';

/** What an account may be made to fail with, to rehearse the rarer BLB errors. */
export interface AccountFlags {
  readonly optInRequired?: boolean;
  readonly realNameAuthenticationRequired?: boolean;
  readonly serviceBlocked?: boolean;
  readonly serverRequired?: boolean;
  readonly instanceCreationFailed?: boolean;
  readonly eipUnbindFailed?: boolean;
}

export interface EmulatorAccount {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** How many instances the account may hold (`QuotaExceeded` beyond). */
  readonly instanceQuota?: number;
  /** Certificate ids HTTPS and SSL listeners may use (`CertificateNotFound` otherwise). */
  readonly certificates?: readonly string[];
  readonly flags?: AccountFlags;
}

export interface EmulatorConfig {
  readonly accounts: readonly EmulatorAccount[];
  /** How long a new instance stays `creating`. */
  readonly provisioningDelayMs: number;
  /** How long an updated instance stays `updating`. */
  readonly updateDelayMs: number;
  /** The fault-injection control API: off unless enabled, and only with the admin token. */
  readonly control: { readonly enabled: boolean; readonly adminToken?: string };
  /**
   * Whether requests must carry a valid bce-auth-v1 signature. Off, every request acts as the
   * first account, signed or not: for measuring what verification costs, and for plain curl.
   */
  readonly verifySignatures: boolean;
  /** The clock, injectable for tests. */
  readonly now: () => number;
}

/**
 * A configuration the emulator refuses to start with. Its message names the setting and what is
 * wrong with it, so `main.ts` prints it as is, without a stack.
 *
 * @example
 * ```ts
 * try { loadConfig('emulator.json'); } catch (error) { if (error instanceof EmulatorConfigError) console.error(error.message); }
 * ```
 */
export class EmulatorConfigError extends Error {
  override readonly name = 'EmulatorConfigError';
}

export const demoAccount: EmulatorAccount = {
  accessKeyId: 'demo-access-key',
  secretAccessKey: 'demo-secret-key',
  instanceQuota: 10,
  certificates: ['cert-demo0001'],
};

export const defaultConfig: EmulatorConfig = {
  accounts: [demoAccount],
  provisioningDelayMs: 1000,
  updateDelayMs: 0,
  control: { enabled: false },
  verifySignatures: true,
  now: Date.now,
};

/** Shorter admin tokens are refused: the control API can make any request fail. */
export const minAdminTokenLength = 16;

/**
 * Why a control setting cannot be used, or `undefined`. Checked by `loadConfig` and again by
 * `createEmulatorApp`, which may be given a configuration that never went through a file.
 *
 * @example
 * ```ts
 * controlProblem({ enabled: true, adminToken: 'short' }); // 'control.adminToken must be …'
 * ```
 */
export function controlProblem(
  control: EmulatorConfig['control'],
  name = 'control.adminToken',
): string | undefined {
  if (!control.enabled) return undefined;
  if (control.adminToken === undefined) {
    return `${name} is required when the control API is enabled`;
  }
  if (control.adminToken.length < minAdminTokenLength) {
    return `${name} must be at least ${minAdminTokenLength} characters long (the control API can fail any request)`;
  }
  return undefined;
}

const flagNames: readonly (keyof AccountFlags)[] = [
  'optInRequired',
  'realNameAuthenticationRequired',
  'serviceBlocked',
  'serverRequired',
  'instanceCreationFailed',
  'eipUnbindFailed',
];

/** Reads a JSON document into typed settings, naming the first field that is wrong. */
class Reader {
  /** `where` prefixes every message: the file, or nothing for a variable named in the path. */
  constructor(private readonly where: string) {}

  fail(path: string, problem: string): never {
    throw new EmulatorConfigError(`${this.where}${path === '' ? 'the document' : path} ${problem}`);
  }

  object(value: unknown, path: string, known: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, not ${shown(value)}`);
    }
    // An unknown key is most often a misspelt one, which would otherwise be silently ignored.
    const unknown = Object.keys(value).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      this.fail(join(path, unknown), `is not a known setting (known: ${known.join(', ')})`);
    }
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: string): string {
    if (value === undefined) this.fail(path, 'is required (a non-empty string)');
    if (typeof value !== 'string' || value === '') {
      this.fail(path, `must be a non-empty string, not ${shown(value)}`);
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, not ${shown(value)}`);
    return value;
  }

  count(value: unknown, path: string): number {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      this.fail(path, `must be a non-negative integer, not ${shown(value)}`);
    }
    return value as number;
  }

  strings(value: unknown, path: string): string[] {
    if (!Array.isArray(value)) this.fail(path, `must be an array of strings, not ${shown(value)}`);
    return value.map((item, i) => this.string(item, `${path}[${String(i)}]`));
  }

  accounts(value: unknown, path: string): EmulatorAccount[] {
    if (!Array.isArray(value) || value.length === 0) {
      this.fail(path, `must be a non-empty array of accounts, not ${shown(value)}`);
    }
    const accounts = value.map((item, i) => this.account(item, `${path}[${String(i)}]`));
    const seen = new Map<string, number>();
    accounts.forEach(({ accessKeyId }, i) => {
      const first = seen.get(accessKeyId);
      if (first !== undefined) {
        this.fail(
          `${path}[${String(i)}].accessKeyId`,
          `repeats the one of ${path}[${String(first)}] (${shown(accessKeyId)})`,
        );
      }
      seen.set(accessKeyId, i);
    });
    return accounts;
  }

  account(value: unknown, path: string): EmulatorAccount {
    const raw = this.object(value, path, [
      'accessKeyId',
      'secretAccessKey',
      'instanceQuota',
      'certificates',
      'flags',
    ]);
    const { instanceQuota, certificates, flags } = raw;
    return {
      accessKeyId: this.string(raw.accessKeyId, join(path, 'accessKeyId')),
      secretAccessKey: this.string(raw.secretAccessKey, join(path, 'secretAccessKey')),
      ...(instanceQuota === undefined
        ? {}
        : { instanceQuota: this.count(instanceQuota, join(path, 'instanceQuota')) }),
      ...(certificates === undefined
        ? {}
        : { certificates: this.strings(certificates, join(path, 'certificates')) }),
      ...(flags === undefined ? {} : { flags: this.flags(flags, join(path, 'flags')) }),
    };
  }

  flags(value: unknown, path: string): AccountFlags {
    const raw = this.object(value, path, flagNames);
    return Object.fromEntries(
      Object.entries(raw).map(([name, on]) => [name, this.boolean(on, join(path, name))]),
    );
  }

  control(value: unknown, path: string): EmulatorConfig['control'] {
    const raw = this.object(value, path, ['enabled', 'adminToken']);
    const { adminToken } = raw;
    return {
      enabled: raw.enabled === undefined ? false : this.boolean(raw.enabled, join(path, 'enabled')),
      ...(adminToken === undefined
        ? {}
        : { adminToken: this.string(adminToken, join(path, 'adminToken')) }),
    };
  }

  /** A config file: every setting but the clock, each optional. */
  document(value: unknown): Partial<Omit<EmulatorConfig, 'now'>> {
    const raw = this.object(value, '', [
      'accounts',
      'provisioningDelayMs',
      'updateDelayMs',
      'control',
      'verifySignatures',
    ]);
    const { accounts, provisioningDelayMs, updateDelayMs, control, verifySignatures } = raw;
    return {
      ...(accounts === undefined ? {} : { accounts: this.accounts(accounts, 'accounts') }),
      ...(provisioningDelayMs === undefined
        ? {}
        : { provisioningDelayMs: this.count(provisioningDelayMs, 'provisioningDelayMs') }),
      ...(updateDelayMs === undefined
        ? {}
        : { updateDelayMs: this.count(updateDelayMs, 'updateDelayMs') }),
      ...(control === undefined ? {} : { control: this.control(control, 'control') }),
      ...(verifySignatures === undefined
        ? {}
        : { verifySignatures: this.boolean(verifySignatures, 'verifySignatures') }),
    };
  }
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function shown(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EmulatorConfigError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function readFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EmulatorConfigError(
      `cannot read the config file ${path}: ${(error as Error).message}`,
    );
  }
  return parseJson(text, `the config file ${path}`);
}

function envBoolean(value: string, name: string): boolean {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'true' || normalized === '1') return true;
  if (normalized === 'false' || normalized === '0') return false;
  throw new EmulatorConfigError(`${name} must be true or false, not ${shown(value)}`);
}

/**
 * The configuration: defaults, then a JSON file (`--config` or `BLB_EMULATOR_CONFIG`), then the
 * environment: `BLB_EMULATOR_ACCOUNTS` (a JSON array of accounts, replacing the file's),
 * `BLB_EMULATOR_VERIFY_SIGNATURES` (`true`/`false`) and `BLB_EMULATOR_ADMIN_TOKEN`, which
 * enables the control API with that token. Anything malformed throws an `EmulatorConfigError`
 * naming the setting.
 *
 * @example
 * ```ts
 * const config = loadConfig('emulator.json', { BLB_EMULATOR_VERIFY_SIGNATURES: 'false' });
 * ```
 */
export function loadConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): EmulatorConfig {
  const path = file ?? env.BLB_EMULATOR_CONFIG;
  const fromFile =
    path === undefined ? {} : new Reader(`config file ${path}: `).document(readFile(path));

  const envAccounts = env.BLB_EMULATOR_ACCOUNTS;
  const accounts =
    envAccounts === undefined
      ? (fromFile.accounts ?? defaultConfig.accounts)
      : new Reader('').accounts(
          parseJson(envAccounts, 'BLB_EMULATOR_ACCOUNTS'),
          'BLB_EMULATOR_ACCOUNTS',
        );

  const envVerify = env.BLB_EMULATOR_VERIFY_SIGNATURES;
  const verifySignatures =
    envVerify === undefined
      ? (fromFile.verifySignatures ?? defaultConfig.verifySignatures)
      : envBoolean(envVerify, 'BLB_EMULATOR_VERIFY_SIGNATURES');

  // Set at all, even to '', the variable enables the API: an empty token is then refused below
  // instead of quietly opening the API to anyone who sends an empty header.
  const envToken = env.BLB_EMULATOR_ADMIN_TOKEN;
  const control =
    envToken === undefined
      ? (fromFile.control ?? defaultConfig.control)
      : { enabled: true, adminToken: envToken };
  const problem = controlProblem(
    control,
    envToken !== undefined
      ? 'BLB_EMULATOR_ADMIN_TOKEN'
      : path === undefined
        ? 'control.adminToken'
        : `config file ${path}: control.adminToken`,
  );
  if (problem !== undefined) throw new EmulatorConfigError(problem);

  return {
    ...defaultConfig,
    ...fromFile,
    accounts,
    verifySignatures,
    control,
    now: Date.now,
  };
}

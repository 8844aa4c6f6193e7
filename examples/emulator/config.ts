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
  /** The clock, injectable for tests. */
  readonly now: () => number;
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
  now: Date.now,
};

/** The configuration: defaults, then a JSON file (`--config` or BLB_EMULATOR_CONFIG), then env. */
export function loadConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): EmulatorConfig {
  const path = file ?? env.BLB_EMULATOR_CONFIG;
  const fromFile =
    path === undefined ? {} : (JSON.parse(readFileSync(path, 'utf8')) as Partial<EmulatorConfig>);
  const adminToken = env.BLB_EMULATOR_ADMIN_TOKEN ?? fromFile.control?.adminToken;
  return {
    ...defaultConfig,
    ...fromFile,
    control:
      adminToken === undefined
        ? (fromFile.control ?? defaultConfig.control)
        : { enabled: true, adminToken },
    now: Date.now,
  };
}

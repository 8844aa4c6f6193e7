import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { demo } from './support/emulator-env.js';
import { exitWithin, killAll, spawnEmulator } from './support/emulator-process.js';

afterEach(killAll);

/** Exits 1 with one line on stderr, and no stack. */
async function refusesToStart(args: string[], env: Record<string, string> = {}): Promise<string> {
  const emulator = spawnEmulator(args, env);
  const [code, signal] = await exitWithin(emulator, 30_000);
  expect({ code, signal }).toEqual({ code: 1, signal: null });
  const lines = emulator.stderr().trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(emulator.stderr()).not.toMatch(/^\s+at /m);
  expect(emulator.stdout()).not.toContain('listening on');
  return lines[0] ?? '';
}

describe('main.ts refuses a bad start with one line and exit code 1', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'blb-emulator-main-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown option', async () => {
    expect(await refusesToStart(['--prot', '80'])).toMatch(
      /^blb emulator: Unknown option '--prot'/,
    );
  }, 40_000);

  it('names the wrong setting of a config file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ provisioningDelayMs: '5' }));
    expect(await refusesToStart(['--config', file])).toMatch(
      /^blb emulator: config file .*bad\.json: provisioningDelayMs must be a non-negative integer, not "5"$/,
    );
  }, 40_000);

  it('names the wrong field of BLB_EMULATOR_ACCOUNTS', async () => {
    expect(
      await refusesToStart([], { BLB_EMULATOR_ACCOUNTS: JSON.stringify([{ accessKeyId: 'a' }]) }),
    ).toMatch(/BLB_EMULATOR_ACCOUNTS\[0\]\.secretAccessKey is required/);
  }, 40_000);

  it('refuses a short admin token', async () => {
    expect(await refusesToStart([], { BLB_EMULATOR_ADMIN_TOKEN: 'short' })).toMatch(
      /BLB_EMULATOR_ADMIN_TOKEN must be at least 16 characters/,
    );
  }, 40_000);

  it.each([['abc'], ['65536'], ['-1'], ['']])(
    'refuses --port=%s',
    async (port) => {
      expect(await refusesToStart([`--port=${port}`])).toMatch(
        /^blb emulator: --port must be a port number from 0 to 65535/,
      );
    },
    40_000,
  );

  it('says the address is in use instead of crashing with EADDRINUSE', async () => {
    const taken: Server = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    try {
      const { port } = taken.address() as { port: number };
      expect(await refusesToStart(['--port', String(port)])).toBe(
        `blb emulator: cannot listen on 127.0.0.1:${String(port)}: the address is already in use`,
      );
    } finally {
      taken.close();
    }
  }, 40_000);
});

describe('main.ts with BLB_EMULATOR_VERIFY_SIGNATURES=false', () => {
  it('says so loudly at startup and serves unsigned requests as the first account', async () => {
    const emulator = spawnEmulator(['--port', '0'], { BLB_EMULATOR_VERIFY_SIGNATURES: 'false' });
    const endpoint = await emulator.ready();
    expect(emulator.stdout()).toContain(
      `WARNING: signature verification is OFF (verifySignatures: false): every request acts as ${demo.accessKeyId}`,
    );
    const unsigned = await request(endpoint).get('/v1/blb');
    expect(unsigned.status).toBe(200);
    expect(unsigned.body).toMatchObject({ blbList: [] });
  }, 40_000);
});

import '../src/testing/jest.js';
import { readFileSync } from 'node:fs';
import { catalog, type BlbErrorCode } from '../src/index.js';
import { recipes } from './support/emulator-recipes.js';
import { startEmulator, type RunningEmulator } from './support/emulator-env.js';

let env: RunningEmulator;
beforeAll(async () => {
  env = await startEmulator();
});
afterAll(async () => {
  await env.stop();
});

describe('every catalog code comes from a real request', () => {
  it.each(recipes.map((r) => ({ ...r, title: `${r.code} from ${r.request}` })))(
    'answers $title',
    async (recipe) => {
      const res = await recipe.run(env);
      expect(res).toBeBceError(recipe.code, { status: catalog[recipe.code].status });
    },
  );

  it('has a recipe for every code of the catalog', () => {
    expect(recipes.map((r) => r.code).sort()).toEqual(
      (Object.keys(catalog) as BlbErrorCode[]).sort(),
    );
  });

  it('lists exactly these requests in the README table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- emulator-codes:start -->'),
      readme.indexOf('<!-- emulator-codes:end -->'),
    );
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `') && !line.startsWith('| `Code'))
      .map((line) =>
        line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '').trim()),
      );
    expect(rows).toEqual(recipes.map((r) => [`\`${r.code}\``, r.request.replaceAll('|', '\\|')]));
  });
});

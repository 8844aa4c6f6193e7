import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

/** bench/RESULTS.md: each bench rewrites its own section and leaves the other's alone. */
export const RESULTS_FILE = fileURLToPath(new URL('../RESULTS.md', import.meta.url));

const preamble = `# Benchmark results

Written by \`npm run bench\` (bench/http.ts) and \`npm run bench:micro\` (bench/micro.ts); each
run replaces its own section. Every figure that carries a verdict is a ratio against a baseline
measured in the same run, trials interleaved, reported as the median of the rounds with the
min–max in parentheses: the machines this runs on are shared and noisy, so absolute figures are
for orientation only.
`;

/**
 * Replaces (or appends) the section between `<!-- bench:<id> -->` markers in bench/RESULTS.md,
 * then formats the file with the repository's Prettier settings so `prettier --check` stays clean.
 *
 * @example
 * ```ts
 * await writeResultsSection('micro', '## Micro\n\n…');
 * ```
 */
export async function writeResultsSection(id: string, markdown: string): Promise<void> {
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${start}\n\n${markdown.trim()}\n\n${end}`;
  const current = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : preamble;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from !== -1 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  const config = (await resolveConfig(RESULTS_FILE)) ?? {};
  writeFileSync(RESULTS_FILE, await format(next, { ...config, filepath: RESULTS_FILE }));
}

/**
 * A Markdown table from a header row and body rows.
 *
 * @example
 * ```ts
 * markdownTable(['variant', 'req/s'], [['node-raw', '20,000']]);
 * ```
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

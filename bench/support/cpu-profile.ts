import { readFileSync } from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount?: number;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds. */
  readonly startTime: number;
  readonly endTime: number;
}

/** One function's share of the samples of a profile. */
export interface FunctionCost {
  readonly name: string;
  /** Percent of all samples spent in the function itself. */
  readonly self: number;
  /** Percent of all samples with the function on the stack (counted once per stack). */
  readonly total: number;
  /** The same shares as microseconds of the profile's wall time. */
  readonly selfMicros: number;
  readonly totalMicros: number;
}

/**
 * Self and inclusive sample shares per function of a V8 `.cpuprofile` (as `node --cpu-prof`
 * writes it), most expensive first. Functions are named `name file:line`, paths shortened to the
 * package or the repository folder.
 *
 * @example
 * ```ts
 * summarizeCpuProfile('CPU.1.cpuprofile').slice(0, 20);
 * ```
 */
export function summarizeCpuProfile(file: string): FunctionCost[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let samples = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    samples += hits;
    const key = nameOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + hits);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame === undefined) break;
      const name = nameOf(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + hits);
    }
  }
  const share = (hits: number): number => hits / Math.max(samples, 1);
  const wall = profile.endTime - profile.startTime;
  return [...total.entries()]
    .map(([name, hits]) => {
      const own = self.get(name) ?? 0;
      return {
        name,
        self: 100 * share(own),
        total: 100 * share(hits),
        selfMicros: wall * share(own),
        totalMicros: wall * share(hits),
      };
    })
    .sort((a, b) => b.self - a.self || b.total - a.total);
}

function nameOf({ functionName, url, lineNumber }: CallFrame): string {
  const where = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(src|adapters|bench)\//, '$1/');
  const name = functionName === '' ? '(anonymous)' : functionName;
  return where === '' ? name : `${name} ${where}:${lineNumber + 1}`;
}

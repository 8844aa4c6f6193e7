// Far deeper than any body a parser accepts within its size limit (a 1 MB body nests 500,000).
const maxDepth = 1_000_000;

// A piece of output still to write, and the object or array it closes (to end its cycle check).
class Pending {
  constructor(
    readonly text: string,
    readonly closes?: object,
  ) {}
}

// What JSON.stringify would serialise for `value` under `key`: `toJSON` applied, boxed
// primitives unwrapped, and `undefined` for what it leaves out (functions, symbols, undefined).
function jsonValueOf(value: unknown, key: string): unknown {
  let current = value;
  if ((typeof current === 'object' && current !== null) || typeof current === 'bigint') {
    const toJSON: unknown = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function')
      current = (toJSON as (key: string) => unknown).call(current, key);
  }
  if (current instanceof Number || current instanceof String || current instanceof Boolean) {
    current = current.valueOf();
  }
  if (typeof current === 'bigint' || current instanceof BigInt) {
    throw new TypeError('Do not know how to serialize a BigInt');
  }
  return typeof current === 'function' || typeof current === 'symbol' ? undefined : current;
}

function primitiveJson(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  return undefined;
}

/**
 * JSON with object keys sorted at every depth, so a parsed body fingerprints the same whatever
 * order its fields arrived in. Otherwise what `JSON.stringify` writes (`toJSON`, left-out
 * members, `null` for non-finite numbers), but without recursion: `JSON.parse` accepts a body
 * nested far deeper than a recursive serialiser's stack allows, and that body must still get a
 * fingerprint, not an `InternalError`.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const open = new Set<object>();
  const work: (Pending | { readonly value: unknown })[] = [{ value: jsonValueOf(value, '') }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (item instanceof Pending) {
      out.push(item.text);
      if (item.closes !== undefined) open.delete(item.closes);
      continue;
    }
    const current = item.value;
    const primitive = primitiveJson(current);
    if (primitive !== undefined || typeof current !== 'object' || current === null) {
      out.push(primitive ?? 'null');
      continue;
    }
    if (open.has(current)) throw new TypeError('Converting circular structure to JSON');
    // A catchable error where JSON.stringify would overflow its stack: without a limit, a
    // `toJSON` that nests forever would grow the work list until the heap ran out.
    if (open.size >= maxDepth)
      throw new RangeError(`nested deeper than ${String(maxDepth)} levels`);
    open.add(current);
    // Pushed in reverse: the work list is a stack.
    if (Array.isArray(current)) {
      const items = current as readonly unknown[];
      work.push(new Pending(']', current));
      for (let i = items.length - 1; i >= 0; i--) {
        work.push({ value: jsonValueOf(items[i], String(i)) });
        if (i > 0) work.push(new Pending(','));
      }
      work.push(new Pending('['));
    } else {
      const members = Object.keys(current)
        .sort()
        .map((key) => [key, jsonValueOf((current as Record<string, unknown>)[key], key)] as const)
        .filter(([, member]) => member !== undefined);
      work.push(new Pending('}', current));
      for (let i = members.length - 1; i >= 0; i--) {
        const [key, member] = members[i] as (typeof members)[number];
        work.push({ value: member });
        work.push(new Pending(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`));
      }
      work.push(new Pending('{'));
    }
  }
  return out.join('');
}

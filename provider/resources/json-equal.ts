// Whether two property values are equal as the engine's JSON carries them, whatever the order of object keys:
// the same answer as comparing JSON.stringify of both with sorted keys (undefined at the top or in an array is
// null, an object key whose value is undefined is absent), without building the two strings. diff and check run
// it on every property of every resource (connections included) in each preview.
export function jsonEqual(a: unknown, b: unknown): boolean {
  return eq(a === undefined ? null : a, b === undefined ? null : b);
}

function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  // A primitive on either side: the printed JSON decides (NaN prints as null, as does undefined in an array).
  if (ta !== "object" || tb !== "object" || a === null || b === null) return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!eq(arrayItem(a[i]), arrayItem(b[i]))) return false;
    return true;
  }
  if (typeof (a as { toJSON?: unknown }).toJSON === "function" || typeof (b as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(a) === JSON.stringify(b);
  const ka = present(a as Record<string, unknown>);
  const kb = present(b as Record<string, unknown>);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    const vb = (b as Record<string, unknown>)[k];
    if (!printed(vb) || !eq((a as Record<string, unknown>)[k], vb)) return false;
  }
  return true;
}

/** JSON prints undefined, a function or a symbol in an array as null. */
const arrayItem = (v: unknown) => (printed(v) ? v : null);
/** Whether JSON prints an object key with this value. */
const printed = (v: unknown) => v !== undefined && typeof v !== "function" && typeof v !== "symbol";
const present = (o: Record<string, unknown>) => Object.keys(o).filter((k) => printed(o[k]));

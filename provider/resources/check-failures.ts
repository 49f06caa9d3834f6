// A schema over the engine's inputs → Pulumi check failures (formatIssues: sdk/schemas/issues.ts).
import { z } from "zod";
import { formatIssues, type CheckFailure } from "../../sdk/schemas/issues";

export type { CheckFailure };

/** What the engine sends during preview for a value that is not known yet (an Output of a resource to be created). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v === null || typeof v !== "object" ? undefined : (v as Record<PropertyKey, unknown>)[p];
  return v;
}

/** Runs a schema over the engine's inputs (without the serialized provider) for `check`.
 *  Values still unknown at preview are not judged: they are checked when they are known. */
export function checkInputs<T extends z.ZodType>(schema: T, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const { __provider: _ignored, ...inputs } = news;
  const result = schema.safeParse(inputs);
  if (result.success) return { inputs: result.data as Record<string, unknown>, failures: [] };
  const known = result.error.issues.filter((i) => valueAt(inputs, i.path) !== UNKNOWN_VALUE);
  return { inputs: news, failures: formatIssues(new z.ZodError(known)) };
}

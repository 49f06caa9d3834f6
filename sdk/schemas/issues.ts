// zod issues → what a user is shown: { property: "a.b[0].c", reason }. One place for the SDK's construction-time
// errors (InvalidArgsError) and the provider's check failures, so both name a field the same way.
import { z } from "zod";

/** One field's problem, as a Pulumi check failure has it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** A zod issue path as the program writes it: `interconnects[0].addresses.server1`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

/** Every issue of a zod error, each naming its field ("(args)" for the object as a whole). */
export function formatIssues(error: z.ZodError): CheckFailure[] {
  return error.issues.map((i) => ({ property: formatPath(i.path) || "(args)", reason: i.message }));
}

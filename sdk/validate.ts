// Construction-time validation of resource args: a bad value fails `pulumi preview` with the field
// path and a one-line reason before any remote call. Values that are still Outputs (secrets,
// other resources' outputs) are skipped here and checked by the provider's `check`, with the same
// schema, once they are known.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { formatIssues, formatPath } from "./schemas/issues";

export interface ArgIssue {
  property: string;
  reason: string;
}

/** A RunError: the engine shows its message, without a stack trace (it is the program's mistake, not the SDK's). */
export class InvalidArgsError extends pulumi.RunError {
  constructor(resourceType: string, resourceName: string, readonly issues: ArgIssue[]) {
    super(`invalid ${resourceType} "${resourceName}":\n${issues.map((i) => `  ${i.property}: ${i.reason}`).join("\n")}`);
    this.name = "InvalidArgsError";
  }
}

function isPending(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function");
}

/** A copy with every Output/Promise replaced by undefined, and the paths where they were. */
function plainCopy(value: unknown, path: PropertyKey[], pending: string[]): unknown {
  if (isPending(value)) {
    pending.push(formatPath(path));
    return undefined;
  }
  if (Array.isArray(value)) return value.map((v, i) => plainCopy(v, [...path, i], pending));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainCopy(v, [...path, k], pending)]));
  }
  return value;
}

/** Validates what is known now; throws InvalidArgsError with every issue. */
export function validateArgs(schema: z.ZodType, args: unknown, resourceType: string, resourceName: string, extra: ArgIssue[] = []): void {
  const pending: string[] = [];
  const plain = plainCopy(args, [], pending);
  const result = schema.safeParse(plain);
  const under = (property: string, p: string) => property === p || property.startsWith(`${p}.`) || property.startsWith(`${p}[`);
  const parentOf = (property: string) => (/[.[]/.test(property) ? property.replace(/(\.[^.[\]]+|\[\d+\])$/, "") : "");
  const issues = result.success
    ? []
    : result.error.issues
        // A value still pending is checked by the provider; so is a cross-field rule over its object
        // (e.g. "a password or a privateKey" when the key is a secret Output).
        .filter((i) => {
          const property = formatPath(i.path);
          return !pending.some((p) => under(property, p) || (i.code === "custom" && parentOf(p) === parentOf(property)));
        })
        .map((i) => formatIssues(new z.ZodError([i]))[0]);
  const all = [...issues, ...extra];
  if (all.length > 0) throw new InvalidArgsError(resourceType, resourceName, all);
}

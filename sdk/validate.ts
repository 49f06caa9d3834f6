// Construction-time validation of resource args: a bad value fails `pulumi preview` with the field
// path and a one-line reason before any remote call. Values that are still unknown Outputs are
// checked again by the provider's `check`, with the same schema.
import { z } from "zod";
import { formatIssues } from "../provider/resources/check-failures";

export class InvalidArgsError extends Error {
  constructor(resourceType: string, resourceName: string, readonly issues: { property: string; reason: string }[]) {
    super(`invalid ${resourceType} "${resourceName}":\n${issues.map((i) => `  ${i.property}: ${i.reason}`).join("\n")}`);
    this.name = "InvalidArgsError";
  }
}

/** Validates the args that are plain values now; Inputs that are Outputs are skipped here. */
export function validatePlainArgs<T extends z.ZodObject>(schema: T, args: Record<string, unknown>, resourceType: string, resourceName: string): void {
  const plain: Record<string, unknown> = {};
  const pending = new Set<string>();
  for (const [key, value] of Object.entries(args)) {
    if (isPlainValue(value)) plain[key] = value;
    else pending.add(key);
  }
  const result = schema.safeParse(plain);
  if (result.success) return;
  const issues = formatIssues(result.error).filter((i) => !pending.has(i.property.split(".")[0]));
  if (issues.length > 0) throw new InvalidArgsError(resourceType, resourceName, issues);
}

function isPlainValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "object") return true;
  if (typeof (value as { then?: unknown }).then === "function") return false; // Promise
  if ((value as { __pulumiOutput?: unknown }).__pulumiOutput) return false; // Output
  if (Array.isArray(value)) return value.every(isPlainValue);
  return Object.values(value as Record<string, unknown>).every(isPlainValue);
}

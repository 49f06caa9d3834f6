// `{name}` placeholders in catalog strings, and the conditions items carry. Pure.
import type { SettingCondition } from "./types";

export type TemplateValues = Readonly<Record<string, unknown>>;

/** A catalog template referred to a value the settings do not have: a catalog bug, not a user error. */
export class TemplateError extends Error {
  constructor(template: string, name: string) {
    super(`catalog template "${template}" needs {${name}}, which has no string value`);
    this.name = "TemplateError";
  }
}

/** Replaces every `{name}` by the string (or number) value of that name. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_match, name: string) => {
    const value = values[name];
    if (typeof value === "string" || typeof value === "number") return String(value);
    throw new TemplateError(template, name);
  });
}

/** The placeholder names a template uses. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]);
}

/** Whether an item with this condition applies; no condition = always. */
export function conditionHolds(condition: SettingCondition | undefined, settings: TemplateValues): boolean {
  if (condition === undefined) return true;
  if ("allOf" in condition) return condition.allOf.every((c) => conditionHolds(c, settings));
  const value = settings[condition.setting];
  if ("equals" in condition) return value === condition.equals;
  if ("oneOf" in condition) return condition.oneOf.some((v) => v === value);
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== "";
}

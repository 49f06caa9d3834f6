// A monitor's tuning as the program gives it (sdk MonitorTuningSchema) ⇄ the monitor's clp.conf
// fields (pure). A field the program leaves out is not written: a new monitor keeps the product's
// default, an existing one what it has.
import { watchedResource, type Monitor } from "./model";
import type { MonitorTuning } from "../../sdk/schemas/cluster";

/** Final-action codes common to Windows and Linux (MonitorParameters_Windows_jp.md:144-155, _Linux_jp.md:131-150). */
const FINAL_ACTION_CODES: Record<NonNullable<MonitorTuning["finalAction"]>, number> = { none: 1, stopGroup: 2, stopClusterService: 3, shutdownOs: 4, rebootOs: 5 };

export type MonitorSetting = boolean | MonitorTuning;

/** The built monitors with the program's tuning applied (a declared recovery target is written even into an existing monitor). */
export function tuned(monitors: Monitor[], setting: MonitorSetting | undefined, group: string): Monitor[] {
  if (!setting || setting === true) return monitors;
  return monitors.map((m) => {
    const out: Monitor = { ...m };
    if (setting.intervalSeconds !== undefined) out.interval = setting.intervalSeconds;
    if (setting.timeoutSeconds !== undefined) out.timeout = setting.timeoutSeconds;
    if (setting.retries !== undefined) out.retry = setting.retries;
    if (setting.finalAction !== undefined) out.finalAction = FINAL_ACTION_CODES[setting.finalAction];
    if (setting.recoveryTarget !== undefined) {
      const resource = watchedResource(m) ?? "";
      out.relation = setting.recoveryTarget === "resource" ? { type: "rsc", name: resource } : setting.recoveryTarget === "group" ? { type: "grp", name: group } : { type: "cls", name: "LocalServer" };
      out.createOnly = (m.createOnly ?? []).filter((k) => k !== "relation");
    }
    return out;
  });
}

/**
 * For refresh: the monitor setting as clp.conf has it, in the shape the program declared it (a
 * boolean stays a boolean; an object gets the actual value of each field it declares).
 */
export function actualSetting(declared: unknown, m: Monitor | undefined, group: string): MonitorSetting {
  if (!m) return false;
  if (!declared || typeof declared !== "object") return true;
  const d = declared as MonitorTuning;
  const out: MonitorTuning = {};
  if (d.intervalSeconds !== undefined && m.interval !== undefined) out.intervalSeconds = m.interval;
  if (d.timeoutSeconds !== undefined && m.timeout !== undefined) out.timeoutSeconds = m.timeout;
  if (d.retries !== undefined && m.retry !== undefined) out.retries = m.retry;
  if (d.finalAction !== undefined && m.finalAction !== undefined) {
    const name = (Object.keys(FINAL_ACTION_CODES) as (keyof typeof FINAL_ACTION_CODES)[]).find((k) => FINAL_ACTION_CODES[k] === m.finalAction);
    if (name) out.finalAction = name;
  }
  if (d.recoveryTarget !== undefined && m.relation) {
    const r = m.relation;
    const target = r.type === "cls" ? "localServer" : r.type === "grp" && r.name === group ? "group" : r.type === "rsc" && r.name === watchedResource(m) ? "resource" : undefined;
    if (target) out.recoveryTarget = target;
  }
  return out;
}

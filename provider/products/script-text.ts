// The text of start/stop scripts: the skeleton of seed 001's samples (ARMS_*) and of CLUSTERPRO X's (CLP_*), and the
// CLUSTERPRO X script resources of one product (render.ts puts them in its plan; the applier makes them resources).
// Pure; no import of render or the catalog (render.ts uses it).
import { conditionHolds, fillTemplate, type TemplateValues } from "./template";
import type { LegacyScriptStyle, Product, ScriptLine } from "./types";

export const BROADCAST = "ARMBCAST";
/** seed 001 §1.2.8, §1.1.4.3: the messages of the error paths. */
export const DISK_FAILURE_MESSAGE = "切替パーティションの接続に失敗しました";
export const NO_ARM_MESSAGE = "ActiveRecoveryManager が動作状態にありません";

/** The CLUSTERPRO X scripts' messages: ASCII (a pushed script is not re-encoded for the console's code page). */
export const X_DISK_FAILURE_MESSAGE = "The shared disk could not be connected";
export const X_NO_CLUSTER_MESSAGE = "The cluster service is not running";

const LABEL = { START: "NORMAL", FAILOVER: "FAILOVER", RECOVER: "RECOVER" } as const;

/** A script in the shape of the seed's samples; `body(n)` is the body of branch n (1…4). */
export function skeleton(variable: "ARMS" | "CLP", events: ("START" | "FAILOVER" | "RECOVER")[], style: LegacyScriptStyle, body: (branch: number) => string[], stop: boolean): string[] {
  const v = (name: string) => `%${variable}_${name}%`;
  const lines = events.map((e) => `IF "${v("EVENT")}" == "${e}" GOTO ${LABEL[e]}`);
  const withRecover = events.includes("RECOVER");
  if (style.skeleton === "arm-minimal") {
    // The IF lines fall through to :NORMAL (§1.4.6, §1.5.5); the sections are NORMAL, RECOVER, FAILOVER in both samples.
    lines.push(":NORMAL", ...body(1), "GOTO EXIT");
    if (withRecover) lines.push(":RECOVER", "GOTO EXIT");
    lines.push(":FAILOVER", ...body(2), ...(style.gotoExitAfterFailover ? ["GOTO EXIT"] : []));
    lines.push(":EXIT");
    return lines;
  }
  lines.push("GOTO no_arm");
  const branch = (label: string, first: number, other: string) => {
    lines.push(`:${label}`, `IF "${v("DISK")}" == "FAILURE" GOTO ERROR_DISK`);
    if (style.body === "before-priority-split") {
      lines.push(...body(first), `IF "${v("SERVER")}" == "OTHER" GOTO ${other}`, "GOTO EXIT", `:${other}`, "GOTO EXIT");
    } else {
      lines.push(`IF "${v("SERVER")}" == "OTHER" GOTO ${other}`, ...body(first * 2 - 1), "GOTO EXIT", `:${other}`, ...body(first * 2), "GOTO EXIT");
    }
  };
  branch("NORMAL", 1, "ON_OTHER1");
  if (withRecover && !stop) lines.push(":RECOVER", "GOTO EXIT");
  branch("FAILOVER", 2, "ON_OTHER2");
  const [disk, noArm] = variable === "CLP" ? [X_DISK_FAILURE_MESSAGE, X_NO_CLUSTER_MESSAGE] : [DISK_FAILURE_MESSAGE, style.noArmMessage ?? NO_ARM_MESSAGE];
  lines.push(":ERROR_DISK", `${BROADCAST} /MSG "${disk}" /A`, "GOTO EXIT", ":no_arm", `${BROADCAST} /MSG "${noArm}" /A`, ":EXIT");
  if (style.exitCommand) lines.push("exit");
  return lines;
}

/** CRLF, final newline: what cmd.exe reads. */
export function batchText(lines: string[]): string {
  return `${lines.join("\r\n")}\r\n`;
}

/** ARMS_* → CLP_* (the same values: START/FAILOVER/RECOVER, HOME/OTHER, FAILURE; docs/reference §6.2 calls the mapping an assumption). */
export function toClpVariables(line: string): string {
  return line.replace(/%ARMS_(EVENT|SERVER|DISK|FACTOR|GROUPNAME)%/g, "%CLP_$1%");
}

export const X_STYLE: LegacyScriptStyle = { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "before-priority-split", exitCommand: false, gotoExitAfterFailover: true };

/** A line of a product's legacyScripts in the CLUSTERPRO X form (null: left out), and the note saying why, once. */
export function xLineOf(product: Product, values: TemplateValues, l: ScriptLine, branch: number, notes: string[]): string[] {
  const fill = (t: string) => fillTemplate(t.replace(/\{branch\}/g, String(branch)), values);
  const legacy = fill(l.legacy);
  if (l.xNote && branch === 1) notes.push(`${product.id}: ${legacy} — ${l.xNote}`);
  if (l.x === null) return [];
  return [toClpVariables(l.x === undefined ? legacy : fill(l.x))];
}

export interface ProductXScript {
  /** before-services: start.bat before the product's first service starts, stop.bat after its last one stops. */
  role: "before-services" | "after-services";
  start: string;
  stop: string;
  notes: string[];
}

/**
 * The CLUSTERPRO X script resources of one product install (none for a product without seed-001 script lines, or
 * whose lines are all service starts): what its legacy scripts did besides starting and stopping services.
 */
export function productXScripts(product: Product, values: TemplateValues, restartAroundStop: readonly string[], documentedStop: readonly string[] = []): ProductXScript[] {
  const legacy = product.legacyScripts;
  if (!legacy) return [];
  const notes: string[] = [];
  const lines = (which: "beforeStart" | "afterStart" | "beforeStop" | "afterStop") => legacy[which].filter((l) => conditionHolds(l.when, values));
  const x = (which: "beforeStart" | "afterStart" | "beforeStop" | "afterStop", n: number) => lines(which).flatMap((l) => xLineOf(product, values, l, n, notes));
  const bodies = {
    "before-services": { start: (n: number) => x("beforeStart", n), stop: (n: number) => [...[...restartAroundStop].reverse().map((s) => `net start /Yes "${s}"`), ...x("afterStop", n)] },
    "after-services": { start: (n: number) => x("afterStart", n), stop: (n: number) => [...x("beforeStop", n), ...restartAroundStop.map((s) => `net stop /Yes "${s}"`), ...documentedStop.map((s) => `net stop "${s}"`)] },
  };
  const out: ProductXScript[] = [];
  for (const role of ["before-services", "after-services"] as const) {
    const b = bodies[role];
    if (b.start(1).length === 0 && b.stop(1).length === 0) continue;
    out.push({ role, start: batchText(skeleton("CLP", X_STYLE.startEvents, X_STYLE, b.start, false)), stop: batchText(skeleton("CLP", ["START", "FAILOVER"], X_STYLE, b.stop, true)), notes: [] });
  }
  for (const o of out) o.notes = [...new Set(notes)];
  return out;
}

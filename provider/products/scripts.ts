// The start/stop scripts of a failover group, generated from the catalog's product data (seed 001). Pure.
//
// legacyScripts: the CLUSTERPRO Ver5–7 (ActiveRecoveryManager) start.bat / stop.bat, branching on ARMS_EVENT with
//   ARMLOAD / ARMKILL lines, in the shape of the seed's samples (LegacyScriptStyle): for clusters still on Ver7.
// clusterproXForm: the same behaviour on CLUSTERPRO X — each armload'ed service becomes a service resource, chained in
//   start order (NEC's own X3.3 → X5.1 migration does this, docs/reference clusterpro-x-details §6.2); what is not a
//   service start (shares, armwsset, the JLook shutdown mode, services stopped around the stop) goes into a `script`
//   resource with CLP_EVENT branches: one before the services (its start.bat runs first, its stop.bat last) and one
//   after them (start.bat last, stop.bat first).
import { serviceResourceName } from "./applier";
import { CATALOG } from "./catalog";
import type { ValidProductInstall } from "./install-input";
import { renderValidInstall } from "./render";
import { batchText, skeleton, toClpVariables, X_STYLE } from "./script-text";
import { conditionHolds, fillTemplate, type TemplateValues } from "./template";
import type { LegacyScriptStyle, Product, ProductService, ScriptLine } from "./types";

export { BROADCAST, batchText, DISK_FAILURE_MESSAGE, NO_ARM_MESSAGE, toClpVariables } from "./script-text";

export class ScriptGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScriptGenerationError";
  }
}

/** One install of the group, rendered: its services with their ARM control, its lines, its values. */
interface Member {
  name: string;
  product: Product;
  values: TemplateValues;
  start: ProductService[];
  stop: ProductService[];
  restartAroundStop: string[];
  lines: (which: "beforeStart" | "afterStart" | "beforeStop" | "afterStop") => ScriptLine[];
}

function members(installs: readonly ValidProductInstall[]): Member[] {
  if (installs.length === 0) throw new ScriptGenerationError("no product install: nothing to write");
  // A service an earlier install of the group starts (the shared ESM Base Service) is started and stopped once, by it:
  // first in the start script, last in the stop script.
  const seen = new Set<string>();
  return installs.map((install, i) => {
    const product: Product = CATALOG[install.product];
    const legacy = product.legacyScripts;
    if (!legacy) throw new ScriptGenerationError(`${install.product} (install ${i + 1}): the catalog has no start/stop script lines for it (only the seed 001 products have them)`);
    const plan = renderValidInstall(install);
    const values: TemplateValues = { ...(install.settings as TemplateValues), ...(plan.sharedFolder !== undefined ? { sharedFolder: plan.sharedFolder } : {}), ...(plan.installFolder !== undefined ? { installFolder: plan.installFolder } : {}) };
    const byName = new Map(product.services.map((s) => [fillTemplate(s.serviceName, values), { ...s, serviceName: fillTemplate(s.serviceName, values) }]));
    const service = (name: string) => {
      const s = byName.get(name);
      if (!s?.arm && !s?.net) throw new ScriptGenerationError(`${install.product}: service ${name} has no ARM or net control in the catalog`);
      return s;
    };
    const earlier = new Set(seen);
    for (const n of plan.startOrder) seen.add(n.toLowerCase());
    const own = (n: string) => !earlier.has(n.toLowerCase());
    return {
      name: install.product,
      product,
      values,
      start: plan.startOrder.filter(own).map(service),
      stop: plan.stopOrder.filter(own).map(service),
      restartAroundStop: plan.restartAroundStop,
      lines: (which) => legacy[which].filter((l) => conditionHolds(l.when, values)),
    };
  });
}

const fill = (m: Member, line: string, branch: number) => fillTemplate(line.replace(/\{branch\}/g, String(branch)), m.values);

/** The service starts with net start (JMSS RL1999/06 and earlier) instead of the ARM commands. */
const netStart = (m: Member) => m.product.legacyScripts!.netStartWhen !== undefined && conditionHolds(m.product.legacyScripts!.netStartWhen, m.values);

/** A service started with plain net start / net stop (PrintManager, ClientManager's CMURELAY, AppManager): by which name. */
const netName = (s: ProductService) => (s.net === "service-name" ? s.serviceName : `"${s.displayName}"`);

function startLines(m: Member, s: ProductService): string[] {
  const before = s.legacyBeforeStart ?? [];
  if (netStart(m)) return [...before, `net start "${s.displayName}"`];
  if (!s.arm) return [...before, `net start ${netName(s)}`];
  const arm = s.arm;
  // The display name where the sample loads by it; a service name with a space (PFM's "JP1PCMGR_PN [<logical
  // host>]") quoted, as the seed prints it (§2.4.5.1).
  const argument = arm.argument === "display-name" ? `"${s.displayName}"` : /\s/.test(s.serviceName) ? `"${s.serviceName}"` : s.serviceName;
  return [
    ...before,
    ...(arm.logBeforeStart ? [arm.logBeforeStart] : []),
    [m.product.legacyScripts!.loadCommand, arm.watchId, ...arm.options, argument, ...(arm.trailing ?? [])].join(" "),
    ...(arm.afterStartLines ?? []),
    ...(arm.logAfterStart ? [arm.logAfterStart] : []),
  ];
}

function stopLines(m: Member, s: ProductService): string[] {
  const after = s.legacyAfterStop ?? [];
  if (netStart(m)) return [`net stop "${s.displayName}"`, ...after];
  if (!s.arm) return [`net stop ${netName(s)}`, ...after];
  const arm = s.arm;
  return [...(arm.beforeStopLines ?? []), ...(arm.logBeforeStop ? [arm.logBeforeStop] : []), `${m.product.legacyScripts!.killCommand} ${arm.watchId}`, ...(arm.logAfterStop ? [arm.logAfterStop] : []), ...after];
}

/** The start body of branch `branch`: every product's "first" lines, then per product its lines and service starts. */
function legacyStartBody(ms: Member[], branch: number): string[] {
  const out: string[] = [];
  for (const m of ms) for (const l of m.lines("beforeStart").filter((x) => x.position === "first")) out.push(fill(m, l.legacy, branch));
  for (const m of ms) {
    for (const l of m.lines("beforeStart").filter((x) => x.position !== "first")) out.push(fill(m, l.legacy, branch));
    for (const s of m.start) out.push(...startLines(m, s));
    for (const l of m.lines("afterStart")) out.push(fill(m, l.legacy, branch));
  }
  return out;
}

/** The stop body: the products in reverse, each: its lines, services stopped around, kills in stop order, restarts. */
function legacyStopBody(ms: Member[], branch: number): string[] {
  const out: string[] = [];
  for (const m of [...ms].reverse()) {
    for (const l of m.lines("beforeStop")) out.push(fill(m, l.legacy, branch));
    for (const name of m.restartAroundStop) out.push(`net stop /Yes "${name}"`);
    for (const s of m.stop) out.push(...stopLines(m, s));
    for (const name of [...m.restartAroundStop].reverse()) out.push(`net start /Yes "${name}"`);
    for (const l of m.lines("afterStop")) out.push(fill(m, l.legacy, branch));
  }
  return out;
}

export interface GeneratedScripts {
  start: string;
  stop: string;
}

function header(file: string, ms: Member[], seeds: string[]): string[] {
  return [`rem ${file}: generated by pulumi-clusterpro from its product catalog`, `rem products: ${ms.map((m) => m.name).join(", ")} (${[...new Set(seeds)].join("; ")})`];
}

/**
 * The legacy start.bat / stop.bat of a failover group running these installs, in their declaration order (start order;
 * stop in reverse). The shape is the last install's sample (DeliveryManager's sample includes FileTransfer's lines)
 * unless `style` is given.
 */
export function legacyScripts(installs: readonly ValidProductInstall[], style?: LegacyScriptStyle): GeneratedScripts {
  const ms = members(installs);
  const shape = style ?? ms[ms.length - 1].product.legacyScripts!.style;
  const seeds = ms.map((m) => `seed 001 ${m.product.legacyScripts!.seed.replace(/^seed 001 /, "")}`);
  return {
    start: batchText([...header("start.bat", ms, seeds), ...skeleton("ARMS", shape.startEvents, shape, (n) => legacyStartBody(ms, n), false)]),
    stop: batchText([...header("stop.bat", ms, seeds), ...skeleton("ARMS", ["START", "FAILOVER"], shape, (n) => legacyStopBody(ms, n), true)]),
  };
}

export interface XServiceResource {
  /** The service resource's name: the one a ProductInstall gives it (applier.ts serviceResourceName). */
  resource: string;
  serviceName: string;
  displayName: string;
  product: string;
  /** The resources it starts after (empty: the group's storage and IP resources, CLUSTERPRO's default). */
  dependsOn: string[];
  /** Started with armload /M: a service monitor (servicew) watches it. */
  monitored: boolean;
}

export interface XScriptResource {
  resource: string;
  /** before-services: its start.bat runs before the service resources start and its stop.bat after they stop. */
  role: "before-services" | "after-services";
  dependsOn: string[];
  start: string;
  stop: string;
  /** Why a legacy line was left out or changed (catalog xNote). */
  notes: string[];
}

export interface ClusterproXForm {
  services: XServiceResource[];
  scripts: XScriptResource[];
}

function xLine(m: Member, l: ScriptLine, branch: number, notes: string[]): string[] {
  const legacy = fill(m, l.legacy, branch);
  if (l.xNote && branch === 1) notes.push(`${m.name}: ${legacy} — ${l.xNote}`);
  if (l.x === null) return [];
  return [toClpVariables(l.x === undefined ? legacy : fill(m, l.x, branch))];
}

function xScript(ms: Member[], role: XScriptResource["role"], name: string, dependsOn: string[], start: (n: number) => string[], stop: (n: number) => string[]): XScriptResource | undefined {
  if (start(1).length === 0 && stop(1).length === 0) return undefined;
  const head = (file: string) => [`rem ${file} of ${name}: generated by pulumi-clusterpro (${role} of the product services)`];
  return {
    resource: name,
    role,
    dependsOn,
    start: batchText([...head("start.bat"), ...skeleton("CLP", X_STYLE.startEvents, X_STYLE, start, false)]),
    stop: batchText([...head("stop.bat"), ...skeleton("CLP", ["START", "FAILOVER"], X_STYLE, stop, true)]),
    notes: [],
  };
}

/** The CLUSTERPRO X resources of a group running these installs (declaration order = start order). */
export function clusterproXForm(group: string, installs: readonly ValidProductInstall[]): ClusterproXForm {
  const ms = members(installs);
  const notes: string[] = [];
  const pre = (n: number) => [
    ...ms.flatMap((m) => m.lines("beforeStart").filter((l) => l.position === "first").flatMap((l) => xLine(m, l, n, notes))),
    ...ms.flatMap((m) => m.lines("beforeStart").filter((l) => l.position !== "first").flatMap((l) => xLine(m, l, n, notes))),
  ];
  // Stopped last: what the legacy stop did after its kills (shares removed, services started again after the stop).
  const preStop = (n: number) => [...ms].reverse().flatMap((m) => [...[...m.restartAroundStop].reverse().map((s) => `net start /Yes "${s}"`), ...m.lines("afterStop").flatMap((l) => xLine(m, l, n, notes))]);
  const post = (n: number) => ms.flatMap((m) => m.lines("afterStart").flatMap((l) => xLine(m, l, n, notes)));
  // Stopped first: what the legacy stop did before its kills.
  // A documented stop order that is not the reverse of the start (ClientManager): stopped in it before the chain stops them.
  const documentedStop = (m: Member) => (m.stop.map((s) => s.serviceName).join("\n") === [...m.start].reverse().map((s) => s.serviceName).join("\n") ? [] : m.stop.map((s) => `net stop "${s.serviceName}"`));
  const postStop = (n: number) => [...ms].reverse().flatMap((m) => [...m.lines("beforeStop").flatMap((l) => xLine(m, l, n, notes)), ...m.restartAroundStop.map((s) => `net stop /Yes "${s}"`), ...documentedStop(m)]);
  for (const m of ms)
    for (const s of m.start)
      for (const l of [...(s.legacyBeforeStart ?? []), ...(s.legacyAfterStop ?? [])]) notes.push(`${m.name}: ${l} (around ${s.serviceName}) — the service resources start in chain order; a wait between them is not written (set the resource's start wait if the product needs it)`);
  for (const m of ms) for (const s of m.start) if (s.arm?.logAfterStart) notes.push(`${m.name}: ${s.arm.logAfterStart} — ARMLOG only eases troubleshooting (seed 001 §1.1.4.3): left out`);

  const preScript = xScript(ms, "before-services", scriptName(group, "pre"), [], pre, preStop);
  const services: XServiceResource[] = [];
  let previous = preScript ? [preScript.resource] : [];
  for (const m of ms)
    for (const s of m.start) {
      const resource = serviceResourceName(s.serviceName);
      services.push({ resource, serviceName: s.serviceName, displayName: s.displayName, product: m.name, dependsOn: previous, monitored: s.monitored });
      previous = [resource];
    }
  const postScript = xScript(ms, "after-services", scriptName(group, "post"), previous, post, postStop);
  const scripts = [preScript, postScript].filter((x): x is XScriptResource => x !== undefined);
  for (const s of scripts) s.notes = [...new Set(notes)];
  return { services, scripts };
}

function scriptName(group: string, which: "pre" | "post"): string {
  return `script-${which}-${group.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`.slice(0, 31);
}

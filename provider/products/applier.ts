// The generic applier (pure): a rendered product plan → what ProductInstall does.
//   1. per node, in the documented order, as agent batches: stop the services → startup types →
//      (active node) moves, files, ACLs → (standby nodes) deletions → registry on every node;
//      a read batch first learns what the writes depend on (current values, subkeys, startup types);
//   2. clp.conf objects in the group: one service resource per group service, chained with
//      <depend> in start order (databases first); servicew monitors; a regsync resource with the
//      keys; where the documented stop order is not the reverse of the start order, a script
//      resource that stops them in the documented order.
import type { DesiredConfig, Monitor, Resource } from "../clusterpro";
import { buildRegsync, buildScriptResource, buildServiceResource } from "../clusterpro";
import type { AgentOpInput, AgentResult } from "../remote/agent/protocol";
import type { ConfigFile } from "../engine/plan";
import type { ProductPlan } from "./render";

/** Environment variables as a standard Windows Server install has them (the seeds print paths this way). */
const WINDOWS_ENV: Record<string, string> = {
  ProgramFiles: "C:\\Program Files",
  "ProgramFiles(x86)": "C:\\Program Files (x86)",
  SystemRoot: "C:\\Windows",
  windir: "C:\\Windows",
  SystemDrive: "C:",
  ProgramData: "C:\\ProgramData",
};

export function expandWindowsPath(path: string): string {
  return path.replace(/%([^%]+)%/g, (m, name: string) => WINDOWS_ENV[name] ?? m);
}

/** A service's resource name in clp.conf: its service name made a valid object name. */
export function serviceResourceName(serviceName: string): string {
  const cleaned = serviceName.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return (cleaned || "service").slice(0, 31);
}

export interface ProductObjects {
  resources: Resource[];
  monitors: Monitor[];
  files: ConfigFile[];
  /** The first and last service resources of the chain, for the next install of the group to follow. */
  chain: { first?: string; last?: string };
}

/**
 * The clp.conf objects of an install in `group`. `after` is the last service resource of the install
 * declared before it in the group; `shared` are services an earlier install of the group already
 * brings (a SQL Server instance several products keep their data in): they are not added twice.
 */
export function productObjects(plan: ProductPlan, install: string, group: string, after?: string, shared: readonly string[] = []): ProductObjects {
  const resources: Resource[] = [];
  const monitors: Monitor[] = [];
  const files: ConfigFile[] = [];
  const timeouts = new Map(plan.services.map((s) => [s.serviceName, s.stopTimeoutSeconds]));
  let previous = after;
  for (const serviceName of plan.startOrder.filter((x) => !shared.includes(x))) {
    const name = serviceResourceName(serviceName);
    const built = buildServiceResource({
      name,
      group,
      serviceName,
      // The first follows the previous install of the group (or the product's default order), each next one the previous.
      dependsOn: previous ? [previous] : undefined,
      monitor: plan.monitoredServices.includes(serviceName) ? { name: `servicew-${name}`.slice(0, 31) } : false,
    });
    const stop = timeouts.get(serviceName);
    if (stop !== undefined) built.resource.deact = { ...built.resource.deact, timeout: stop };
    resources.push(built.resource);
    monitors.push(...built.monitors);
    previous = name;
  }
  if (!plan.stopOrderIsReverse && plan.startOrder.length > 0) {
    // The chain stops services in reverse start order; this script runs first on stop (it depends on
    // the last service) and stops them in the documented order, cycling the outside services around.
    const name = `${install}-stop`.slice(0, 31);
    const script = buildScriptResource({ os: "windows", name, group, dependsOn: [previous as string] });
    resources.push(script.resource);
    const stopLines = [
      ...plan.restartAroundStop.map((s) => `net stop "${s}" /Yes`),
      ...plan.stopOrder.map((s) => `net stop "${s}" /Yes`),
      ...[...plan.restartAroundStop].reverse().map((s) => `net start "${s}"`),
    ];
    files.push({ path: `scripts/${group}/${name}/start.bat`, content: "@echo off\r\nrem Services start through their service resources.\r\nexit /b 0\r\n" });
    files.push({ path: `scripts/${group}/${name}/stop.bat`, content: `@echo off\r\nrem ${plan.title}: the documented stop order.\r\n${stopLines.join("\r\n")}\r\nexit /b 0\r\n` });
  }
  if (plan.registrySyncKeys.length > 0) {
    const regsync = buildRegsync({ name: `${install}-regsync`.slice(0, 31), group, keys: plan.registrySyncKeys });
    resources.push(regsync.resource);
  }
  return { resources, monitors, files, chain: { first: resources[0]?.name, last: previous } };
}

export function productFragment(o: ProductObjects): DesiredConfig {
  return { resources: o.resources, monitors: o.monitors };
}

export function productRemoval(o: ProductObjects): DesiredConfig {
  return { remove: { monitors: o.monitors.map((m) => m.name), resources: o.resources.map((r) => r.name) } };
}

// ---------- per-node steps ----------

export type NodeRole = "active" | "standby";

const serviceNames = (plan: ProductPlan) => [...plan.databases.map((d) => d.serviceName), ...plan.services.map((s) => s.serviceName)];

/** What the writes need to know first: startup types (to restore on destroy), registry values and subkeys. */
const registryKeysRead = (plan: ProductPlan) => [...new Set([...plan.registryWrites.filter((w) => w.data.kind === "relocated").map((w) => w.key), ...plan.registryDeletions.map((d) => d.key)])];

/** What the writes need to know first: startup types (to restore on destroy), registry values and subkeys, and where each placement's data is. */
export function readOps(plan: ProductPlan): AgentOpInput[] {
  return [
    { op: "service.query", names: serviceNames(plan) },
    ...registryKeysRead(plan).map((key): AgentOpInput => ({ op: "reg.query", key })),
    ...plan.sharedDiskPlacements.map((p): AgentOpInput => ({ op: "file.stat", path: expandWindowsPath(p.source) })),
  ];
}

export interface NodeFacts {
  startup: Record<string, string>;
  registry: Map<string, { values: { name: string; data: unknown }[]; subkeys: string[] }>;
  /** Placement sources that exist on the node (a moved folder is gone from its source). */
  sources: Set<string>;
}

export function nodeFacts(plan: ProductPlan, results: AgentResult[]): NodeFacts {
  const facts: NodeFacts = { startup: {}, registry: new Map(), sources: new Set() };
  const keys = registryKeysRead(plan);
  const [services, ...rest] = results;
  if (services?.ok && services.op === "service.query") for (const s of services.value.services) if (s.exists && s.startup) facts.startup[s.name] = s.startup;
  rest.slice(0, keys.length).forEach((r, i) => {
    if (r.ok && r.op === "reg.query") facts.registry.set(keys[i].toLowerCase(), { values: r.value.values, subkeys: r.value.subkeys });
  });
  rest.slice(keys.length).forEach((r, i) => {
    if (r.ok && r.op === "file.stat" && r.value.exists) facts.sources.add(expandWindowsPath(plan.sharedDiskPlacements[i].source).toLowerCase());
  });
  return facts;
}

const startupOf = (s: string) => (s === "Automatic" ? "automatic" : "manual");

/** The documented order on one node. Every op stops the batch on failure, so a failed step is the last one run. */
export function writeOps(plan: ProductPlan, role: NodeRole, facts: NodeFacts): AgentOpInput[] {
  const ops: AgentOpInput[] = [];
  const stop = (o: AgentOpInput): AgentOpInput => ({ ...o, stopOnError: true }) as AgentOpInput;
  const groupServices = plan.services.filter((s) => s.control === "group").map((s) => s.serviceName);
  // 1. Stop the product's services (documented stop order), then the databases.
  const toStop = [...plan.stopOrder.filter((s) => groupServices.includes(s) || plan.databases.some((d) => d.serviceName === s))];
  if (toStop.length > 0) ops.push(stop({ op: "service.stop", names: toStop, timeoutSec: 120 }));
  // 2. Startup types: the group starts its services; node services (e.g. Windows Time) run everywhere.
  for (const s of plan.services) ops.push(stop({ op: "service.setStartup", name: s.serviceName, startup: startupOf(s.startup) }));
  for (const d of plan.databases) ops.push(stop({ op: "service.setStartup", name: d.serviceName, startup: "manual" }));
  if (plan.timeSync) {
    ops.push(stop({ op: "reg.set", key: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", name: "NtpServer", value: { type: "REG_SZ", data: `${plan.timeSync.ntpServer},0x9` } }));
    ops.push(stop({ op: "reg.set", key: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters", name: "Type", value: { type: "REG_SZ", data: "NTP" } }));
  }
  const nodeServices = plan.services.filter((s) => s.control === "node" && s.stateOnEveryNode === "running").map((s) => s.serviceName);
  if (nodeServices.length > 0) ops.push(stop({ op: "service.start", names: nodeServices, timeoutSec: 120 }));
  // 3. Active node: the shared disk's content.
  if (role === "active") {
    for (const p of plan.sharedDiskPlacements) {
      const from = expandWindowsPath(p.source);
      // A source that is gone was moved by an earlier run (or never installed): nothing to place.
      if (!facts.sources.has(from.toLowerCase())) continue;
      const parent = p.target.replace(/\\[^\\]+$/, "");
      ops.push(stop({ op: "file.mkdir", path: parent }));
      // onlyIfExists: the seed says the source may be missing; a missing source then fails only this op.
      const op: AgentOpInput = p.operation === "move" ? { op: "file.move", from, to: p.target, overwrite: true } : { op: "file.copy", from, to: p.target, overwrite: true };
      ops.push(p.onlyIfExists ? op : stop(op));
    }
  }
  for (const f of plan.files.filter((x) => x.on === "all-nodes" || role === "active")) {
    ops.push(stop({ op: "file.write", path: expandWindowsPath(f.path), content: f.content, encoding: f.encoding === "oem" ? "cp932" : "utf8", createParents: true }));
  }
  for (const a of plan.acls.filter((x) => x.on === "all-nodes" || role === "active")) {
    ops.push(stop({ op: "acl.set", path: expandWindowsPath(a.path), rules: a.entries.map((e) => ({ identity: e.principal, rights: [e.rights], type: "allow", inherit: a.recursive })) }));
  }
  // 4. Standby nodes only: the local copies that moved to the shared disk.
  if (role === "standby") for (const d of plan.standbyDeletions) ops.push({ op: "file.delete", path: expandWindowsPath(d.path), recursive: d.kind === "folder" });
  // 5. Registry on every node.
  for (const w of plan.registryWrites) {
    let data: string | undefined;
    if (w.data.kind === "value") data = w.data.value;
    else {
      const current = facts.registry.get(w.key.toLowerCase())?.values.find((v) => v.name.toLowerCase() === w.name.toLowerCase())?.data;
      if (typeof current === "string") {
        for (const m of w.data.mappings) {
          const from = expandWindowsPath(m.from);
          if (current.toLowerCase().startsWith(from.toLowerCase())) {
            data = m.to + current.slice(from.length);
            break;
          }
        }
      }
    }
    if (data !== undefined) ops.push(stop({ op: "reg.set", key: w.key, name: w.name, value: { type: w.type, data } }));
  }
  for (const d of plan.registryDeletions) {
    const known = facts.registry.get(d.key.toLowerCase());
    const keys = d.scope === "key" ? [d.key] : (known?.subkeys ?? []).map((s) => `${d.key}\\${s}`);
    for (const key of keys) for (const name of d.values) ops.push({ op: "reg.deleteValue", key, name });
  }
  return ops;
}

/** Destroy: startup types back to what the install found; the group's services stay stopped, data stays. */
export function restoreOps(found: Record<string, string>): AgentOpInput[] {
  return Object.entries(found).map(([name, startup]): AgentOpInput => ({ op: "service.setStartup", name, startup: startup as "manual" }));
}

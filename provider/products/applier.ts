// The generic applier (pure): a rendered product plan → what ProductInstall does.
//   1. per node, in the documented order, as agent batches: stop the services → startup types →
//      (active node) moves, files, ACLs → (standby nodes) deletions → registry on every node;
//      a read batch first learns what the writes depend on (current values, subkeys, startup types);
//   2. clp.conf objects in the group: one service resource per group service, chained with
//      <depend> in start order (databases first); servicew monitors; a regsync resource with the
//      keys; where the documented stop order is not the reverse of the start order, a script
//      resource that stops them in the documented order.
import type { DesiredConfig, Monitor, Resource } from "../clusterpro";
import { buildRegsync, buildScriptResource, buildServiceResource, monitorRemoval } from "../clusterpro";
import type { AgentOpInput, AgentResult } from "../remote/agent/protocol";
import type { ConfigFile } from "../clusterpro/plan";
import type { ProductPlan } from "./render";

/** A node's folders by environment variable name, as its agent's facts report them (ProgramFiles, ProgramFiles(x86), …). */
export type NodeEnv = Readonly<Record<string, string>>;

/** The env of a `facts` result (empty when the agent reports none: every %VAR% then stays and checkNode refuses it). */
export function nodeEnv(facts: AgentResult | undefined): NodeEnv {
  return facts?.ok && facts.op === "facts" ? (facts.value.env ?? {}) : {};
}

/** %VAR% replaced by the node's own value (names case-insensitive, as Windows has them); an unknown one stays. */
export function expandPath(path: string, env: NodeEnv): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return path.replace(/%([^%]+)%/g, (m, name: string) => lower.get(name.toLowerCase()) ?? m);
}

const UNEXPANDED = /%[^%\\]+%/;

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
  // Seed 001 products: what their legacy scripts did besides the service starts runs in script resources with
  // CLP_EVENT branches, one before the service chain and one after it (scripts.ts, docs/products.md).
  const xScript = (role: "before-services" | "after-services", suffix: string) => {
    const x = plan.xScripts?.find((s) => s.role === role);
    if (!x) return;
    const name = `${install}-${suffix}`.slice(0, 31);
    resources.push(buildScriptResource({ os: "windows", name, group, dependsOn: previous ? [previous] : undefined }).resource);
    files.push({ path: `scripts/${group}/${name}/start.bat`, content: x.start }, { path: `scripts/${group}/${name}/stop.bat`, content: x.stop });
    previous = name;
  };
  xScript("before-services", "pre");
  for (const serviceName of plan.startOrder.filter((x) => !shared.includes(x))) {
    const name = serviceResourceName(serviceName);
    const built = buildServiceResource({
      name,
      group,
      serviceName,
      // The first follows the previous install of the group (or the product's default order), each next one the previous.
      dependsOn: previous ? [previous] : undefined,
      monitor: plan.monitoredServices.includes(serviceName),
    });
    const stop = timeouts.get(serviceName);
    if (stop !== undefined) built.resource.deact = { ...built.resource.deact, timeout: stop };
    resources.push(built.resource);
    monitors.push(...built.monitors);
    previous = name;
  }
  // The chain stops services in reverse start order. Where the documented stop order differs, a script resource
  // stops them in that order: it follows the last service in the chain (so on stop it runs before them, after the
  // installs declared later in the group, which follow it), and precedes the -post script where there is one (which
  // stops first: NetvisorPro's databases are detached before its services stop). Without -pre/-post scripts it also
  // cycles the outside services around the stop; with them, those scripts do.
  const withX = (plan.xScripts?.length ?? 0) > 0;
  const reverse = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[b.length - 1 - i]);
  const needsStop = plan.startOrder.length > 0 && (withX ? !reverse(plan.stopOrder, plan.startOrder) : !plan.stopOrderIsReverse);
  if (needsStop) {
    const name = `${install}-stop`.slice(0, 31);
    const script = buildScriptResource({ os: "windows", name, group, dependsOn: [previous as string] });
    resources.push(script.resource);
    const around = withX ? [] : plan.restartAroundStop;
    const stopLines = [
      ...around.map((s) => `net stop "${s}" /Yes`),
      // A service an earlier install of the group brings (ESM Base Service) is its to stop: after this install's.
      ...plan.stopOrder.filter((s) => !shared.includes(s)).map((s) => `net stop "${s}" /Yes`),
      ...[...around].reverse().map((s) => `net start "${s}"`),
    ];
    files.push({ path: `scripts/${group}/${name}/start.bat`, content: "@echo off\r\nrem Services start through their service resources.\r\nexit /b 0\r\n" });
    files.push({ path: `scripts/${group}/${name}/stop.bat`, content: `@echo off\r\nrem ${plan.title}: the documented stop order.\r\n${stopLines.join("\r\n")}\r\nexit /b 0\r\n` });
    previous = name;
  }
  xScript("after-services", "post");
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
  return { remove: { ...monitorRemoval(o.monitors), resources: o.resources.map((r) => r.name) } };
}

// ---------- per-node steps ----------

export type NodeRole = "active" | "standby";

const serviceNames = (plan: ProductPlan) => [...plan.databases.map((d) => d.serviceName), ...plan.services.map((s) => s.serviceName), ...plan.unusedServices.map((s) => s.serviceName)];

/** What the writes need to know first: startup types (to restore on destroy), registry values and subkeys. */
const registryKeysRead = (plan: ProductPlan) => [...new Set([...plan.registryWrites.map((w) => w.key), ...plan.registryDeletions.map((d) => d.key)])];

const W32TIME_PARAMETERS = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters";

/** The read batch, each op with what nodeFacts does with its result. */
function readPlan(plan: ProductPlan, env: NodeEnv): { op: AgentOpInput; use: (facts: NodeFacts, r: AgentResult) => void }[] {
  const expandWindowsPath = (p: string) => expandPath(p, env);
  const key = (p: string) => expandWindowsPath(p).toLowerCase();
  const view = plan.registryView;
  // A product with no service of its own (ESMPRO/AC, AppManager 4.x, BOM) asks for none: the agent refuses an empty list.
  const names = serviceNames(plan);
  return [
    ...(names.length === 0
      ? []
      : [
          {
            op: { op: "service.query", names } as AgentOpInput,
            use: (f: NodeFacts, r: AgentResult) => {
              if (r.ok && r.op === "service.query") for (const s of r.value.services) if (s.exists && s.startup) f.startup[s.name] = s.startup;
            },
          },
        ]),
    ...registryKeysRead(plan).map((k) => ({
      op: { op: "reg.query", key: k, view } as AgentOpInput,
      use: (f: NodeFacts, r: AgentResult) => {
        if (r.ok && r.op === "reg.query") f.registry.set(k.toLowerCase(), { values: r.value.values, subkeys: r.value.subkeys });
      },
    })),
    // Where each placement's data is (a moved folder is gone from its source) and whether the shared disk has it already.
    ...plan.sharedDiskPlacements.flatMap((p) => [
      {
        op: { op: "file.stat", path: expandWindowsPath(p.source) } as AgentOpInput,
        use: (f: NodeFacts, r: AgentResult) => {
          if (r.ok && r.op === "file.stat" && r.value.exists) f.sources.add(key(p.source));
        },
      },
      {
        op: { op: "file.stat", path: expandWindowsPath(p.target) } as AgentOpInput,
        use: (f: NodeFacts, r: AgentResult) => {
          if (r.ok && r.op === "file.stat" && r.value.exists) f.targets.set(key(p.target), r.value.type ?? "other");
        },
      },
    ]),
    // The standby's local copies that moved to the shared disk (refresh: still there is drift).
    ...plan.standbyDeletions.map((d) => ({
      op: { op: "file.stat", path: expandWindowsPath(d.path) } as AgentOpInput,
      use: (f: NodeFacts, r: AgentResult) => {
        if (r.ok && r.op === "file.stat" && r.value.exists) f.leftovers.add(key(d.path));
      },
    })),
    // Properties files are edited from their current text (bytes kept: latin1 round-trips every byte).
    ...[...new Set(plan.propertyEdits.map((e) => expandWindowsPath(e.path)))].map((path) => ({
      op: { op: "file.read", path, encoding: "binary" } as AgentOpInput,
      use: (f: NodeFacts, r: AgentResult) => {
        if (r.ok && r.op === "file.read") f.properties.set(path.toLowerCase(), Buffer.from(r.value.content, "base64").toString("latin1"));
      },
    })),
  ];
}

/**
 * What the writes need to know first: startup types (to restore on destroy), registry values and subkeys, where each
 * placement's data is, properties files. Its paths are the node's own: run `facts` first (nodeEnv) — one more round
 * trip, so that %ProgramFiles% is what that node says, not what a standard install has.
 */
export function readOps(plan: ProductPlan, env: NodeEnv): AgentOpInput[] {
  return readPlan(plan, env).map((x) => x.op);
}

export interface NodeFacts {
  /** The node's folders (from facts): every %VAR% of the plan is expanded with these. */
  env: NodeEnv;
  startup: Record<string, string>;
  registry: Map<string, { values: { name: string; data: unknown }[]; subkeys: string[] }>;
  /** Placement sources that exist on the node (a moved folder is gone from its source), lower case. */
  sources: Set<string>;
  /** Placement targets that exist (on the shared disk, where it is reachable), lower case → file.stat type. */
  targets: Map<string, string>;
  /** Standby deletions still present on the node, lower case. */
  leftovers: Set<string>;
  /** Properties files read, lower-case path → text (latin1: byte for byte). */
  properties: Map<string, string>;
  /** The node's domain membership from facts; null = the agent does not know; undefined = not asked. */
  domain?: { member: boolean; name: string | null } | null;
}

/** `factsResult`: the node's `facts` op result (env, domain); `results`: the answers to readOps(plan, nodeEnv(factsResult)). */
export function nodeFacts(plan: ProductPlan, factsResult: AgentResult | undefined, results: AgentResult[]): NodeFacts {
  const env = nodeEnv(factsResult);
  const facts: NodeFacts = { env, startup: {}, registry: new Map(), sources: new Set(), targets: new Map(), leftovers: new Set(), properties: new Map() };
  // Windows Time: a domain member keeps its domain hierarchy unless told otherwise (see writeOps).
  if (plan.timeSync) facts.domain = factsResult?.ok && factsResult.op === "facts" ? (factsResult.value.domain ?? null) : null;
  readPlan(plan, env).forEach((x, i) => {
    if (results[i]) x.use(facts, results[i]);
  });
  return facts;
}

export interface NodeReport {
  /** Shown to the user (engine log): what was kept, what was not forced. */
  notes: { severity: "info" | "warning"; message: string }[];
  /** The node must not be changed: each names the path and the reason. */
  problems: string[];
}

const KIND_TYPE = { folder: "directory", file: "file" } as const;

/**
 * Checks the read facts before any write. Shared data is never overwritten or deleted: a placement whose target
 * exists is kept as it is (reported), and one whose target is of the other kind is a problem.
 */
export function checkNode(plan: ProductPlan, role: NodeRole, facts: NodeFacts): NodeReport {
  const report: NodeReport = { notes: [], problems: [] };
  const expandWindowsPath = (p: string) => expandPath(p, facts.env);
  // Every path this node's steps use must expand with the node's own folders.
  const used = [
    ...(role === "active" ? plan.sharedDiskPlacements.flatMap((p) => [p.source, p.target]) : []),
    ...(role === "standby" ? plan.standbyDeletions.map((d) => d.path) : []),
    ...plan.files.filter((x) => x.on === "all-nodes" || role === "active").map((f) => f.path),
    ...plan.propertyEdits.filter((x) => x.on === "all-nodes" || role === "active").map((e) => e.path),
    ...plan.acls.filter((x) => x.on === "all-nodes" || role === "active").map((a) => a.path),
  ];
  for (const path of new Set(used)) {
    const left = UNEXPANDED.exec(expandWindowsPath(path));
    if (left) report.problems.push(`${path}: ${left[0]} is not defined on the node (its facts report ${Object.keys(facts.env).join(", ") || "no folders"}); set installFolder to the product's folder there`);
  }
  if (report.problems.length > 0) return report;
  if (role === "active") {
    for (const p of plan.sharedDiskPlacements) {
      const target = expandWindowsPath(p.target);
      const found = facts.targets.get(target.toLowerCase());
      if (found === undefined) continue;
      if (found !== KIND_TYPE[p.kind]) {
        report.problems.push(`${target}: a ${found} is where the ${p.kind} ${p.operation === "move" ? "moved" : "copied"} from ${expandWindowsPath(p.source)} belongs; it is left as it is — move it aside, then run again`);
        continue;
      }
      const local = facts.sources.has(expandWindowsPath(p.source).toLowerCase());
      report.notes.push({
        severity: "info",
        message: `kept ${target} on the shared disk: it exists, and shared data is never overwritten${local ? ` (the node's own ${expandWindowsPath(p.source)} was not ${p.operation === "move" ? "moved; it stays on the node" : "copied over it"})` : ""}`,
      });
    }
  }
  for (const e of plan.propertyEdits.filter((x) => x.on === "all-nodes" || role === "active")) {
    const path = expandWindowsPath(e.path);
    if (!facts.properties.has(path.toLowerCase())) report.problems.push(`${path}: cannot set ${e.key}=${e.value}: the file cannot be read (is the product installed there?)`);
  }
  if (plan.timeSync && facts.domain?.member) {
    report.notes.push({
      severity: "warning",
      message: `Windows Time: the node is a member of domain ${facts.domain.name ?? "(unnamed)"}: its NtpServer is set to ${plan.timeSync.ntpServer} but Type is left as it is (a domain member follows the domain hierarchy, Type=NT5DS); set Type=NTP yourself if the NTP server must win`,
    });
  }
  return report;
}

/**
 * `key=value` set in a properties text: the first line of that key is replaced (`key=value`, `key = value` and
 * `key:value` count), later ones removed (the last one would win); a missing key goes after the last line of its
 * entry (same prefix up to the last dot, e.g. `opc.0001.`), else at the end. Line ends follow the file (CRLF if none).
 */
export function setProperty(text: string, key: string, value: string): string {
  const eol = /\r\n/.test(text) || !/\n/.test(text) ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const trailing = lines.length > 0 && lines[lines.length - 1] === "";
  if (trailing) lines.pop();
  const keyOf = (l: string) => (/^\s*[#!]/.test(l) ? undefined : /^\s*([^=:\s]+)\s*[=:\s]/.exec(l)?.[1]);
  const wanted = `${key}=${value}`;
  const out: string[] = [];
  let done = false;
  for (const line of lines) {
    if (keyOf(line) === key) {
      if (!done) out.push(wanted);
      done = true;
      continue;
    }
    out.push(line);
  }
  if (!done) {
    const entry = key.includes(".") ? key.slice(0, key.lastIndexOf(".") + 1) : undefined;
    let at = -1;
    if (entry) out.forEach((l, i) => (keyOf(l)?.startsWith(entry) ? (at = i) : undefined));
    if (at >= 0) out.splice(at + 1, 0, wanted);
    else out.push(wanted);
  }
  return out.join(eol) + eol;
}

const startupOf = (s: string) => (s === "Automatic" ? "automatic" : "manual");

/** The services the group will run and the databases, in the documented stop order. */
function servicesToStop(plan: ProductPlan): string[] {
  const groupServices = plan.services.filter((s) => s.control === "group").map((s) => s.serviceName);
  return plan.stopOrder.filter((s) => groupServices.includes(s) || plan.databases.some((d) => d.serviceName === s));
}

/**
 * Before the push that brings an install's new group (every node): the services the group will run stopped, in the
 * documented order, and given their documented startup type (Manual), so the cluster start that starts the group
 * finds them stopped (a service resource does not start a running service) and Windows never starts them beside the
 * cluster; and the files every node gets (local ones: another group may run them, e.g. PrintPort's NIC batch files).
 * Idempotent; the rest of the steps (writeOps) run once the group's disk is online.
 */
export function quiesceOps(plan: ProductPlan, env: NodeEnv): AgentOpInput[] {
  const stop = (o: AgentOpInput): AgentOpInput => ({ ...o, stopOnError: true }) as AgentOpInput;
  const toStop = servicesToStop(plan);
  return [
    ...(toStop.length > 0 ? [stop({ op: "service.stop", names: toStop, timeoutSec: 120 })] : []),
    ...plan.services.filter((s) => s.control === "group").map((s) => stop({ op: "service.setStartup", name: s.serviceName, startup: startupOf(s.startup) })),
    ...plan.databases.map((d) => stop({ op: "service.setStartup", name: d.serviceName, startup: "manual" })),
    // A path the node's facts cannot expand is left to the full steps, whose check refuses it.
    ...plan.files.filter((f) => f.on === "all-nodes" && !UNEXPANDED.test(expandPath(f.path, env))).map((f) => stop(fileWriteOp(f, env))),
  ];
}

function fileWriteOp(f: ProductPlan["files"][number], env: NodeEnv): AgentOpInput {
  return { op: "file.write", path: expandPath(f.path, env), content: f.content, encoding: f.encoding === "oem" ? "cp932" : "utf8", createParents: true };
}

/** The documented order on one node. Every op stops the batch on failure, so a failed step is the last one run. Run checkNode first. */
/**
 * `groupRunsThem`: the install's service resources are in clp.conf already and the group is online on this (active)
 * node — an update or a drift repair. Its services are then the group's (and monitored): they are not stopped, which
 * would be a monitor error and a failover; a startup type is set on a running service as well.
 */
export function writeOps(plan: ProductPlan, role: NodeRole, facts: NodeFacts, groupRunsThem = false): AgentOpInput[] {
  const ops: AgentOpInput[] = [];
  const expandWindowsPath = (p: string) => expandPath(p, facts.env);
  const view = plan.registryView;
  const stop = (o: AgentOpInput): AgentOpInput => ({ ...o, stopOnError: true }) as AgentOpInput;
  // 1. Stop the product's services (documented stop order), then the databases.
  const toStop = servicesToStop(plan);
  if (toStop.length > 0 && !(groupRunsThem && role === "active")) ops.push(stop({ op: "service.stop", names: toStop, timeoutSec: 120 }));
  // 2. Startup types: the group starts its services; node services (e.g. Windows Time) run everywhere. Optional
  //    services not in use get theirs too where they are installed (the read found them).
  for (const s of plan.services) ops.push(stop({ op: "service.setStartup", name: s.serviceName, startup: startupOf(s.startup) }));
  for (const s of plan.unusedServices) if (facts.startup[s.serviceName] !== undefined) ops.push(stop({ op: "service.setStartup", name: s.serviceName, startup: startupOf(s.startup) }));
  for (const d of plan.databases) ops.push(stop({ op: "service.setStartup", name: d.serviceName, startup: "manual" }));
  const nodeServices = plan.services.filter((s) => s.control === "node" && s.stateOnEveryNode === "running").map((s) => s.serviceName);
  if (plan.timeSync) {
    // What `w32tm /config /manualpeerlist:<server> /syncfromflags:manual /update` does: NtpServer and Type=NTP, then
    // the running service re-reads them. There is no op that runs w32tm (no free-form commands), so the /update
    // is a restart of the service. A domain member keeps its Type (checkNode reports it).
    ops.push(stop({ op: "reg.set", key: W32TIME_PARAMETERS, name: "NtpServer", value: { type: "REG_SZ", data: `${plan.timeSync.ntpServer},0x9` } }));
    if (!facts.domain?.member) ops.push(stop({ op: "reg.set", key: W32TIME_PARAMETERS, name: "Type", value: { type: "REG_SZ", data: "NTP" } }));
    if (nodeServices.includes(plan.timeSync.serviceName)) ops.push(stop({ op: "service.stop", names: [plan.timeSync.serviceName], timeoutSec: 120 }));
  }
  if (nodeServices.length > 0) ops.push(stop({ op: "service.start", names: nodeServices, timeoutSec: 120 }));
  // 3. Active node: the shared disk's content. Data already there is never overwritten or deleted: a placement
  //    runs only when its target is absent (overwrite off, so the agent refuses if it appeared meanwhile).
  if (role === "active") {
    for (const p of plan.sharedDiskPlacements) {
      const from = expandWindowsPath(p.source);
      // A source that is gone was moved by an earlier run (or never installed): nothing to place.
      if (!facts.sources.has(from.toLowerCase())) continue;
      if (facts.targets.has(expandWindowsPath(p.target).toLowerCase())) continue;
      const parent = p.target.replace(/\\[^\\]+$/, "");
      if (/\\/.test(parent)) ops.push(stop({ op: "file.mkdir", path: parent }));
      // onlyIfExists: the seed says the source may be missing; a missing source then fails only this op.
      const op: AgentOpInput = p.operation === "move" ? { op: "file.move", from, to: p.target, overwrite: false } : { op: "file.copy", from, to: p.target, overwrite: false };
      ops.push(p.onlyIfExists ? op : stop(op));
    }
    // Folders the seed creates on the shared disk (after the placements: a copied folder keeps its content).
    for (const d of plan.sharedDirectories ?? []) ops.push(stop({ op: "file.mkdir", path: d }));
  }
  for (const f of plan.files.filter((x) => x.on === "all-nodes" || role === "active")) ops.push(stop(fileWriteOp(f, facts.env)));
  // Property edits, from the text the read found (checkNode reports a file it could not read).
  const edited = new Map<string, { path: string; before: string; text: string }>();
  for (const e of plan.propertyEdits.filter((x) => x.on === "all-nodes" || role === "active")) {
    const path = expandWindowsPath(e.path);
    const current = edited.get(path.toLowerCase()) ?? (facts.properties.has(path.toLowerCase()) ? { path, before: facts.properties.get(path.toLowerCase()) as string, text: facts.properties.get(path.toLowerCase()) as string } : undefined);
    if (current) edited.set(path.toLowerCase(), { ...current, text: setProperty(current.text, e.key, e.value) });
  }
  for (const e of edited.values()) if (e.text !== e.before) ops.push(stop({ op: "file.write", path: e.path, content: Buffer.from(e.text, "latin1").toString("base64"), encoding: "binary" }));
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
    if (data !== undefined) ops.push(stop({ op: "reg.set", key: w.key, name: w.name, value: { type: w.type, data }, view }));
  }
  for (const d of plan.registryDeletions) {
    const known = facts.registry.get(d.key.toLowerCase());
    const keys = d.scope === "key" ? [d.key] : (known?.subkeys ?? []).map((s) => `${d.key}\\${s}`);
    for (const key of keys) for (const name of d.values) ops.push({ op: "reg.deleteValue", key, name, view });
  }
  return ops;
}

const startupWanted = (s: string) => (s === "Automatic" ? "automatic" : "manual");

/**
 * Refresh: how the node differs from what the install leaves (empty: as converged). Startup types of every service the
 * install sets, the registry values it writes (a relocated one must point into the shared folder), and on the active
 * node the placements (target present; a moved source gone), on a standby node the local copies it deletes.
 */
export function nodeDrift(plan: ProductPlan, role: NodeRole, facts: NodeFacts): string[] {
  const out: string[] = [];
  const expand = (p: string) => expandPath(p, facts.env);
  const wanted: [string, string][] = [
    ...plan.services.map((s): [string, string] => [s.serviceName, startupWanted(s.startup)]),
    ...plan.databases.map((d): [string, string] => [d.serviceName, "manual"]),
  ];
  for (const [name, want] of wanted) {
    const found = facts.startup[name];
    if (found === undefined) out.push(`service ${name} is not installed`);
    else if (found !== want) out.push(`service ${name} startup ${found} (want ${want})`);
  }
  for (const s of plan.unusedServices) {
    const found = facts.startup[s.serviceName];
    if (found !== undefined && found !== startupWanted(s.startup)) out.push(`service ${s.serviceName} startup ${found} (want ${startupWanted(s.startup)})`);
  }
  const where = (key: string, name: string) => `${key}\\${name}${plan.registryView === "32" ? " (32-bit view)" : ""}`;
  for (const w of plan.registryWrites) {
    const current = facts.registry.get(w.key.toLowerCase())?.values.find((v) => v.name.toLowerCase() === w.name.toLowerCase())?.data;
    if (w.data.kind === "value") {
      if (current !== w.data.value) out.push(`${where(w.key, w.name)} is ${current === undefined ? "absent" : JSON.stringify(current)} (want ${JSON.stringify(w.data.value)})`);
    } else if (typeof current === "string") {
      const into = w.data.mappings.map((m) => m.to.toLowerCase());
      const moved = into.some((t) => current.toLowerCase() === t || current.toLowerCase().startsWith(`${t}\\`));
      const movable = w.data.mappings.some((m) => current.toLowerCase().startsWith(expand(m.from).toLowerCase()));
      if (!moved && movable) out.push(`${where(w.key, w.name)} still points at ${current} (not on the shared disk)`);
    }
  }
  if (role === "active") {
    for (const p of plan.sharedDiskPlacements) {
      const source = expand(p.source);
      const present = facts.targets.has(expand(p.target).toLowerCase());
      const local = facts.sources.has(source.toLowerCase());
      if (!present && (local || !p.onlyIfExists)) out.push(`${p.target} is missing on the shared disk`);
      if (p.operation === "move" && present && local) out.push(`${source} is back on the node (it was moved to ${p.target})`);
    }
  }
  if (role === "standby") for (const d of plan.standbyDeletions) if (facts.leftovers.has(expand(d.path).toLowerCase())) out.push(`${expand(d.path)} is on the standby again (it lives on the shared disk)`);
  return out;
}

/** Destroy: startup types back to what the install found; the group's services stay stopped, data stays. */
export function restoreOps(found: Record<string, string>): AgentOpInput[] {
  return Object.entries(found).map(([name, startup]): AgentOpInput => ({ op: "service.setStartup", name, startup: startup as "manual" }));
}

// A product + its settings + the shared folder → the concrete plan data the applier consumes:
// services, orders, placements, deletions, file contents, ACLs, registry, databases. Pure.
import { CATALOG } from "./catalog";
import { ProductInputError, parseProductInstall, type ValidProductInstall } from "./install-input";
import type { ProductId, ProductSettingsInput } from "./settings";
import { productXScripts, type ProductXScript } from "./script-text";
import { esmBaseDeclaredBefore, esmBaseItem } from "./esm-base";
import { conditionHolds, fillTemplate, type TemplateValues } from "./template";
import type { AclRight, FileEncoding, Product, ProductService, SeedRef, SharedDiskPlacement, StartupType } from "./types";

export interface PlannedService {
  displayName: string;
  serviceName: string;
  startup: StartupType;
  control: ProductService["control"];
  stateOnEveryNode?: "stopped" | "running";
  monitored: boolean;
  stopTimeoutSeconds?: number;
}

export interface PlannedDatabase { serviceName: string; displayName: string; databaseName: string; files: string[] }

export interface PlannedPlacement {
  operation: SharedDiskPlacement["operation"];
  kind: SharedDiskPlacement["kind"];
  /** Local path on the active node (environment variables unexpanded, as the seed prints them). */
  source: string;
  /** Absolute path on the shared disk. */
  target: string;
  onlyIfExists: boolean;
}

export interface PlannedFile {
  path: string;
  on: "active" | "all-nodes";
  /** Exact text to write: CRLF line ends, final newline as the catalog says. */
  content: string;
  encoding: FileEncoding;
}

export interface PlannedRegistryWrite {
  key: string;
  name: string;
  type: "REG_SZ";
  operation: "modify" | "create";
  /**
   * value: write this. relocated: replace the first matching `from` prefix of the value's current data by
   * `to` (case-insensitive; `from` keeps environment variables as the seed prints them — expand on the node).
   */
  data: { kind: "value"; value: string } | { kind: "relocated"; mappings: { from: string; to: string }[] };
}

export interface ProductPlan {
  product: ProductId;
  title: string;
  /** The registry view every registry op of the product uses (catalog: registryView). */
  registryView: "64" | "32";
  /** The product's folder on the nodes' local disk (environment variables unexpanded), where the catalog names one. */
  installFolder?: string;
  sharedFolder?: string;
  /** The product's services that apply with these settings; group ones in start order. */
  services: PlannedService[];
  /**
   * Optional services not in use with these settings whose startup type the seed still sets (ESMPRO/ServerManager's
   * Dmi Event Watcher and Trap Redirection are Manual either way): set where installed; not stopped, ordered or monitored.
   */
  unusedServices: { displayName: string; serviceName: string; startup: StartupType }[];
  /** SQL Server instances in the group: started before, stopped after the product's services. */
  databases: PlannedDatabase[];
  /** Service names the group starts, first first: databases, then the product's services. */
  startOrder: string[];
  /** Service names the group stops, first first. */
  stopOrder: string[];
  /**
   * Services outside the group stopped (in this order) before the group's services stop, started again
   * in reverse after them (`net stop /Yes` / `net start /Yes`).
   */
  restartAroundStop: string[];
  /**
   * A chain of service resources gives the reverse of the start order on stop. False when the stop
   * order differs or services are cycled around the stop: the applier needs a script resource.
   */
  stopOrderIsReverse: boolean;
  orderMatters: boolean;
  monitoredServices: string[];
  /** Active node only. */
  sharedDiskPlacements: PlannedPlacement[];
  /** Folders created on the shared disk, active node only, after the placements (seed 001 JMSS's MD X:\JMSS …). */
  sharedDirectories: string[];
  /**
   * Seed 001 products: the CLUSTERPRO X script resources for what their legacy scripts did besides starting and
   * stopping services (script-text.ts productXScripts); the applier puts them before and after the service chain.
   */
  xScripts: ProductXScript[];
  /** What the group must provide (seed 001): a switch partition, a virtual computer name, a floating IP. */
  requires: { kind: "switch-partition" | "virtual-computer-name" | "floating-ip"; purpose: string; logicalServiceName?: string }[];
  /** Standby node(s) only. */
  standbyDeletions: { kind: "folder" | "file"; path: string }[];
  files: PlannedFile[];
  propertyEdits: { path: string; on: "active" | "all-nodes"; key: string; value: string }[];
  acls: { path: string; recursive: boolean; on: "active" | "all-nodes"; entries: { principal: string; sid?: string; rights: AclRight }[] }[];
  registryWrites: PlannedRegistryWrite[];
  registryDeletions: { key: string; scope: "key" | "each-subkey"; values: string[] }[];
  registrySyncKeys: string[];
  timeSync?: { serviceName: string; ntpServer: string };
  manualSteps: { text: string; seed: SeedRef }[];
}

/** Validates product, settings and shared folder (throws ProductInputError with field paths), then renders. */
export function renderProduct<Id extends ProductId>(product: Id, settings: ProductSettingsInput[Id] | undefined, sharedFolder?: string, installFolder?: string): ProductPlan {
  const parsed = parseProductInstall({ product, settings, sharedFolder, installFolder });
  if (!parsed.ok) throw new ProductInputError(parsed.issues);
  return renderValidInstall(parsed.value);
}

/**
 * Renders an install whose settings already went through the settings schema (defaults applied). `sharedServices`:
 * services earlier installs of its group already bring; when ESM Base Service is one of them and the product uses it,
 * the base's work directory, values and sync keys are that earlier install's, and left out here (esm-base.ts).
 */
export function renderValidInstall(install: ValidProductInstall, sharedServices?: readonly string[]): ProductPlan {
  const product: Product = CATALOG[install.product];
  const baseDeclared = esmBaseDeclaredBefore(product, sharedServices);
  const own = <T>(isBase: (x: T) => boolean) => (x: T) => !(baseDeclared && isBase(x));
  const settings = install.settings as TemplateValues;
  const installFolder = install.installFolder ?? product.installFolder?.default;
  const values: TemplateValues = { ...settings, ...(install.sharedFolder !== undefined ? { sharedFolder: install.sharedFolder } : {}), ...(installFolder !== undefined ? { installFolder } : {}) };
  const fill = (t: string) => fillTemplate(t, values);
  const holds = (c: Parameters<typeof conditionHolds>[0]) => conditionHolds(c, settings);
  const sharedPath = (relative: string) => (relative === "" ? fill("{sharedFolder}") : `${fill("{sharedFolder}")}\\${fill(relative)}`);

  // Service names may be templates (a name the seed does not give is a setting): filled once included.
  const services = product.services.filter((s) => holds(s.optionalWhen)).map((s) => ({ ...s, serviceName: fill(s.serviceName), displayName: fill(s.displayName) }));
  const included = new Set(product.services.filter((s) => holds(s.optionalWhen)).map((s) => s.serviceName));
  const filledStartOrder = product.startOrder.filter((n) => included.has(n)).map(fill);
  const byStart = (a: ProductService, b: ProductService) => orderIndex(filledStartOrder, a.serviceName) - orderIndex(filledStartOrder, b.serviceName);
  const groupServices = services.filter((s) => s.control === "group").sort(byStart);

  const databases = product.databases.filter((d) => holds(d.includedWhen)).map((d) => ({ serviceName: fill(d.serviceName), displayName: fill(d.displayName), databaseName: d.databaseName, files: [...d.files] }));
  const databaseNames = databases.map((d) => d.serviceName);
  const startOrder = [...databaseNames, ...filledStartOrder];
  const stopOrder = [...product.stopOrder.filter((n) => included.has(n)).map(fill), ...[...databaseNames].reverse()];

  const restartAroundStop = product.restartAroundStop.filter((r) => holds(r.when)).map((r) => r.name);

  const placements = product.sharedDiskPlacements
    .filter((p) => holds(p.when) && own(esmBaseItem.placement)(p))
    .map((p) => ({ operation: p.operation, kind: p.kind, source: fill(p.source), target: sharedPath(p.target), onlyIfExists: p.onlyIfExists ?? false }));
  const relocations = placements.filter((p) => p.kind === "folder").map((p) => ({ from: p.source, to: p.target }));

  return {
    product: install.product,
    title: product.title,
    registryView: product.registryView,
    ...(installFolder !== undefined ? { installFolder } : {}),
    ...(install.sharedFolder !== undefined ? { sharedFolder: install.sharedFolder } : {}),
    services: [...groupServices, ...services.filter((s) => s.control === "node")].map(planService),
    unusedServices: product.services.filter((s) => s.startupAlways && !holds(s.optionalWhen)).map((s) => ({ displayName: s.displayName, serviceName: fill(s.serviceName), startup: s.startup })),
    databases,
    startOrder,
    stopOrder,
    restartAroundStop,
    stopOrderIsReverse: restartAroundStop.length === 0 && sameList(stopOrder, [...startOrder].reverse()),
    orderMatters: product.orderMatters,
    monitoredServices: groupServices.filter((s) => s.monitored).map((s) => s.serviceName),
    sharedDiskPlacements: placements,
    // A documented stop order that is not the reverse of the start (ClientManager, Netvisor) is the -stop script
    // resource's (applier.ts productObjects), not these scripts'.
    xScripts: productXScripts(product, values, restartAroundStop),
    sharedDirectories: (product.sharedDirectories ?? []).filter((d) => holds(d.when)).map((d) => sharedPath(d.path)),
    requires: (product.requires ?? []).filter((r) => holds(r.when)).map((r) => ({ kind: r.kind, purpose: r.purpose, ...(r.logicalServiceName ? { logicalServiceName: r.logicalServiceName } : {}) })),
    standbyDeletions: product.standbyDeletions.filter(own(esmBaseItem.standbyDeletion)).map((d) => ({ kind: d.kind, path: fill(d.path) })),
    files: product.files
      .filter((f) => holds(f.when))
      .map((f) => ({ path: fill(f.path), on: f.on, content: textFile(fill(f.content), f.finalNewline), encoding: f.encoding })),
    propertyEdits: product.propertyEdits.map((e) => ({ path: fill(e.path), on: e.on, key: e.key, value: fill(e.value) })),
    acls: product.acls.filter(own(esmBaseItem.acl)).map((a) => ({
      path: fill(a.path),
      recursive: a.recursive,
      on: a.on,
      entries: a.entries.flatMap((e) =>
        "namesFromSetting" in e.principal
          ? ((settings[e.principal.namesFromSetting] as string[] | undefined) ?? []).map((name) => ({ principal: name, rights: e.rights }))
          : [{ principal: e.principal.name, ...(e.principal.sid ? { sid: e.principal.sid } : {}), rights: e.rights }],
      ),
    })),
    registryWrites: product.registryWrites
      .filter((w) => holds(w.when) && own(esmBaseItem.registryWrite)(w))
      .map((w) => ({
        key: w.key,
        name: w.name,
        type: w.type,
        operation: w.operation,
        data: "template" in w.data ? { kind: "value" as const, value: fill(w.data.template) } : { kind: "relocated" as const, mappings: relocations },
      })),
    registryDeletions: product.registryDeletions.map((d) => ({ key: d.key, scope: d.scope, values: [...d.values] })),
    registrySyncKeys: product.registrySync.filter((k) => own(esmBaseItem.syncKey)(k.key)).map((k) => syncKeyInView(fill(k.key), product.registryView)),
    ...(product.timeSync ? { timeSync: { serviceName: product.timeSync.serviceName, ntpServer: fill(`{${product.timeSync.ntpServerSetting}}`) } } : {}),
    manualSteps: [
      ...product.manualSteps.filter((m) => holds(m.when)).map((m) => ({ text: fill(m.text), seed: m.seed })),
      // What happens on a power failure (ESMPRO/AC): outside CLUSTERPRO, shown as one ordered step list per case.
      ...(product.powerFailureSequences ?? [])
        .filter((p) => holds(p.when))
        .map((p) => ({ text: `Power failure — ${p.case}: ${p.steps.filter((x) => holds(x.when)).map((x, i) => `${i + 1}. [${x.actor}] ${fill(x.text)}`).join("; ")}`, seed: p.seed })),
    ],
  };
}

/**
 * The key CLUSTERPRO's registry synchronization must name for a product's key. CLUSTERPRO's service is a 64-bit
 * program and names keys as the 64-bit view shows them; a 32-bit product's HKLM\SOFTWARE\X lives at
 * HKLM\SOFTWARE\WOW6432Node\X there (Windows' registry redirector). An inference: no NEC document found says how
 * regsync treats 32-bit keys (docs/products.md, "Paths and registry views").
 */
export function syncKeyInView(key: string, view: "32" | "64"): string {
  const m = /^(HKEY_LOCAL_MACHINE|HKLM)\\SOFTWARE\\(?!WOW6432Node(\\|$))(.*)$/i.exec(key);
  return view === "32" && m ? `${m[1]}\\SOFTWARE\\WOW6432Node\\${m[3]}` : key;
}

function planService(s: ProductService): PlannedService {
  return {
    displayName: s.displayName,
    serviceName: s.serviceName,
    startup: s.startup,
    control: s.control,
    ...(s.stateOnEveryNode ? { stateOnEveryNode: s.stateOnEveryNode } : {}),
    monitored: s.monitored,
    ...(s.stopTimeoutSeconds !== undefined ? { stopTimeoutSeconds: s.stopTimeoutSeconds } : {}),
  };
}

function orderIndex(order: string[], serviceName: string): number {
  const i = order.indexOf(serviceName);
  return i === -1 ? order.length : i;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Windows text: CRLF line ends, and the final newline the seed asks for. */
function textFile(content: string, finalNewline: boolean): string {
  const crlf = content.replace(/\r?\n/g, "\r\n");
  return finalNewline && !crlf.endsWith("\r\n") ? `${crlf}\r\n` : crlf;
}

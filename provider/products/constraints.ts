// The catalog's constraints across the ProductInstalls of one cluster, checked at preview. Pure.
//
// Contract with the applier: `installs` come in declaration order, and the installs of one group
// start in that order (each install's services after the previous install's), stopping in reverse.
import { CATALOG, isProductId } from "./catalog";
import { esmBaseItem, usesEsmBase } from "./esm-base";
import { parseProductInstall, type ValidProductInstall } from "./install-input";
import { renderValidInstall } from "./render";
import type { ProductId } from "./settings";
import type { ConstraintRule } from "./types";

/** What preview knows about one ProductInstall and the group it is in. */
export interface ProductInstallFacts {
  /** The ProductInstall's resource name. */
  name: string;
  product: string;
  settings?: unknown;
  sharedFolder?: string;
  group: string;
  /** The group's startup servers in priority order; empty = every cluster node, in server priority order. */
  groupStartupServers: string[];
  /** Cluster servers in priority order (master first). */
  clusterNodes: string[];
  /** The group's floating IP addresses. */
  groupIpAddresses: string[];
  /** Addresses configured on each node's own adapters (public, interconnect, printer LAN…), where known. */
  nodeIpAddresses?: Readonly<Record<string, readonly string[]>>;
}

export interface ProductViolation {
  /** The ProductInstall it is about. */
  install: string;
  /** Field path in that ProductInstall's args ("group", "settings.managementServerName"). */
  path: string;
  product: string;
  /** A catalog rule, or "settings" for any other invalid input. */
  rule: ConstraintRule | "settings";
  seedSection: string;
  message: string;
}

/** seed 003 §1.4 */
export const DPM_MAX_IP_ADDRESSES = 128;

interface Checked { facts: ProductInstallFacts; install: ValidProductInstall; index: number }

export function checkProductConstraints(installs: readonly ProductInstallFacts[]): ProductViolation[] {
  const violations: ProductViolation[] = [];
  const valid: Checked[] = [];
  installs.forEach((facts, index) => {
    const parsed = parseProductInstall(facts);
    if (parsed.ok) valid.push({ facts, install: parsed.value, index });
    else violations.push(...parsed.issues.map((issue) => settingsViolation(facts, issue.path, issue.message)));
  });
  const of = (id: ProductId) => valid.filter((c) => c.install.product === id);

  violations.push(
    ...printportOneWayStandby(of("printport-acos4")),
    ...esmproAndSystemProvisioningSameGroup(of("esmpro-servermanager"), of("systemprovisioning")),
    ...esmBaseServiceShared(valid),
    ...fileTransferBeforeDeliveryManager(of("esmpro-deliverymanager"), of("esmpro-filetransfer")),
    ...jmssOneServerPerCluster(of("esmpro-jmss")),
    ...dpmFailoverIpBeforeServices(of("deploymentmanager")),
    ...dpmIpAddressLimit(of("deploymentmanager"), installs),
    ...databaseInstanceInOneGroup(valid),
    ...catalogCoexistence(valid),
    ...acClusterTopology(valid),
    ...noPowerChuteOnAmc(of("esmpro-ac-powerchute-plus"), of("esmpro-ac-snmp")),
    ...appManagerOneClusteredAgentGroup(of("esmpro-appmanager@3.4")),
    ...bomMonitorOffFirst(of("esmpro-bom"), valid),
  );
  return violations;
}

function seedOf(product: ProductId, rule: ConstraintRule): string {
  const constraint = CATALOG[product].constraints.find((c) => c.rule === rule);
  // A product that uses the shared ESM Base Service is under its rule by that flag alone (esm-base.ts).
  const flag = CATALOG[product].usesEsmBaseService;
  if (!constraint && rule === "esm-base-service-first-and-last" && flag) return flag.seed;
  if (!constraint) throw new Error(`catalog: ${product} does not declare rule ${rule}`);
  return constraint.seed;
}

function violation(c: Checked, rule: ConstraintRule, path: string, message: string): ProductViolation {
  return { install: c.facts.name, path, product: c.install.product, rule, seedSection: seedOf(c.install.product, rule), message: `${CATALOG[c.install.product].title}: ${message}` };
}

/** A settings error is a catalog rule's violation when that rule is enforced at that path. */
function settingsViolation(facts: ProductInstallFacts, path: string, message: string): ProductViolation {
  if (!isProductId(facts.product)) return { install: facts.name, path, product: facts.product, rule: "settings", seedSection: "catalog", message };
  const product = CATALOG[facts.product];
  const rule = product.constraints.find((c) => c.checkedBy === "settings" && c.settingsPath === path);
  return rule
    ? { install: facts.name, path, product: product.id, rule: rule.rule, seedSection: rule.seed, message: `${product.title}: ${message} — ${rule.description}` }
    : { install: facts.name, path, product: product.id, rule: "settings", seedSection: product.seed, message: `${product.title}: ${message}` };
}

function primaryServer(facts: ProductInstallFacts): string | undefined {
  return facts.groupStartupServers[0] ?? facts.clusterNodes[0];
}

function startableOn(facts: ProductInstallFacts): string[] {
  return facts.groupStartupServers.length > 0 ? facts.groupStartupServers : facts.clusterNodes;
}

/**
 * seed 000 §1.1: no mutual standby. One failover group is active on one server at a time, so only a
 * second PrintPort install can make both servers active: any PrintPort install after the first is refused,
 * naming mutual standby when its group starts on a different server.
 */
function printportOneWayStandby(printports: Checked[]): ProductViolation[] {
  const [first, ...others] = printports;
  if (!first) return [];
  return others.map((c) => {
    const rule = "printport-one-way-standby";
    if (c.facts.group === first.facts.group) return violation(c, rule, "group", `installed twice in group "${c.facts.group}" (also "${first.facts.name}"); one PrintPort per cluster`);
    const [a, b] = [primaryServer(first.facts), primaryServer(c.facts)];
    return a !== b
      ? violation(c, rule, "group", `groups "${first.facts.group}" (on ${a}) and "${c.facts.group}" (on ${b}) would make both servers active: mutual standby is not possible, one-way standby only`)
      : violation(c, rule, "group", `a second PrintPort group "${c.facts.group}" besides "${first.facts.group}"; one-way standby means one PrintPort group per cluster`);
  });
}

/** seed 003 §1.1: both on the same server, failing over together. */
function esmproAndSystemProvisioningSameGroup(esmpros: Checked[], provisionings: Checked[]): ProductViolation[] {
  const esmpro = esmpros[0];
  if (!esmpro) return [];
  return provisionings
    .filter((c) => c.facts.group !== esmpro.facts.group)
    .map((c) => violation(c, "esmpro-and-systemprovisioning-same-group", "group", `group "${c.facts.group}" differs from ESMPRO/ServerManager's group "${esmpro.facts.group}" ("${esmpro.facts.name}"); they must run on the same server and fail over together`));
}

/**
 * The shared ESM Base Service (seed 003 §1.2, §2.2.8; seed 001 §1.2.3.1, §1.2.7, §2.1.3, §2.2.3): every product whose
 * catalog entry says `usesEsmBaseService` runs on one "ESM Base Service" (Nvbase) per server. So they
 *   - are in one failover group (the service fails over with all of them),
 *   - share one work directory (one sharedFolder: ESMPRO/BASE's Nvwork, its WorkDir value) when they move it,
 *   - and where the base is shared (two or more of them in the group, or ServerManager's otherEsmBaseProducts), the first
 *     of them is the group's first install: its chain starts with Nvbase (declared once, by it), so Nvbase starts first
 *     and, the chain stopping in reverse, stops last.
 */
/** Whether the install moves ESMPRO/BASE's work directory (ClientManager runs on the base without moving it). */
const movesWorkDir = (c: Checked) => CATALOG[c.install.product].sharedDiskPlacements.some(esmBaseItem.placement);

function esmBaseServiceShared(valid: Checked[]): ProductViolation[] {
  const rule = "esm-base-service-first-and-last";
  const users = valid.filter((c) => usesEsmBase(CATALOG[c.install.product]));
  const [first, ...others] = users;
  if (!first) return [];
  const out: ProductViolation[] = [];
  for (const c of others) {
    if (c.facts.group !== first.facts.group)
      out.push(violation(c, rule, "group", `"ESM Base Service" (Nvbase) is one service on each server, shared with "${first.facts.name}" in group "${first.facts.group}": the ESMPRO/BASE products fail over together — put this install in group "${first.facts.group}" (it is in "${c.facts.group}")`));
    else if (movesWorkDir(first) && movesWorkDir(c) && first.facts.sharedFolder !== undefined && c.facts.sharedFolder !== undefined && first.facts.sharedFolder.toLowerCase() !== c.facts.sharedFolder.toLowerCase())
      out.push(violation(c, rule, "sharedFolder", `the ESMPRO/BASE work directory (Nvwork, HKLM\\SOFTWARE\\NEC\\NVBASE WorkDir) is one, in "${first.facts.name}"'s shared folder ${first.facts.sharedFolder}: use sharedFolder ${first.facts.sharedFolder} (not ${c.facts.sharedFolder})`));
  }
  const inGroup = users.filter((c) => c.facts.group === first.facts.group);
  const declared = inGroup.flatMap((c) => (c.install.settings as { otherEsmBaseProducts?: string[] }).otherEsmBaseProducts ?? []);
  if (inGroup.length < 2 && declared.length === 0) return out;
  const before = valid.filter((o) => o.facts.group === first.facts.group && o.index < first.index);
  if (before.length > 0) {
    const sharers = [...inGroup.slice(1).map((c) => `"${c.facts.name}"`), ...declared];
    out.push(violation(first, rule, "group", `"ESM Base Service" is shared with ${sharers.join(", ")} and must start first and stop last, but ${before.map((o) => `"${o.facts.name}"`).join(", ")} come(s) before it in group "${first.facts.group}": declare ${CATALOG[first.install.product].title} first`));
  }
  return out;
}

/** seed 003 §2.3.5: the failover IP is active before the services start — the group must have one. */
function dpmFailoverIpBeforeServices(dpms: Checked[]): ProductViolation[] {
  return dpms
    .filter((c) => c.facts.groupIpAddresses.length === 0)
    .map((c) => violation(c, "dpm-failover-ip-before-services", "group", `group "${c.facts.group}" has no floating IP; the services need the failover IP active before they start`));
}

/** seed 003 §1.4: at most 128 addresses on a server running the management server for DPM, failover IPs included. */
function dpmIpAddressLimit(dpms: Checked[], installs: readonly ProductInstallFacts[]): ProductViolation[] {
  return dpms.flatMap((c) =>
    startableOn(c.facts).flatMap((node) => {
      const addresses = new Set<string>([...(c.facts.nodeIpAddresses?.[node] ?? []), ...c.facts.groupIpAddresses]);
      // Floating IPs of every group that can be active on this node count too.
      for (const other of installs) if (startableOn(other).includes(node)) for (const ip of other.groupIpAddresses) addresses.add(ip);
      if (addresses.size <= DPM_MAX_IP_ADDRESSES) return [];
      return [violation(c, "dpm-ip-address-limit", "group", `server ${node} would have ${addresses.size} IP addresses (failover IPs included); at most ${DPM_MAX_IP_ADDRESSES}`)];
    }),
  );
}

/** seed 003 §2.5.1, §2.6.7: a SQL Server instance service (MSSQL$SSCCMDB is shared by default) belongs to one group. */
function databaseInstanceInOneGroup(valid: Checked[]): ProductViolation[] {
  const firstGroup = new Map<string, Checked>();
  const violations: ProductViolation[] = [];
  for (const c of valid) {
    for (const db of renderValidInstall(c.install).databases) {
      const key = db.serviceName.toLowerCase(); // Windows service names are case-insensitive
      const first = firstGroup.get(key);
      if (!first) firstGroup.set(key, c);
      else if (first.facts.group !== c.facts.group)
        violations.push(violation(c, "database-instance-in-one-group", "group", `database service ${db.serviceName} is already in group "${first.facts.group}" ("${first.facts.name}"); it cannot also be in group "${c.facts.group}"`));
    }
  }
  return violations;
}

/** seed 001 §1.4.5, §1.5.5.3: FileTransfer starts before DeliveryManager (and its agent), on the same virtual IP: same group, declared first. */
function fileTransferBeforeDeliveryManager(dms: Checked[], fts: Checked[]): ProductViolation[] {
  return dms.flatMap((c) => {
    if (fts.some((ft) => ft.facts.group === c.facts.group && ft.index < c.index)) return [];
    const later = fts.find((ft) => ft.facts.group === c.facts.group);
    return [
      violation(
        c,
        "filetransfer-before-deliverymanager",
        "group",
        later
          ? `ESMPRO/FileTransfer ("${later.facts.name}") must start before it: declare it before this install in group "${c.facts.group}"`
          : `ESMPRO/FileTransfer must be installed in group "${c.facts.group}" and start before it (same virtual IP as ESMPRO_FT): declare an esmpro-filetransfer install before this one`,
      ),
    ];
  });
}

/** seed 001 §1.3.2: only one JMSS server per cluster. */
function jmssOneServerPerCluster(jmss: Checked[]): ProductViolation[] {
  const [first, ...others] = jmss;
  return others.map((c) => violation(c, "jmss-one-server-per-cluster", "product", `only one JMSS server per cluster: "${first.facts.name}" (group "${first.facts.group}") already is one`));
}

/** The catalog's cannotCoexistWith: products that cannot be on the same servers (a cluster's installs run on all of them). */
function catalogCoexistence(valid: Checked[]): ProductViolation[] {
  return valid.flatMap((c) => {
    const list = CATALOG[c.install.product].cannotCoexistWith;
    if (!list) return [];
    const other = valid.find((o) => list.products.includes(o.install.product));
    return other ? [violation(c, "catalog-coexistence", "product", `cannot coexist with ${CATALOG[other.install.product].title} ("${other.facts.name}") on the same servers (${list.seed})`)] : [];
  });
}

/** seed 001 §1.6.1, §1.6.2, §1.7.1: what the ESMPRO/AC setups support, by the cluster's node count. */
function acClusterTopology(valid: Checked[]): ProductViolation[] {
  const out: ProductViolation[] = [];
  for (const c of valid) {
    const nodes = c.facts.clusterNodes.length;
    const rule = "ac-cluster-topology";
    if (c.install.product === "esmpro-ac-iups") {
      const s = c.install.settings;
      if (nodes >= 3 && !s.acEnterprise) out.push(violation(c, rule, "settings.acEnterprise", `a ${nodes}-node cluster needs ESMPRO/AC Enterprise besides ESMPRO/AC (seed 001 §1.6.1, §1.6.7 (2))`));
      if (nodes >= 5 && s.sharedDisk) out.push(violation(c, rule, "settings.sharedDisk", `a shared-disk cluster of ${nodes} nodes cannot be built with I-UPS: use the SNMP setup (esmpro-ac-snmp, seed 001 §1.6.1)`));
      if (s.v24LineMonitoring && nodes !== 2) out.push(violation(c, rule, "settings.v24LineMonitoring", `line-signal monitoring (V.24) works on 2-node clusters only; this cluster has ${nodes} (seed 001 §1.6.2)`));
      if (nodes >= 3 && s.lanPowerOn !== "none" && s.lanPowerOn !== "client-monitoring") out.push(violation(c, rule, "settings.lanPowerOn", `with ${nodes} nodes LAN power-on works only with 「Client 監視」 (client-monitoring), not ${s.lanPowerOn} (seed 001 §1.6.2)`));
    }
    if (c.install.product === "esmpro-ac-snmp") {
      const s = c.install.settings;
      if (nodes < 2 || nodes > 16) out.push(violation(c, rule, "product", `AC Management Console runs clusters of 2 to 16 nodes; this cluster has ${nodes} (seed 001 §1.7.1)`));
      const wanted = nodes === 2 ? 2 : 3;
      if (!s.managementTerminal && s.controlTerminals !== undefined && s.controlTerminals !== wanted) out.push(violation(c, rule, "settings.controlTerminals", `without a management terminal a ${nodes}-node cluster uses ${wanted} control terminals, not ${s.controlTerminals} (2 for 2 nodes, 3 for 3 or more; seed 001 §1.7.1)`));
    }
  }
  return out;
}

/** seed 001 §1.7.7 (3): PowerChute plus must not be installed on AMC's control or linked terminals. */
function noPowerChuteOnAmc(pcps: Checked[], amcs: Checked[]): ProductViolation[] {
  const amc = amcs[0];
  if (!amc) return [];
  return pcps.map((c) => violation(c, "ac-no-powerchute-on-amc", "product", `the cluster is managed by AC Management Console ("${amc.facts.name}"): PowerChute plus must not be installed on its control or linked terminals (several controlling applications malfunction)`));
}

/** seed 001 §1.12.7: the clustered agent (method ②) can monitor only one group. */
function appManagerOneClusteredAgentGroup(ams: Checked[]): ProductViolation[] {
  const clustered = ams.filter((c) => (c.install.settings as { agentMethod?: string }).agentMethod === "clustered-agent");
  const [first, ...others] = clustered;
  return others
    .filter((c) => c.facts.group !== first.facts.group)
    .map((c) => violation(c, "appmanager-one-clustered-agent-group", "group", `the clustered AppManager agent monitors only one group: "${first.facts.name}" already monitors group "${first.facts.group}" (mutual standby cannot be monitored this way; use switch-jobs)`));
}

/** seed 001 §1.14.4.1: BOM's monitor OFF is the stop script's first action: its installs come after the group's others. */
function bomMonitorOffFirst(boms: Checked[], all: Checked[]): ProductViolation[] {
  return boms.flatMap((c) => {
    const later = all.filter((o) => o.facts.group === c.facts.group && o.index > c.index && o.install.product !== "esmpro-bom");
    if (later.length === 0) return [];
    return [violation(c, "bom-monitor-off-first", "group", `${later.map((o) => `"${o.facts.name}"`).join(", ")} come(s) after it in group "${c.facts.group}": the monitor must be switched OFF before the application stops and the disk is detached, so declare the BOM install last`)];
  });
}

// ESMPRO/ServerAgent on a CLUSTERPRO cluster (seed 001 §1.1): installed on each node's local disk and run separately
// on the active and the standby node. Nothing fails over: no service resource, script line, registry sync or shared file.
import { NOTHING_IN_THE_GROUP } from "./nothing-in-the-group";
import type { Product } from "./types";

export const esmproServerAgent: Product<"esmpro-serveragent"> = {
  id: "esmpro-serveragent",
  title: "ESMPRO/ServerAgent",
  seed: "seed 001 §1.1",
  // The seed reads HKLM\SOFTWARE\NEC\NVBASE (NT/2000/2003, 32-bit systems); no public source on x64. Taken as printed.
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.1.4 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE (taken as printed)",
  ...NOTHING_IN_THE_GROUP,
  services: [
    {
      // seed 001 §1.1.4: an install, uninstall or update may set it to Automatic; put it back to Manual when another
      // product is failover-enabled (then the failover group starts it). Not started by ServerAgent's group.
      displayName: "Alert Manager Socket (R) Service",
      serviceName: "AlertManagerSocketReceiveService",
      startup: "Manual",
      control: "node",
      monitored: false,
      optionalWhen: { setting: "failoverEnabledEsmproProduct", equals: true },
      seed: "seed 001 §1.1.4",
    },
  ],
  constraints: [
    { rule: "esmpro-serveragent-coexistence", checkedBy: "settings", settingsPath: "settings.otherProducts", description: "ESMPRO/ServerAgent cannot coexist with ESMPRO/ClientManager, ESMPRO/Netvisor or SystemScope/UXServerManager (MG)", seed: "seed 001 §1.1.6" },
    { rule: "esmpro-serveragent-clusterpro-version", checkedBy: "settings", settingsPath: "settings.serverAgentVersion", description: "ServerAgent 3.0 and earlier work only with CLUSTERPRO 2.0 and earlier: 3.1 or later", seed: "seed 001 §1.1.6" },
  ],
  cannotCoexistWith: { products: ["ESMPRO/ClientManager", "ESMPRO/Netvisor", "SystemScope/UXServerManager (MG)"], seed: "seed 001 §1.1.6" },
  // seed 001 §1.1.6 (1), (2): ○ / × as printed.
  compatibility: [
    { product: "ServerAgent ~3.0", with: "CLUSTERPRO ~2.0", supported: true, seed: "seed 001 §1.1.6" },
    { product: "ServerAgent ~3.0", with: "CLUSTERPRO 3.0~", supported: false, seed: "seed 001 §1.1.6" },
    { product: "ServerAgent 3.1", with: "CLUSTERPRO ~2.0", supported: true, note: "run the UPDATE program after installing ServerAgent 3.1", seed: "seed 001 §1.1.6" },
    { product: "ServerAgent 3.1", with: "CLUSTERPRO 3.0~", supported: true, note: "after upgrading CLUSTERPRO from ~2.0 to 3.0~, reinstall ServerAgent 3.1", seed: "seed 001 §1.1.6" },
    { product: "ServerAgent 3.2~", with: "CLUSTERPRO ~2.0", supported: false, seed: "seed 001 §1.1.6" },
    { product: "ServerAgent 3.2~", with: "CLUSTERPRO 3.0~", supported: true, seed: "seed 001 §1.1.6" },
    { product: "ServerAgent 3.1~", with: "CLUSTERPRO/Data Mirroring 4.1~", supported: true, seed: "seed 001 §1.1.6" },
  ],
  // seed 001 §1.1.4: read-only checks before installing (is another product failover-enabled?).
  detection: [
    { fact: "an ESMPRO/BASE-related product is installed", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", seed: "seed 001 §1.1.4" },
    { fact: "the installed products: a value per product name with the data \"use\"", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE\\PP", seed: "seed 001 §1.1.4" },
    { fact: "another product is failover-enabled: the value points to the switch partition", key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\NVBASE", value: "WorkDir", seed: "seed 001 §1.1.4" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/ServerAgent on every node separately, on each node's local disk (install, uninstall and update otherwise as on a single server)", seed: "seed 001 §1.1.4" },
    { text: "Stop the cluster system before installing, uninstalling or updating ServerAgent: another ESMPRO/WebSAM product is failover-enabled, and working with the cluster running may cause a failover", when: { setting: "failoverEnabledEsmproProduct", equals: true }, seed: "seed 001 §1.1.4" },
    { text: "After installing, uninstalling or updating ServerAgent, check that \"Alert Manager Socket (R) Service\" is still Manual (refresh reports it; up sets it back)", when: { setting: "failoverEnabledEsmproProduct", equals: true }, seed: "seed 001 §1.1.4" },
    { text: "Switch disk: error monitoring and reporting, preventive maintenance and the handover of statistics do not work; switchable mirror disk: statistics are not handed over", seed: "seed 001 §1.1.2" },
    { text: "Free-space monitoring thresholds and its enable/disable setting are not carried over on failover: set them again on the standby node", seed: "seed 001 §1.1.2" },
    { text: "Alert Viewer workaround (WinSock Wrapper), on every server, for TCP/IP In-Band manager reports only (not SNMP): copy <Windows>\\system32\\wsock32.dll to <ServerAgent>\\AlertMan\\Program\\wsock_.dll and <CLUSTERPRO>\\armmontr\\wsock32.dll to <ServerAgent>\\AlertMan\\Program\\wsock32.dll, then run armwsset /p <ServerAgent>\\AlertMan\\Program\\AMVCKS.EXE {publicLanIp}, the same for AMVMAN.EXE and AMSADM.EXE (armwsset /L lists, armwsset /DEL removes); effective from the next cluster start", when: { setting: "publicLanIp", isSet: true }, seed: "seed 001 §1.1.5" },
  ],
};

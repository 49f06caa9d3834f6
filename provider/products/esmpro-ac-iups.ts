// ESMPRO/AutomaticRunningController (+ AC Enterprise) with multi-function UPSs (I-UPS) on a CLUSTERPRO Ver5–7 cluster
// (seed 001 §1.6): whole-cluster scheduled power on/off and a cluster shutdown on power failure, driven by ESMPRO/AC and
// ESMPRO/UPSController on every server. Nothing in the failover group: no scripts (§1.6.6).
import { AC_NOTHING_IN_THE_GROUP, AC_REGISTRY_VIEW_SOURCE, acOptionSteps, batteryConditionSteps } from "./esmpro-ac-common";
import type { Product } from "./types";

export const esmproAcIups: Product<"esmpro-ac-iups"> = {
  id: "esmpro-ac-iups",
  title: "ESMPRO/AutomaticRunningController, AC Enterprise: I-UPS",
  seed: "seed 001 §1.6",
  registryView: "64",
  registryViewSource: AC_REGISTRY_VIEW_SOURCE,
  ...AC_NOTHING_IN_THE_GROUP,
  constraints: [
    { rule: "ac-cluster-topology", checkedBy: "preview", description: "3 or more nodes need ESMPRO/AC Enterprise; no I-UPS for a shared-disk cluster of 5 or more nodes (use the SNMP setup); V.24 line monitoring on 2-node clusters only; LAN power-on with 3 or more nodes only by 「Client 監視」", seed: "seed 001 §1.6.1, §1.6.2, §1.6.7" },
    { rule: "ac-settings", checkedBy: "settings", settingsPath: "settings.upsSwitch", description: "The UPS AUTO/LOCAL switch stays on AUTO", seed: "seed 001 §1.6.7 (4)" },
  ],
  compatibility: [
    { product: "ESMPRO/AC (+ AC Enterprise) I-UPS", with: "N8580-19/-20/-27/-28/-29/-28AC/-29AC, N8542-07AC/-08AC", supported: true, note: "with ESMPRO/UPSController", seed: "seed 001 §1.6.1" },
    { product: "ESMPRO/AC I-UPS", with: "shared-disk cluster of 5 or more nodes", supported: false, note: "use the SNMP setup (§1.7): N8580-11/-12/-13 or N8542-02/-03 with N8580-32", seed: "seed 001 §1.6.1" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/AC and ESMPRO/UPSController on every cluster server (the order matters little: every linkage can be switched on or off in the GUI); 3 or more nodes: ESMPRO/AC Enterprise too", seed: "seed 001 §1.6.4 1." },
    { text: "Every cluster server has its own multi-function UPS, the same model with the same slot mounting and LAN cabling", seed: "seed 001 §1.6.1, §1.6.7 (3)" },
    { text: "Build the cluster and bring it up with ESMPRO/UPSController configured and running on each server; only then start the ESMPRO/AC GUI", seed: "seed 001 §1.6.4 2., 3." },
    ...acOptionSteps("seed 001 §1.6.4"),
    { text: "Keep the UPS AUTO/LOCAL switch on AUTO: LOCAL stops automatic operation for the whole cluster (a cluster shutdown then does not power the servers off); switching LOCAL to AUTO while the cluster is shut down but powered powers every server off", seed: "seed 001 §1.6.7 (4)" },
    { text: "Power-off jobs registered in ESMPRO/AC run after the cluster stop on each server; with 98NX clients under network monitoring do not use sleep/suspend", seed: "seed 001 §1.6.2" },
    ...batteryConditionSteps("seed 001 §1.6.5"),
  ],
  powerFailureSequences: [
    {
      case: "power fails on every server (multi-function UPS, enough battery)",
      steps: [
        { actor: "UPS", text: "the multi-function UPSs run the servers and the shared disk on battery" },
        { actor: "ESMPRO/AC", text: "ESMPRO/AC orders a cluster shutdown (停電時のクラスタシャットダウン あり)" },
        { actor: "CLUSTERPRO", text: "the cluster shuts down; if its timeout (②, {clusterShutdownTimeoutMinutes} 分) passes first, ESMPRO/AC forces the OS shutdown" },
        { actor: "OS", text: "every server shuts down" },
        { actor: "UPS", text: "the UPS output stops" },
        { actor: "UPS", text: "when power returns, every server starts and the cluster system restarts automatically" },
      ],
      seed: "seed 001 §1.6.5",
    },
    {
      case: "without ESMPRO/AC (an ordinary UPS)",
      steps: [
        { actor: "OS", text: "each server shuts down on its own (a server shutdown, treated as an individual failure)" },
        { actor: "operator", text: "when every server lost power, the cluster must be recovered by hand, even with auto-failback" },
      ],
      seed: "seed 001 §1.6.5",
    },
  ],
};

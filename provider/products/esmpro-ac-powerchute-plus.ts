// ESMPRO/AutomaticRunningController with PowerChute plus (+ UPSSleep) on a mirroring cluster (seed 001 §1.8): a power
// failure on one server detaches only that server; on the last (or all) a cluster shutdown, and an automatic restart when
// power returns. Nothing in the failover group: no scripts (§1.8.5).
import { AC_NOTHING_IN_THE_GROUP, AC_REGISTRY_VIEW_SOURCE, acOptionSteps, batteryConditionSteps, mirroringModelSequences } from "./esmpro-ac-common";
import type { Product } from "./types";

export const esmproAcPowerChutePlus: Product<"esmpro-ac-powerchute-plus"> = {
  id: "esmpro-ac-powerchute-plus",
  title: "ESMPRO/AutomaticRunningController, PowerChute plus: mirroring cluster model",
  seed: "seed 001 §1.8",
  registryView: "64",
  registryViewSource: AC_REGISTRY_VIEW_SOURCE,
  ...AC_NOTHING_IN_THE_GROUP,
  constraints: [
    { rule: "ac-settings", checkedBy: "settings", settingsPath: "settings.upsSleepOption", description: "PowerChute plus V5.2.3J / V5.2J / V5.1.1J with its UPSSleep option; the same UPS model on every server", seed: "seed 001 §1.8.1, §1.8.6" },
    { rule: "ac-no-powerchute-on-amc", checkedBy: "preview", description: "Not on a cluster managed by AC Management Console (esmpro-ac-snmp)", seed: "seed 001 §1.7.7 (3)" },
  ],
  compatibility: [
    { product: "ESMPRO/AC (mirroring cluster model)", with: "PowerChute plus V5.2.3J, V5.2J, V5.1.1J with UPSSleep, Smart-UPS equivalents", supported: true, seed: "seed 001 §1.8.1" },
    { product: "ESMPRO/AC (mirroring cluster model)", with: "a shared-disk cluster whose redundant disk is fed from both servers' UPSs", supported: true, seed: "seed 001 §1.8.1" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/AC and PowerChute plus {powerChuteVersion} with the UPSSleep option on every server (the order matters little); the same UPS model on every server", seed: "seed 001 §1.8.3, §1.8.6" },
    { text: "Copy AcPcp_C.EXE from C:\\AUTORC\\ (or the latest ESMPRO/AC update module, or \\TOOL\\ of the CD-ROM) to a temporary folder, Unzip, run ACPcpCls.exe (also kept in C:\\AUTORC\\Tool_C): 「設定可能です。」 to go on; 「UPSSleepオプションがありません…」: install UPSSleep (note the PowerChute plus settings first: they may be reset) and run it again", seed: "seed 001 §1.8.3.1" },
    { text: "If ACPcpCls.exe lists a command registered for PowerChute plus's direct CLUSTERPRO linkage, answer 「はい」 to delete it; then 「はい」 starts the ESMPRO/AC 環境設定ウィザード", seed: "seed 001 §1.8.3.1 6., 7." },
    { text: "Times ①, ② and ④ are set in ACPcpCls.exe; ③ is PowerChute plus 「構成」→「UPS シャットダウンパラメータ」→「UPS オフ待機時間」 = {upsOffDelaySeconds} s (20, 180, 300 or 600); ESMPRO/AC's 「電源切断猶予時間により電源を切断する」 is fixed", seed: "seed 001 §1.8.3.1 3., §1.8.3.4" },
    ...acOptionSteps("seed 001 §1.8.3.3"),
    ...batteryConditionSteps("seed 001 §1.8.4"),
  ],
  powerFailureSequences: mirroringModelSequences("seed 001 §1.8.4", "PowerChute plus"),
};

// ESMPRO/AutomaticRunningController with ESMPRO/UPSManager and PowerChute Business Edition on a mirroring cluster
// (seed 001 §1.9): the same power-failure semantics as §1.8; PCBE's command file default.cmd runs the cluster shutdown.
// Nothing in the failover group: no scripts (§1.9.5).
import { AC_NOTHING_IN_THE_GROUP, AC_REGISTRY_VIEW_SOURCE, acOptionSteps, batteryConditionSteps, mirroringModelSequences } from "./esmpro-ac-common";
import type { Product } from "./types";

const PCBE61 = { setting: "pcbeVersion", equals: "6.1" } as const;
const PCBE70 = { setting: "pcbeVersion", equals: "7.0" } as const;

export const esmproAcUpsManager: Product<"esmpro-ac-upsmanager"> = {
  id: "esmpro-ac-upsmanager",
  title: "ESMPRO/AutomaticRunningController, ESMPRO/UPSManager, PowerChute Business Edition: mirroring cluster model",
  seed: "seed 001 §1.9",
  registryView: "64",
  registryViewSource: AC_REGISTRY_VIEW_SOURCE,
  ...AC_NOTHING_IN_THE_GROUP,
  constraints: [
    { rule: "ac-settings", checkedBy: "settings", settingsPath: "settings.commandFileSeconds", description: "PCBE's command file default.cmd runs at least the cluster-shutdown timeout; ARM3.0 unchecked; no PCBE schedules; the same UPS model on every server", seed: "seed 001 §1.9.6" },
  ],
  compatibility: [
    { product: "ESMPRO/AC (mirroring cluster model)", with: "ESMPRO/UPSManager Ver2.0 / Ver2.1 + PowerChute Business Edition v.6.1 / v.7.0 + UPSSleep for PCBE", supported: true, seed: "seed 001 §1.9.1" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/AC, ESMPRO/UPSManager {upsManagerVersion} and PowerChute Business Edition {pcbeVersion} on every server (the order matters little); the same UPS model on every server", seed: "seed 001 §1.9.3, §1.9.6 (3)" },
    { text: "PCBE v.7.0: its agent installs 「PowerChute Business Edition v.7.0用UPSsleep」; nothing else to obtain", when: PCBE70, seed: "seed 001 §1.9.1" },
    { text: "PCBE v.6.1: its CD has no UPSsleep; install 「PowerChute Business Edition v.6.1用UPSsleep」 from the latest ESMPRO/AutomaticRunningController update module", when: PCBE61, seed: "seed 001 §1.9.1, §1.9.3.1" },
    { text: "Run the ESMPRO/AC 環境設定ウィザード; in オプション leave 「ARM3.0」 unchecked", seed: "seed 001 §1.9.3.2, §1.9.3.3" },
    ...acOptionSteps("seed 001 §1.9.3.3"),
    { text: "PCBE v.6.1, on each server: 「デバイスのプロパティ」→「シャットダウン」→「シャットダウンシーケンス」: command file default.cmd, 「コマンドファイル実行所要時間」 {commandFileSeconds} s (≥ the cluster-shutdown timeout); 「OS のシャットダウンに必要な時間」 = the grace time (measure the OS shutdown several times and exceed it)", when: PCBE61, seed: "seed 001 §1.9.3.3, §1.9.6 (8)–(10)" },
    { text: "PCBE v.7.0, on each server: 「シャットダウンシーケンスの設定」: コマンドファイル default.cmd; on the bar-graph screen 「コマンドファイル」 期間 {commandFileSeconds} s (≥ the cluster-shutdown timeout) and \"OS\" 期間 = the grace time", when: PCBE70, seed: "seed 001 §1.9.3.3, §1.9.6 (8)–(10)" },
    { text: "PCBE 「電源障害時のシャットダウン開始」: 「UPSのバッテリー状態が次の時間経過後」 starts the cluster shutdown that long after the failure; 「ランタイム限度時 / ランタイム上限時」 waits for low battery and the cluster shutdown may not happen at all", seed: "seed 001 §1.9.6 (6)" },
    { text: "Set schedules only in ESMPRO/AC, never in the PCBE console; PCBE settings are made on each server individually", seed: "seed 001 §1.9.6 (1), (7)" },
    { text: "The remaining runtime (PCBE 「デバイス」→[全般]→[バッテリーステータス] 「ランタイム残量」) must exceed the cluster shutdown plus the OS shutdown", seed: "seed 001 §1.9.4" },
    ...batteryConditionSteps("seed 001 §1.9.4"),
  ],
  powerFailureSequences: mirroringModelSequences("seed 001 §1.9.4", "ESMPRO/UPSManager (PCBE)"),
};

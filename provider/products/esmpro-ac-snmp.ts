// ESMPRO/AutomaticRunningController + AC Enterprise with AC Management Console (AMC) and SNMP-card Smart-UPSs on a
// CLUSTERPRO Ver5–7 cluster of 2 to 16 nodes (seed 001 §1.7): a management terminal (A, recommended) or the cluster
// servers themselves (B) control the UPSs; a cluster shutdown on power failure, the shared disk first. Nothing in the
// failover group: no scripts (§1.7.6). The four installation phases and the timing rules are data here; amcTimeline
// computes the documented shutdown timeline from an install's settings.
import { AC_NOTHING_IN_THE_GROUP, AC_REGISTRY_VIEW_SOURCE, acOptionSteps, batteryConditionSteps } from "./esmpro-ac-common";
import type { ProductSettings } from "./settings";
import type { Product } from "./types";

const A = { setting: "managementTerminal", equals: true } as const;
const B = { setting: "managementTerminal", equals: false } as const;
const SEED = "seed 001 §1.7";

export const esmproAcSnmp: Product<"esmpro-ac-snmp"> = {
  id: "esmpro-ac-snmp",
  title: "ESMPRO/AutomaticRunningController, AC Enterprise: SNMP (AC Management Console)",
  seed: SEED,
  registryView: "64",
  registryViewSource: AC_REGISTRY_VIEW_SOURCE,
  ...AC_NOTHING_IN_THE_GROUP,
  constraints: [
    { rule: "ac-cluster-topology", checkedBy: "preview", description: "2 to 16 nodes; without a management terminal 2 control terminals for 2 nodes, 3 for 3 or more", seed: "seed 001 §1.7.1" },
    { rule: "ac-settings", checkedBy: "settings", settingsPath: "settings.controlTerminalUpsConfirmSeconds", description: "The control terminal's UPS 電源異常確認時間 > the linked terminal's + 8 + cluster-shutdown timeout + 60 + UPS count × 2 (and the shared disk's UPS confirms before the servers')", seed: "seed 001 §1.7.7 5" },
    { rule: "ac-no-powerchute-on-amc", checkedBy: "preview", description: "PowerChute plus must not be installed on the control or linked terminals of AMC", seed: "seed 001 §1.7.7 (3)" },
  ],
  compatibility: [
    { product: "ESMPRO/AC + AC Enterprise (AMC)", with: "clusters of 2 to 16 nodes, Smart-UPS equivalents with an SNMP card", supported: true, seed: "seed 001 §1.7.1" },
    { product: "ESMPRO/AC (AMC)", with: "PowerChute plus on a control or linked terminal", supported: false, seed: "seed 001 §1.7.7 (3)" },
  ],
  manualSteps: [
    // Phase 1
    { text: "Phase 1/4, UPS and SNMP cards: stop all equipment, connect the UPSs and fit the SNMP cards; servers and disk array on the UPS OUTPUT, the HUB on a separate UPS (else the management server's, never the disk array's)", seed: "seed 001 §1.7.3, §1.7.4 1." },
    { text: "Phase 1/4, each card through its serial cable (HyperTerminal, login apc/apc): [2 NetWork]→[1 TCP/IP]→BOOTP 1:Disable→Accept Change; IP, mask, gateway→[5 Accept Change]→logout; keep the cable; check ping, then the web UI shows the Smart-UPS model (if not: reseat the card, else reset it)", seed: "seed 001 §1.7.4.1" },
    { text: "Phase 1/4, each card's web UI: Date & Time; SNMP Access Control community {snmpCommunity}, NMS IP = the management terminal (and, for a cluster server's UPS, that server), Access Type Write+ or Write; Trap Receiver the same, Trap Generation and Authentication Traps Enabled; change the default apc account", seed: "seed 001 §1.7.4.1" },
    // Phase 2
    { text: "Phase 2/4, the cluster already built: install ESMPRO/AC and ESMPRO/AC Enterprise on every server (and the management terminal); in 「ESMPRO/AC Enterprise 環境設定」 turn on 『[AC Management Console] による管理を行う』 and 『他のUPS管理ソフトを使用しない』", seed: "seed 001 §1.7.4 2., §1.7.4.2" },
    { text: "Phase 2/4 (A), on the management terminal only: AMC 簡易設定支援 → クラスタ (マルチサーバ) の構成 → 設定ファイル作成; power-control groups, 電源装置 and 連動端末 per server, the shared disk's UPS as 連動装置", when: A, seed: "seed 001 §1.7.4.3 (A)" },
    { text: "Phase 2/4 (B), on one control terminal only: AMC 電源グループの作成 for the cluster, one group per control terminal ({controlTerminals}) and per linked terminal (never reuse a name); register the shared disk's UPS as 連動装置 and every control terminal", when: B, seed: "seed 001 §1.7.4.3 (B)" },
    { text: "Phase 2/4, each UPS in AMC: SNMP 設定情報の採取 (model and serial appear), name (≤ 8 half-width characters, unique: {upsCount} UPSs), then 情報の上書きを SNMP で実行 (re-fetch after a few seconds)", seed: "seed 001 §1.7.4.3 (19)" },
    { text: "Phase 2/4, the same 通信用IPアドレス (the local broadcast address reaching the control terminal) and the same 通信用認識コード {communicationCode} in every power-control group; [ファイル]→[設定保存]", seed: "seed 001 §1.7.4.3 (21), (22), (23)" },
    { text: "Phase 2/4, send the AMC configuration to every other server ([操作]→[制御端末へ設定情報送信], or copy %SystemDrive%\\AUTORC\\data\\ac_e_net.ini into each linked terminal's ARCDATA share): every server holds the same ac_e_net.ini; after any change send it again", seed: "seed 001 §1.7.4.3 (24)" },
    { text: "Phase 2/4, restart the control (management) terminal or its ESMPRO/ARC Service first, then restart the cluster (or ESMPRO/ARC Service) on every cluster server", seed: "seed 001 §1.7.4.3 (25)" },
    // Phase 3
    ...acOptionSteps("seed 001 §1.7.4.4").map((s, i) => (i === 1 ? { ...s, text: `Phase 3/4, on all servers: ${s.text}` } : s)),
    { text: "Phase 3/4, when every server is done restart the cluster once; verify: クラスタ名 shown, クラスタ連携 ON, クラスタ連携サーバ名 lists the members; AMC shows マスタ動作中, 通常運用中(クラスタ) and 正常ON", seed: "seed 001 §1.7.4 3., §1.7.4.5" },
    // Phase 4
    { text: "Phase 4/4, after the cluster restart: connect the GUI to one server by サーバ名 and set the automatic-operation conditions (投入要因/切断要因 スケジュール, LAN 切断情報); they apply cluster-wide", seed: "seed 001 §1.7.4 4., §1.7.4.6" },
    { text: "While the management terminal is off, the shared disk's power failure is not monitored; it must stay up at least the time amcTimeline gives after a power failure", when: A, seed: "seed 001 §1.7.1, §1.7.7 5" },
    { text: "One UPS shared by cluster and non-cluster servers: never use the cluster manager's shutdown (it would cut the output under the non-cluster servers)", seed: "seed 001 §1.7.7 (6)" },
    ...batteryConditionSteps("seed 001 §1.7.5"),
  ],
  powerFailureSequences: [
    {
      case: "A: every UPS, or the shared disk's UPS, fails (management terminal)",
      steps: [
        { actor: "ESMPRO/AC", text: "the control terminal confirms the shared disk's failure (its 電源異常確認時間 + up to 8 s of polling) and orders the cluster servers to shut down" },
        { actor: "CLUSTERPRO", text: "the cluster shutdown runs; its end (or its timeout) is reported to the control terminal" },
        { actor: "ESMPRO/AC", text: "the control terminal orders the OS shutdown (60 s of internal processing)" },
        { actor: "ESMPRO/AC", text: "the control terminal orders AC output off to every UPS's SNMP card (0–2 s per UPS)" },
        { actor: "UPS", text: "the shared disk's UPS stops after its grace time; the servers' UPSs after grace + LowBattery time + about 2 minutes" },
        { actor: "UPS", text: "on recovery the shared disks start first, in ascending Warm-UP 順位, then the servers" },
      ],
      seed: "seed 001 §1.7.7 5, §1.7.5.2",
    },
    {
      case: "B: only the cluster servers' UPS fails (management terminal)",
      steps: [
        { actor: "ESMPRO/AC", text: "the control terminal confirms the servers' failure (their 電源異常確認時間 + up to 8 s) and orders the shutdown" },
        { actor: "CLUSTERPRO", text: "the cluster shutdown runs and reports its end or timeout" },
        { actor: "ESMPRO/AC", text: "the OS shutdown is ordered (60 s), then AC output off to the servers' UPS cards" },
        { actor: "UPS", text: "the servers' UPS stops after its grace time" },
      ],
      seed: "seed 001 §1.7.7 5",
    },
    {
      case: "only the shared disk's UPS fails, with a management terminal (リブート by the UPS)",
      when: A,
      steps: [
        { actor: "ESMPRO/AC", text: "every cluster server runs a cluster shutdown, an OS shutdown and powers off" },
        { actor: "UPS", text: "the shared disk's power returns and it starts (several disks: ascending Warm-UP 順位)" },
        { actor: "UPS", text: "every cluster server starts; the cluster system is fully recovered" },
      ],
      seed: "seed 001 §1.7.5.2 (A)",
    },
    {
      case: "only the shared disk's UPS fails, without a management terminal (リブート from the control terminal)",
      when: B,
      steps: [
        { actor: "ESMPRO/AC", text: "every cluster server runs a cluster shutdown, an OS shutdown and powers off" },
        { actor: "ESMPRO/AC", text: "every cluster server starts and waits for the shared disk's power" },
        { actor: "UPS", text: "the shared disk's power returns and it starts (several disks: ascending Warm-UP 順位)" },
        { actor: "ESMPRO/AC", text: "every cluster server restarts; the cluster system is fully recovered" },
      ],
      seed: "seed 001 §1.7.5.2 (B)",
    },
  ],
};

/** One step of the documented shutdown timeline: seconds after the power failure (a range where the seed gives one). */
export interface TimelineStep { from?: number; by: number; text: string }

/**
 * The shutdown timeline of §1.7.7 5 from an install's settings: case A (every UPS, or the shared disk's, fails: the
 * shared disk's 電源異常確認時間 starts it) and case B (only the servers' UPS). `managementTerminalUp` is how long the
 * management terminal (its ESMPRO/ARC Service and network) must keep running after the failure.
 */
export function amcTimeline(s: ProductSettings["esmpro-ac-snmp"], which: "A" | "B"): { steps: TimelineStep[]; managementTerminalUp: number } {
  const confirm = which === "A" && s.sharedDiskUps ? s.sharedDiskUps.confirmSeconds : s.serverUps.confirmSeconds;
  const detected = confirm + 8;
  const shutdownEnd = detected + s.clusterShutdownTimeoutMinutes * 60;
  const osOrder = shutdownEnd + 60;
  const acOff = osOrder + s.upsCount * 2;
  const steps: TimelineStep[] = [
    { from: confirm, by: detected, text: "the control terminal confirms the failure and orders the shutdown; the cluster shutdown starts" },
    { by: shutdownEnd, text: "the cluster shutdown ends, or its timeout passes" },
    { by: osOrder, text: "the OS shutdown is ordered and starts" },
    { by: acOff, text: "AC output off is ordered to the UPSs' SNMP cards" },
  ];
  if (which === "A" && s.sharedDiskUps) {
    steps.push({ by: acOff + s.sharedDiskUps.graceSeconds, text: "the OS shutdown is complete; the shared disk's UPS stops its output" });
    // "電源切断猶予時間 + Low-Battery 検出後の動作可能時間 + 約 2 分": the seed's example prints 764 for 226 + 300 + 120 + 120.
    steps.push({ by: acOff + s.serverUps.graceSeconds + s.serverUps.lowBatterySeconds + 120, text: "the cluster servers' UPS stops its output (about)" });
  } else {
    steps.push({ by: acOff + s.serverUps.graceSeconds, text: "the OS shutdown is complete; the cluster servers' UPS stops its output" });
  }
  return { steps, managementTerminalUp: acOff };
}

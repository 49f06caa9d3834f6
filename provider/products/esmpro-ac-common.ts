// What the four ESMPRO/AutomaticRunningController setups of seed 001 (§1.6 I-UPS, §1.7 SNMP/AMC, §1.8 PowerChute plus,
// §1.9 UPSManager/PCBE) share: no cluster scripts and no services in the group (ESMPRO/AC drives the cluster shutdown
// itself), a GUI configuration on every server, and power-failure behaviour the provider can only document. Pure data.
import { NOTHING_IN_THE_GROUP } from "./nothing-in-the-group";
import type { ManualStep, PowerFailureSequence } from "./types";

/** Every ESMPRO/AC setup: nothing in the failover group, nothing on the disks. */
export const AC_NOTHING_IN_THE_GROUP = NOTHING_IN_THE_GROUP;

export const AC_REGISTRY_VIEW_SOURCE = "no public source found; the seed names no registry key for ESMPRO/AutomaticRunningController (nothing is written)";

/** The GUI options of every variant (§1.6.4 4., §1.7.4.4, §1.8.3.3, §1.9.3.3), with the install's values. */
export function acOptionSteps(seed: string): ManualStep[] {
  return [
    { text: "ESMPRO/AC needs no start or stop script: leave the failover groups' scripts without ESMPRO/AC lines", seed },
    { text: "In the ESMPRO/AC GUI オプション on every server: クラスタシステム (CLUSTERPRO/ARM) 連携 checked; 停電時のクラスタシャットダウン あり with タイムアウト時間 {clusterShutdownTimeoutMinutes} 分 (set against the battery capacity); 通信用IPアドレス {communicationIpAddress}; 通信用ポート番号 {communicationPort}", seed },
    { text: "通信用IPアドレス is the local broadcast address of the cluster's LAN ((IP AND mask) OR (NOT mask): 172.16.134.12/255.255.255.0 → 172.16.134.255) and 通信用ポート番号 (default 4000) is the same on every server; after changing either, restart all servers", seed },
    { text: "Configure the GUI only once ESMPRO/AC is installed on every server and the cluster runs; connect to any one server: 「クラスタ連携サーバ名」 (and 「クラスタ名」) appear and the settings apply to the whole cluster; after a cluster restart check クラスタ連携 ON (right after a restart the display may be incomplete: retry later)", seed },
    { text: "Buy and install ESMPRO/AC (and AC Enterprise) on every server individually, also in a cluster", seed },
    { text: "During automatic operation do not use the 「停止」/「開始」 buttons at the top right of the ESMPRO/AC main screen", seed: "seed 001 §1.7.7 (2), §1.9.6 (4)" },
  ];
}

/** Why a power failure needs ESMPRO/AC and what the battery must cover (§1.6.5, §1.7.5, §1.8.4, §1.9.4). */
export function batteryConditionSteps(seed: string): ManualStep[] {
  return [
    { text: "The battery must last longer than the cluster shutdown plus the OS shutdown: the cluster shutdown ends within its timeout (time ②) and the UPSs run on battery at least time ④; if the battery runs out during the cluster shutdown the cluster and the OS may be damaged", seed },
    { text: "Measure the real cluster-shutdown time: log on at the server console, start a cluster shutdown from the CLUSTERPRO manager (start a stopwatch), stop it at ESMPRO/AC's first shutdown message (「電源切断条件が成立しました....」); set the timeout above it", seed },
  ];
}

/** The mirroring-cluster model's power-failure semantics (§1.8.4, §1.9.4). */
export function mirroringModelSequences(seed: string, shutdownEvent: string): PowerFailureSequence[] {
  return [
    {
      case: "power fails on one server only",
      steps: [
        { actor: "ESMPRO/AC", text: "only the failed server is detached (server shutdown); the cluster keeps running on the other server" },
        { actor: "UPS", text: "the failed server's UPS stops its output after the OS shutdown (grace time)" },
        { actor: "UPS", text: "when power returns, the server starts and rejoins the cluster" },
      ],
      seed,
    },
    {
      case: "power then fails on the remaining server, or on all servers at once",
      steps: [
        { actor: "ESMPRO/AC", text: "an automatic cluster shutdown starts; when its timeout (②) passes the OS shutdown runs even if the cluster shutdown has not finished" },
        { actor: "OS", text: "every server shuts down" },
        { actor: "UPS", text: "the UPS output stops after the grace time (電源切断猶予時間)" },
        { actor: "UPS", text: "when power returns the servers start automatically and the cluster resumes normal operation" },
      ],
      seed,
    },
    {
      case: `anti-pattern: CLUSTERPRO's stop command registered in a ${shutdownEvent} shutdown event`,
      steps: [
        { actor: "operator", text: `do not register it: a power failure on one server would shut the whole cluster down (although a healthy server remains) and no automatic reboot follows when power returns` },
      ],
      seed,
    },
  ];
}

/**
 * 通信用IPアドレス: the local broadcast address of a LAN, (IP AND mask) OR (NOT mask) — seed 001 §1.7.4.4:
 * 172.16.134.12 / 255.255.255.0 → 172.16.134.255.
 */
export function localBroadcastAddress(ip: string, mask: string): string {
  const octets = (a: string) => a.split(".").map(Number);
  const [i, m] = [octets(ip), octets(mask)];
  return i.map((x, k) => (x & m[k]) | (~m[k] & 255)).join(".");
}

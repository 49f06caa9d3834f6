// ESMPRO/JMSS on a CLUSTERPRO Ver5–7 cluster (seed 001 §1.3): installed on each node's local disk, its management data on
// the switchable disk, its services started by the failover group (armload … /M: a stopped service shuts the node down).
// One-way: the cluster setting TOOL (Ver6.1, §1.1.4.1) or the manual setting (Ver6.0 and earlier, §1.1.4.2);
// two-way: the cluster integration option (§1.1.5). The manual numbers JMSS's subsections 1.1.x; "§1.1.x" below is JMSS's.
import type { ArmControl, Product, ScriptLine } from "./types";

const ONE_WAY = { setting: "setup", oneOf: ["one-way-tool", "one-way-manual"] } as const;
const MANUAL = { setting: "setup", equals: "one-way-manual" } as const;
const TWO_WAY = { setting: "setup", equals: "two-way" } as const;
const EE = { allOf: [MANUAL, { setting: "enterpriseEdition", equals: true }] } as const;
/** seed 001 §1.1.4.3: the RL1999/06-and-earlier samples start with net start and have no JLook shutdown mode step. */
const OLD_RELEASE = { setting: "jmssRelease", equals: "RL1999/06-or-earlier" } as const;
const ONE_WAY_NEW_RELEASE = { allOf: [ONE_WAY, { setting: "jmssRelease", equals: "RL1999/09-or-later" }] } as const;

/** seed 001 §1.1.4.3: `armload <id> /S /M <service>` then `armlog "<ID> 開始" /arm`; stop `armkill <id>`, `armlog "<ID> 終了" /arm`. */
function arm(id: string, trailing?: string[]): ArmControl {
  return { watchId: `NEC_${id}`, options: ["/S", "/M"], ...(trailing ? { trailing } : {}), logAfterStart: `armlog "${id} 開始" /arm`, logAfterStop: `armlog "${id} 終了" /arm` };
}

const ARMLOG_DROPPED = "ARMLOG only eases troubleshooting and may be removed (seed 001 §1.1.4.3)";
const oneWay = (legacy: string, x?: string | null, xNote?: string): ScriptLine => ({ legacy, ...(x !== undefined ? { x } : {}), ...(xNote ? { xNote } : {}), when: ONE_WAY });
/** The JLook shutdown-mode lines: RL1999/09 and later only. */
const shutdownMode = (legacy: string, xNote?: string): ScriptLine => ({ legacy, ...(xNote ? { xNote } : {}), when: ONE_WAY_NEW_RELEASE });

export const esmproJmss: Product<"esmpro-jmss"> = {
  id: "esmpro-jmss",
  title: "ESMPRO/JMSS Ver3.0–6.1 (EnterpriseEdition 5.0–6.1)",
  seed: "seed 001 §1.3",
  registryView: "64",
  registryViewSource: "no public source found; seed 001 §1.1.4.2.1 prints HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM (taken as printed)",
  // seed 001 §1.1.4.1.1 / §1.1.4.2.1: the example install folder, the same drive and folder on every node.
  installFolder: { default: "C:\\WIN32APP\\JMSS", seed: "seed 001 §1.1.4.2", source: "seed 001 §1.1.4.2.1 (the example C:\\WIN32APP\\JMSS)" },
  services: [
    // seed 001 §1.1.4.1.1 2. / §1.1.4.2.1 2.: JLook and JSchedule to Manual; §1.1.7.1 (9): a version-up sets the
    // JMSS services back to Automatic. Monitored: started with armload /M (§1.1.4.3). Two-way: the cluster option
    // starts nothing from the group (its START script is empty, §1.1.5.2).
    { displayName: "ESMPRO/JMSS JLook Service", serviceName: "jmsslksv", startup: "Manual", control: "group", monitored: true, optionalWhen: ONE_WAY, startupAlways: true, arm: arm("JMSSLKSV", ["arm"]), seed: "seed 001 §1.1.4.2, §1.1.4.3" },
    { displayName: "ESMPRO/JMSS JSchedule Service", serviceName: "jmssscsv", startup: "Manual", control: "group", monitored: true, optionalWhen: ONE_WAY, startupAlways: true, arm: arm("JMSSSCSV"), seed: "seed 001 §1.1.4.2, §1.1.4.3" },
    // Only with JAPI or JMGC (the wavy-underlined lines); its startup type is not stated: Manual, as the group starts it.
    { displayName: "ESMPRO/JMSS JDriven Service", serviceName: "jmssdvsv", startup: "Manual", control: "group", monitored: true, optionalWhen: { allOf: [ONE_WAY, { setting: "japiOrJmgc", equals: true }] }, arm: arm("JMSSDVSV"), seed: "seed 001 §1.1.4.3" },
  ],
  startOrder: ["jmsslksv", "jmssscsv", "jmssdvsv"],
  stopOrder: ["jmssdvsv", "jmssscsv", "jmsslksv"],
  orderMatters: true,
  restartAroundStop: [],
  databases: [],
  // seed 001 §1.1.4.2.1 5.: XCOPY <install>\QUE X:\JMSS\QUE /S /E ("0 files copied" is not an error).
  sharedDiskPlacements: [{ operation: "copy", kind: "folder", source: "{installFolder}\\QUE", target: "QUE", when: MANUAL, seed: "seed 001 §1.1.4.2" }],
  // seed 001 §1.1.4.2.1 5.: MD X:\JMSS, LOG, OUT, QUE, SCHEDULE (+ LOGDB for EnterpriseEdition).
  sharedDirectories: [
    { path: "", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { path: "LOG", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { path: "OUT", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { path: "QUE", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { path: "SCHEDULE", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { path: "LOGDB", when: EE, seed: "seed 001 §1.1.4.2" },
  ],
  standbyDeletions: [],
  files: [],
  propertyEdits: [],
  acls: [],
  // seed 001 §1.1.4.2.1 4. (the manual setting; JCLTOOL.EXE or the cluster option's tool does it otherwise).
  registryWrites: [
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JMSSLKSV\\INITINFO", name: "LogFilePath", type: "REG_SZ", data: { template: "{sharedFolder}\\LOG" }, operation: "modify", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JOBQUEUE", name: "JobQueDir", type: "REG_SZ", data: { template: "{sharedFolder}\\QUE\\" }, operation: "modify", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\LogDB", name: "QLIDir", type: "REG_SZ", data: { template: "{sharedFolder}\\LOGDB" }, operation: "modify", when: EE, seed: "seed 001 §1.1.4.2" },
    { key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JSchedule\\Parameters", name: "DataPath", type: "REG_SZ", data: { template: "{sharedFolder}\\SCHEDULE\\" }, operation: "create", when: MANUAL, seed: "seed 001 §1.1.4.2" },
  ],
  registryDeletions: [],
  // seed 001 §1.1.4.1.1 3., §1.1.4.2.4 1., §1.1.5.2 (the JMSS-server group; a job-running-machine group has none).
  registrySync: [{ key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM", seed: "seed 001 §1.1.4.2, §1.1.5" }],
  // seed 001 §1.1.4.2.1 6. / .2 4.: the underlined additions (the OCR lost the underline; these are the lines the
  // example adds to a fresh install — an inference).
  iniEdits: [
    { file: "{installFolder}\\JMSSLKSV.INI", section: "Env", key: "SetDef", value: "0", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { file: "{installFolder}\\JMSS.INI", section: "Control", key: "SERVER_NAME", value: "{nodeName}", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { file: "{installFolder}\\JMSS.INI", section: "Control", key: "ARM", value: "1", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { file: "{installFolder}\\JMSS.INI", section: "ENV", key: "TimeOut", value: "50", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { file: "{installFolder}\\JMSS.INI", section: "ENV", key: "Retry", value: "1000", when: MANUAL, seed: "seed 001 §1.1.4.2" },
  ],
  constraints: [
    { rule: "jmss-one-server-per-cluster", checkedBy: "preview", description: "Only one JMSS server per cluster: one esmpro-jmss install per cluster", seed: "seed 001 §1.3.2" },
  ],
  requires: [
    { kind: "switch-partition", purpose: "LOG, OUT, QUE, SCHEDULE (and LOGDB) of X:\\JMSS", seed: "seed 001 §1.3.3" },
    { kind: "virtual-computer-name", purpose: "the JMSS server name of clients and the job queue name", seed: "seed 001 §1.3.3" },
  ],
  legacyScripts: {
    seed: "seed 001 §1.1.4.3",
    style: { skeleton: "arm-full", startEvents: ["START", "FAILOVER", "RECOVER"], body: "each-priority-branch", exitCommand: true, gotoExitAfterFailover: true },
    loadCommand: "armload",
    killCommand: "armkill",
    netStartWhen: OLD_RELEASE,
    beforeStart: [
      oneWay("armnsadd jmsout {sharedFolder}\\out", 'net share jmsout="{sharedFolder}\\out"', "an inference: armnsadd shares the folder under the virtual computer; on CLUSTERPRO X the virtual computer name resource serves the server's shares, so the share is made with net share"),
      oneWay("IF ERRORLEVEL 1 GOTO JMSSQUIT{branch}", "IF ERRORLEVEL 1 EXIT 1", "the services are separate resources on CLUSTERPRO X: a failed share fails the activation instead of skipping the starts"),
    ],
    afterStart: [oneWay(":JMSSQUIT{branch}", null, "the label of the skipped starts (see IF ERRORLEVEL 1)")],
    beforeStop: [
      shutdownMode('IF "%ARMS_FACTOR%" == "SERVERSHUTDOWN" GOTO JMSSLKSVFOV{branch}', "CLP_FACTOR SERVERSHUTDOWN is documented only for older CLUSTERPRO for Linux; CLUSTERPRO X for Windows may never set it, so -normal runs"),
      shutdownMode("Jmsslksv -normal"),
      shutdownMode("GOTO JMSSSVDOWN{branch}"),
      shutdownMode(":JMSSLKSVFOV{branch}"),
      shutdownMode("jmsslksv -failover"),
      shutdownMode(":JMSSSVDOWN{branch}"),
      // seed 001 §1.1.5.3: the cluster integration option's STOP script.
      { legacy: 'armlog "JSTOP.EXE 呼出し" /arm', x: null, xNote: ARMLOG_DROPPED, when: TWO_WAY },
      { legacy: "jstop %ARMS_GROUPNAME%", when: TWO_WAY },
      { legacy: 'armlog "JSTOP.EXE 終了" /arm', x: null, xNote: ARMLOG_DROPPED, when: TWO_WAY },
    ],
    afterStop: [oneWay("armnsdel jmsout", "net share jmsout /delete /y", "see armnsadd")],
  },
  // seed 001 §1.3.3 (動作環境 and its notes)
  compatibility: [
    { product: "ESMPRO/JMSS Ver3.0–6.1, EnterpriseEdition Ver5.0–6.1", with: "Windows NT 4.0 Server, Windows 2000 Server, Windows Server 2003", supported: true, seed: "seed 001 §1.3.3" },
    { product: "ESMPRO/JMSS cluster integration option (Ver5.0, Ver6.0)", with: "CLUSTERPRO/ARM Ver4.2~", supported: true, note: "required for two-way; for one-way too when a server outside the cluster runs jobs", seed: "seed 001 §1.3.3" },
    { product: "ESMPRO/JMSS Ver5.0 cluster integration option", with: "ESMPRO/JMSS (EnterpriseEdition) Ver5.0/5.1~", supported: true, seed: "seed 001 §1.3.3" },
    { product: "ESMPRO/JMSS Ver6.0 cluster integration option", with: "ESMPRO/JMSS (EnterpriseEdition) Ver6.0/6.1~", supported: true, seed: "seed 001 §1.3.3" },
    { product: "ESMPRO/JMSS Ver6.0", with: "CLUSTERPRO RL2000/12~ install module or RUR", supported: true, seed: "seed 001 §1.3.3" },
    { product: "cluster setting TOOL JCLTOOL.EXE", with: "ESMPRO/JMSS (EnterpriseEdition) Ver6.1", supported: true, note: "Ver6.0 and earlier: the manual setting", seed: "seed 001 §1.3.3" },
  ],
  manualSteps: [
    { text: "Install ESMPRO/JMSS on every node's local disk, the same drive and folder on all (e.g. C:\\WIN32APP\\JMSS); do not reboot until every node is configured", seed: "seed 001 §1.1.4.2" },
    { text: "On every node: net share jmsout /delete (setup's share of the standard-output folder; the start script shares it again)", when: ONE_WAY, seed: "seed 001 §1.1.4.2" },
    { text: "Run JCLTOOL.EXE on the first node (\"1 台目\") with the failover group there, then on the others (\"2 台目以降\"): virtual computer name {virtualComputerName}, the held-job startup method, the shared-disk drive; then reboot all nodes from the cluster manager", when: { setting: "setup", equals: "one-way-tool" }, seed: "seed 001 §1.1.4.1" },
    { text: "HKEY_LOCAL_MACHINE\\SOFTWARE\\NEC\\ESJM\\JMSSLKSV\\INITINFO StdOutPath: the standard-output share on the virtual computer (the seed prints \\\\.\\COM01\\JMSSOUT, unclear): set it by hand", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { text: "Edit JMSSLKSV.INI ([Env] SetDef=0) and JMSS.INI ([Control] SERVER_NAME=<the node's own name>, ARM=1; [ENV] TimeOut=50, Retry=1000) on every node; on clients SERVER_NAME={virtualComputerName}", when: MANUAL, seed: "seed 001 §1.1.4.2" },
    { text: "JEnv (group on the first node): register the other nodes as job-running machines, a shared queue named {virtualComputerName} over them, state 開, *Everyone in its security; security-setting right for Administrator; then move the group to each other node and register queue security and JMSS security there", when: MANUAL, seed: "seed 001 §1.1.4.2.4" },
    { text: "Two-way: install the ESMPRO/JMSS cluster integration option on every node and configure it with its cluster environment setting tool; the JMSS-server group's START script is empty", when: TWO_WAY, seed: "seed 001 §1.1.5" },
    { text: "Products whose jobs JMSS runs start before ESMPRO/JMSS: declare their installs before this one in the group", seed: "seed 001 §1.1.4.3" },
    { text: "Before applying a JMSS RUR, pause the monitoring: armloadc NEC_JMSSDVSV /W pause, armloadc NEC_JMSSSCSV /W pause, armloadc NEC_JMSSLKSV /W pause (a stopped monitored service shuts the node down)", when: ONE_WAY, seed: "seed 001 §1.1.4.3" },
    { text: "A version-up or overwrite install sets the JMSS services to Automatic: refresh reports it, up sets them back to Manual", seed: "seed 001 §1.1.7.1 (9)" },
    { text: "Job files belong on the switchable disk; UNC job names as \\\\{virtualComputerName}\\<share>\\<job>; JMSS is not operated across routers", seed: "seed 001 §1.1.7.1" },
  ],
};

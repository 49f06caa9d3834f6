// Strings that reach clp.conf, a script or a remote command: control characters, line breaks and
// lengths are refused with the field path (safety items 16-18), Windows scripts must fit CP932,
// contradictory connection settings are refused, and the insecure ones warn.
import { strict as assert } from "node:assert";
import { formatIssues } from "../../sdk/schemas/issues";
import { parseProductInstall } from "../../provider/products";
import { ClusterArgsSchema, FailoverGroupArgsSchema, MirrorDiskArgsSchema } from "../../sdk/schemas/cluster";
import { ConnectionSchema } from "../../sdk/schemas/connection";

const failures = (r: { success: boolean; error?: unknown }) => (r.success ? [] : formatIssues(r.error as never));
const failureAt = (r: { success: boolean; error?: unknown }, property: string) => failures(r).find((f) => f.property === property);

const cluster = {
  name: "PrintPort",
  servers: ["server01", "server02"],
  interconnects: [{ priority: 1, kind: "kernel", addresses: { server01: "192.168.1.11", server02: "192.168.1.12" } }],
};
const group = (resources: unknown[], extra: Record<string, unknown> = {}) => FailoverGroupArgsSchema.safeParse({ name: "failover", resources, ...extra });
const app = (extra: Record<string, unknown>) => group([{ type: "application", name: "app", startPath: "C:\\app\\start.bat", ...extra }]);
const script = (start: string) => group([{ type: "script", name: "scr", start, stop: "exit 0\r\n" }]);

describe("sdk strings: control characters and line breaks are refused with the field path", () => {
  it("refuses a line break or NUL in a cluster or group comment", () => {
    assert.match(failureAt(ClusterArgsSchema.safeParse({ ...cluster, comment: "line1\nline2" }), "comment")?.reason ?? "", /single line.*U\+000A \(LF\)/);
    assert.match(failureAt(ClusterArgsSchema.safeParse({ ...cluster, comment: "a\u0000b" }), "comment")?.reason ?? "", /control characters.*U\+0000 \(NUL\)/);
    assert.match(failureAt(group([], { comment: "x\ry" }), "comment")?.reason ?? "", /single line.*CR/);
    assert.equal(ClusterArgsSchema.safeParse({ ...cluster, comment: "印刷クラスタ (本番)" }).success, true);
  });

  it("refuses control characters and line breaks in application paths and service names", () => {
    assert.match(failureAt(app({ startPath: "C:\\app\u0000.bat" }), "resources[0].startPath")?.reason ?? "", /NUL/);
    assert.match(failureAt(app({ startPath: "C:\\app.bat\r\ndel C:\\x" }), "resources[0].startPath")?.reason ?? "", /single line/);
    assert.match(failureAt(app({ stopPath: "C:\\stop\u001b[2J.bat" }), "resources[0].stopPath")?.reason ?? "", /U\+001B \(ESC\)/);
    assert.match(failureAt(group([{ type: "service", name: "svc", serviceName: "Spooler\nrm" }]), "resources[0].serviceName")?.reason ?? "", /single line/);
    assert.equal(app({ startPath: "C:\\Program Files\\アプリ\\start.bat", stopPath: "C:\\app\\stop.bat" }).success, true);
  });

  it("limits startPath and stopPath to 1023 characters", () => {
    const path = (n: number) => `C:\\${"a".repeat(n - 3)}`;
    assert.equal(app({ startPath: path(1023), stopPath: path(1023) }).success, true);
    assert.match(failureAt(app({ startPath: path(1024) }), "resources[0].startPath")?.reason ?? "", /at most 1023/);
    assert.match(failureAt(app({ stopPath: path(1024) }), "resources[0].stopPath")?.reason ?? "", /at most 1023/);
  });

  it("lets scripts have CR, LF and TAB but no NUL or other control characters", () => {
    assert.equal(script("@echo off\r\n\tnet start Spooler\r\nexit 0\n").success, true);
    assert.match(failureAt(script("echo a\u0000b"), "resources[0].start")?.reason ?? "", /U\+0000 \(NUL\).*only tab, CR and LF/);
    assert.match(failureAt(script("echo \u0007bell"), "resources[0].start")?.reason ?? "", /U\+0007/);
  });

  it("refuses registry keys with control characters or a component over 255 characters", () => {
    const keys = (k: string) => group([{ type: "registrySync", name: "reg", keys: ["HKLM\\SOFTWARE\\OK", k] }]);
    assert.equal(keys(`HKEY_LOCAL_MACHINE\\SOFTWARE\\${"k".repeat(255)}`).success, true);
    assert.match(failureAt(keys(`HKEY_LOCAL_MACHINE\\SOFTWARE\\${"k".repeat(256)}`), "resources[0].keys[1]")?.reason ?? "", /255/);
    assert.match(failureAt(keys("HKLM\\SOFTWARE\\A\nB"), "resources[0].keys[1]")?.reason ?? "", /single line/);
    assert.match(failureAt(keys("HKLM\\SOFTWARE\\A\u0000B"), "resources[0].keys[1]")?.reason ?? "", /NUL/);
  });

  it("refuses a Linux mount point with a line break or over 1023 characters", () => {
    const m = (mountPoint: string) => MirrorDiskArgsSchema.safeParse({ name: "md", dataPartition: "/dev/sdb2", clusterPartition: "/dev/sdb1", mirrorConnects: ["mdc1"], mountPoint });
    assert.equal(m("/mnt/md1").success, true);
    assert.match(failureAt(m("/mnt/md\n1"), "mountPoint")?.reason ?? "", /single line/);
    assert.match(failureAt(m(`/${"m".repeat(1023)}`), "mountPoint")?.reason ?? "", /at most 1023/);
  });

  it("refuses control characters in product settings with the setting's path", () => {
    const printport = (settings: Record<string, unknown>) =>
      parseProductInstall({ product: "printport-acos4", settings: { windowsServer: "2008-or-later", printerLanConnectionName: "ローカル エリア接続 2", controlFilesFolder: "C:\\clpctl", ntpServer: "ntp.example", ...settings } });
    const issue = (r: ReturnType<typeof parseProductInstall>, path: string) => (r.ok ? undefined : r.issues.find((i) => i.path === path));
    assert.equal(printport({}).ok, true);
    assert.match(issue(printport({ ntpServer: "ntp\u0000.example" }), "settings.ntpServer")?.message ?? "", /NUL/);
    assert.match(issue(printport({ printerLanConnectionName: "LAN\u001b2" }), "settings.printerLanConnectionName")?.message ?? "", /ESC/);
    assert.match(issue(printport({ controlFilesFolder: "C:\\clp\u0001ctl" }), "settings.controlFilesFolder")?.message ?? "", /U\+0001/);
    assert.match(issue(printport({ controlFilesFolder: `C:\\${"c".repeat(1021)}` }), "settings.controlFilesFolder")?.message ?? "", /at most 1023/);
    const esm = (settings: Record<string, unknown>) => parseProductInstall({ product: "esmpro-servermanager", sharedFolder: "E:\\ESMPRO", settings: { virtualComputerName: "vcn", dmiAlerts: false, trapForwarding: false, ...settings } });
    assert.equal(esm({}).ok, true);
    assert.match(issue(esm({ alertManagerReceiveSyncKey: "HKEY_LOCAL_MACHINE\\SOFTWARE\\A\u0000B" }), "settings.alertManagerReceiveSyncKey")?.message ?? "", /NUL/);
    assert.match(issue(esm({ alertManagerReceiveSyncKey: `HKEY_LOCAL_MACHINE\\SOFTWARE\\${"k".repeat(256)}` }), "settings.alertManagerReceiveSyncKey")?.message ?? "", /255/);
    assert.match(issue(esm({ esmproUserGroups: ["ESM\u0000Users"] }), "settings.esmproUserGroups[0]")?.message ?? "", /NUL/);
    const dpm = parseProductInstall({ product: "deploymentmanager", sharedFolder: "E:\\DPM\u0000", settings: {} });
    assert.match(issue(dpm, "sharedFolder")?.message ?? "", /NUL/);
  });

  it("refuses control characters in a connection's user name", () => {
    const r = ConnectionSchema.safeParse({ transport: "winrm", host: "127.0.0.1", username: "LAB\\admin\r\nX-Injected: 1", password: "p" });
    assert.match(failureAt(r, "username")?.reason ?? "", /single line/);
  });
});

describe("sdk strings: contradictory connection settings are refused", () => {
  const winrm = (extra: Record<string, unknown>) => ConnectionSchema.safeParse({ transport: "winrm", host: "127.0.0.1", username: "a", password: "p", ...extra });
  it("refuses a CA or a certificate pin with https: false, naming the field", () => {
    assert.match(failureAt(winrm({ https: false, caCertPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" }), "caCertPem")?.reason ?? "", /https: false/);
    assert.match(failureAt(winrm({ https: false, certificateSha256: "ab".repeat(32) }), "certificateSha256")?.reason ?? "", /https: false/);
    assert.match(failureAt(winrm({ https: false, insecureSkipVerify: true }), "insecureSkipVerify")?.reason ?? "", /https: false/);
    assert.equal(winrm({ https: false }).success, true);
    assert.equal(winrm({ https: true, certificateSha256: "ab".repeat(32) }).success, true);
  });
});

describe("sdk strings: Windows script content must fit CP932", () => {
  const inputs = (serverOs: "windows" | "linux", start: string) => ({
    clusterName: "PrintPort",
    serverOs,
    servers: ["server01"],
    maxDisruption: "group",
    connections: [{ name: "server01", connection: { transport: "winrm", host: "127.0.0.1", https: false, username: "a", password: "p" } }],
    name: "failover",
    resources: [{ type: "script", name: "scr", start: "@echo off\r\n", stop: "exit 0\r\n" }, { type: "script", name: "scr2", start, stop: "exit 0\r\n" }],
  });

  it("the provider's check refuses é, ß, € and emoji in a Windows script with the field path and the code point", async () => {
    const { check } = await import("../../provider/resources/failover-group");
    for (const [text, cp] of [["echo café", "U+00E9"], ["echo Straße", "U+00DF"], ["echo 10€", "U+20AC"], ["echo done 🎉", "U+1F389"]]) {
      const r = await check({}, inputs("windows", text));
      const f = (r.failures ?? []).find((x) => x.property === "resources[1].start");
      assert.ok(f, `${text}: ${JSON.stringify(r.failures)}`);
      assert.match(f.reason, new RegExp(`CP932.*${cp.replace("+", "\\+")}`));
    }
  });

  it("accepts Japanese text in a Windows script, and any Unicode in a Linux script (UTF-8)", async () => {
    const { check } = await import("../../provider/resources/failover-group");
    assert.deepEqual((await check({}, inputs("windows", "echo 印刷サービス開始 ～ ①\r\n"))).failures ?? [], []);
    assert.deepEqual((await check({}, inputs("linux", "echo café 🎉\n"))).failures ?? [], []);
  });
});

describe("sdk strings: the insecure transport opt-ins warn at construction (shown by preview)", () => {
  type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
  let warnings: string[] = [];
  let original: typeof import("@pulumi/pulumi").log.warn;
  let pulumi: typeof import("@pulumi/pulumi");
  let sdk: typeof import("../../sdk");

  before(async () => {
    pulumi = await import("@pulumi/pulumi");
    sdk = await import("../../sdk");
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "strings", "warnings", true);
    original = pulumi.log.warn;
    (pulumi.log as Any).warn = (msg: string) => {
      warnings.push(msg);
      return Promise.resolve();
    };
  });
  after(() => {
    (pulumi.log as Any).warn = original;
  });
  beforeEach(() => {
    warnings = [];
  });

  const PASSWORD = "s3cret-password-marker";
  const winrm = (extra: Record<string, unknown>) => ({ transport: "winrm", host: "127.0.0.1", https: true, username: "Administrator", password: PASSWORD, ...extra });
  const ssh = (extra: Record<string, unknown>) => ({ transport: "ssh", host: "127.0.0.1", username: "root", password: PASSWORD, ...extra });

  it("warns for insecureSkipVerify and acceptUnknownHostKey, naming the option and never a secret", async () => {
    new sdk.Node("w1", { hostname: "server01", connection: winrm({ insecureSkipVerify: true }) as Any });
    new sdk.Node("s1", { hostname: "server02", connection: ssh({ acceptUnknownHostKey: true }) as Any });
    await new Promise((r) => setImmediate(r));
    assert.equal(warnings.length, 2, warnings.join("\n"));
    assert.match(warnings[0], /Node "w1": connection\.insecureSkipVerify is true/);
    assert.match(warnings[1], /Node "s1": connection\.acceptUnknownHostKey is true/);
    for (const w of warnings) assert.ok(!w.includes(PASSWORD));
  });

  it("warns once a pending value turns out true, and not at all for the secure defaults", async () => {
    new sdk.Node("s2", { hostname: "server03", connection: ssh({ acceptUnknownHostKey: pulumi.output(true) }) as Any });
    new sdk.Node("w2", { hostname: "server04", connection: winrm({ certificateSha256: "ab".repeat(32) }) as Any });
    new sdk.Node("s3", { hostname: "server05", connection: ssh({ hostKeyFingerprint: `SHA256:${"A".repeat(43)}` }) as Any });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.map((w) => w.split(":")[0]), ['Node "s2"']);
  });
});

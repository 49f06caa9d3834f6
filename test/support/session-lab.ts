// A lab of Windows nodes started in-process, with the ClusterSession target that reaches it over
// WinRM (NTLM over HTTP on 127.0.0.1): the set-up of the session-level safety and fault tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ClusterTarget } from "../../provider/engine/session";
import { ConnectionSchema } from "../../sdk/schemas/connection";
import { Lab, type LabInfo } from "../../sim/lab";

export async function startWindowsSessionLab(prefix: string, password: string, servers: readonly string[]): Promise<{ dir: string; lab: Lab; target: ClusterTarget }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const lab = await Lab.start({ dir, nodes: servers.map((name) => ({ name, os: "windows" as const })), username: "Administrator", password });
  const info = JSON.parse(fs.readFileSync(path.join(dir, "lab.json"), "utf8")) as LabInfo;
  const target: ClusterTarget = {
    clusterName: "S",
    os: "windows",
    maxDisruption: "group",
    nodes: info.nodes.map((n) => ({ name: n.name, connection: ConnectionSchema.parse({ transport: "winrm", host: "127.0.0.1", port: n.winrm!.httpPort, https: false, username: n.username, password }) })),
  };
  return { dir, lab, target };
}

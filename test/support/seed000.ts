// The seed-000 (PrintPort for ACOS-4) stack as a Pulumi program against a lab, shared by the e2e tests.
import * as fs from "node:fs";
import * as iconv from "iconv-lite";
import * as path from "node:path";
import type { Lab } from "../../sim/lab";
import { repoRoot } from "./paths";

/** The demo program (demo/index.ts) is the seed-000 stack; the tests run that very file. */
export const SEED000_PROGRAM = fs.readFileSync(path.join(repoRoot, "demo", "index.ts"), "utf8");

/** The seed's manual preparation (step ④/⑨), done as ProductInstall will do it: spooler Manual and stopped, NIC batch files. */
export function prepareSeed000Nodes(lab: Lab): void {
  for (const name of ["server01", "server02"]) {
    const node = lab.node(name);
    node.services.define({ name: "PrintPort_SPL", displayName: "PrintPort Spooler Service", startup: "manual", state: "stopped", dependsOn: [] });
    node.fs.mkdir("C:\\clp");
    // Batch files in the console's code page (CP932), as Notepad on a Japanese Windows saves them.
    node.fs.writeFile("C:\\clp\\disable.bat", iconv.encode('netsh interface set interface "ローカル エリア接続 3" disable\r\n', "cp932"));
    node.fs.writeFile("C:\\clp\\enable.bat", iconv.encode('netsh interface set interface "ローカル エリア接続 3" enable\r\n', "cp932"));
  }
}

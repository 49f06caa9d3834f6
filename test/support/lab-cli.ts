// The compiled `clusterpro-lab` bin, run as a user runs it (tests of the lab's CLI).
import { execFile } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "./paths";

export const LAB_BIN = path.join(repoRoot, "bin", "clusterpro-lab.js");

export interface LabRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as bytes (files and clp.conf are printed in their own encoding). */
  raw: Buffer;
}

export function runLabCli(args: string[]): Promise<LabRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAB_BIN, ...args], { timeout: 60_000, maxBuffer: 16 << 20, encoding: "buffer" }, (err, stdout, stderr) =>
      resolve({
        code: err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0,
        stdout: stdout.toString("utf8"),
        stderr: stderr.toString("utf8"),
        raw: stdout,
      }),
    );
  });
}

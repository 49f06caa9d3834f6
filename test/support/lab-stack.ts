// A lab and a Pulumi project wired to it (config `labJson` and the secret `password`), for the
// end-to-end tests. dispose() removes the project and stops the lab, also after a failed test.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Lab, type LabNodeSpec } from "../../sim/lab";
import { PulumiProject } from "./pulumi-project";

export interface LabStack {
  lab: Lab;
  labDir: string;
  project: PulumiProject;
  dispose(): Promise<void>;
}

export interface LabStackOptions {
  project: string;
  program: string;
  nodes: LabNodeSpec[];
  password: string;
  username?: string;
  products?: string[];
  /** A key pair the lab accepts; its private key is set as the secret config `privateKey`. */
  keyPair?: { privateKey: string; publicKey: string };
  prepare?: (lab: Lab) => void;
}

export async function startLabStack(o: LabStackOptions): Promise<LabStack> {
  const labDir = fs.mkdtempSync(path.join(os.tmpdir(), `clusterpro-${o.project}-lab-`));
  const lab = await Lab.start({
    dir: labDir,
    nodes: o.nodes,
    username: o.username ?? "Administrator",
    password: o.password,
    products: o.products,
    authorizedKeys: o.keyPair ? [o.keyPair.publicKey] : undefined,
  });
  const project = PulumiProject.create(o.project, o.program);
  const dispose = async () => {
    project.dispose();
    await lab.stop();
    fs.rmSync(labDir, { recursive: true, force: true });
  };
  try {
    o.prepare?.(lab);
    await project.run(["stack", "init", "lab"]);
    await project.run(["config", "set", "labJson", path.join(labDir, "lab.json")]);
    await project.setSecret("password", o.password);
    if (o.keyPair) await project.setSecret("privateKey", o.keyPair.privateKey);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { lab, labDir, project, dispose };
}

export const TWO_WINDOWS_NODES: LabNodeSpec[] = [{ name: "server01", os: "windows" }, { name: "server02", os: "windows" }];

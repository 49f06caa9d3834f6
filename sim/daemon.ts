// The lab's background process: `clusterpro-lab start` spawns it detached. It runs the lab until a
// "stop" request or SIGTERM/SIGINT, then saves the state and exits.
import * as fs from "node:fs";
import * as path from "node:path";
import { serveControl } from "./control";
import { Lab, type LabOptions } from "./lab";

export async function runDaemon(options: LabOptions): Promise<void> {
  const lab = await Lab.start(options);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await lab.stop();
    fs.rmSync(path.join(options.dir, "control.json"), { force: true });
    process.exit(0);
  };
  await serveControl(lab, () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  console.log(`clusterpro-lab: running (pid ${process.pid}) with ${lab.nodes.size} nodes in ${options.dir}`);
}

if (require.main === module) {
  const options = JSON.parse(Buffer.from(process.env.CLUSTERPRO_LAB_OPTIONS ?? "", "base64").toString("utf8")) as LabOptions;
  delete process.env.CLUSTERPRO_LAB_OPTIONS;
  runDaemon(options).catch((e) => {
    console.error(`clusterpro-lab: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}

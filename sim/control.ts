// The lab daemon's control channel: a small JSON-over-HTTP endpoint on 127.0.0.1 that the
// `clusterpro-lab` CLI talks to. A random token (in DIR/control.json, mode 0600) guards it.
import { randomBytes, timingSafeEqual } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { Lab } from "./lab";
import { describeLoad, loadConf } from "./lab-load";
import { SimError } from "./node/types";

export interface ControlInfo {
  pid: number;
  port: number;
  token: string;
}

export interface ControlReply {
  ok: boolean;
  output: string;
  data?: unknown;
}

const ENCODED = (s: string) => Buffer.from(s, "utf8");

function describeRegValue(v: { name: string; type: string; data: unknown }): string {
  const data = Array.isArray(v.data) ? v.data.join("\\0") : String(v.data);
  return `    ${v.name === "" ? "(Default)" : v.name}    ${v.type}    ${data}`;
}

/** Runs one CLI command against the lab; throws SimError for bad input. */
export async function runControl(lab: Lab, command: string, args: string[]): Promise<ControlReply> {
  const need = (n: number, usage: string) => {
    if (args.length < n) throw new SimError("invalid", `usage: clusterpro-lab ${usage}`);
  };
  switch (command) {
    case "status":
      return { ok: true, output: lab.cluster.statusText(), data: lab.cluster.statusJson() };
    case "events": {
      const events = lab.cluster.events();
      return { ok: true, output: events.map((e) => `${e.time}  ${e.message}\n`).join(""), data: events };
    }
    case "fail":
      need(1, "fail NODE");
      await lab.fail(args[0]);
      return { ok: true, output: `${args[0]} is down (its WinRM/SSH endpoints refuse connections)\n` };
    case "recover":
      need(1, "recover NODE");
      await lab.recover(args[0]);
      return { ok: true, output: `${args[0]} is up again\n` };
    case "exec": {
      need(2, "exec NODE -- COMMAND [ARG…]");
      const r = lab.runClp(args[0], args.slice(1));
      return { ok: r.exitCode === 0, output: r.stdout + r.stderr, data: { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr } };
    }
    case "conf": {
      need(1, "conf NODE");
      const bytes = lab.cluster.conf(args[0]);
      if (!bytes) return { ok: false, output: `${args[0]} has no cluster configuration yet\n` };
      return { ok: true, output: bytes.toString("latin1"), data: { base64: bytes.toString("base64") } };
    }
    case "put": {
      need(3, "put NODE LOCALFILE REMOTEPATH");
      const data = Buffer.from(args[1], "base64"); // the CLI sends the local file's bytes
      const node = lab.node(args[0]);
      const parent = args[2].replace(/[\\/][^\\/]*$/, "");
      if (parent && !node.fs.exists(parent)) node.fs.mkdir(parent);
      node.fs.writeFile(args[2], data);
      lab.save();
      return { ok: true, output: `${data.length} bytes written to ${args[0]}:${args[2]}\n` };
    }
    case "file": {
      need(2, "file NODE PATH");
      const node = lab.node(args[0]);
      if (node.fs.isDirectory(args[1])) return { ok: true, output: node.fs.list(args[1]).map((n) => `${n}\n`).join("") };
      const bytes = node.fs.readFile(args[1]);
      return { ok: true, output: bytes.toString("utf8"), data: { base64: bytes.toString("base64") } };
    }
    case "reg": {
      need(2, "reg NODE KEY [VALUE]");
      const reg = lab.node(args[0]).registry;
      if (!reg) throw new SimError("invalid", `${args[0]} is not a Windows node: it has no registry`);
      if (args[2] !== undefined) {
        const v = reg.get(args[1], args[2]);
        if (!v) return { ok: false, output: `${args[1]}\\${args[2]}: no such value\n` };
        return { ok: true, output: `${args[1]}\n${describeRegValue(v)}\n`, data: v };
      }
      const values = reg.values(args[1]);
      if (!values) return { ok: false, output: `${args[1]}: no such key\n` };
      const subkeys = reg.subkeys(args[1]) ?? [];
      return { ok: true, output: [`${args[1]}`, ...values.map(describeRegValue), ...subkeys.map((s) => `${args[1]}\\${s}`), ""].join("\n"), data: { values, subkeys } };
    }
    case "svc": {
      need(1, "svc NODE [NAME [start|stop|automatic|manual|disabled]]");
      const node = lab.node(args[0]);
      if (args[2] !== undefined) {
        // Doing by hand what a manual says (e.g. seed 000: PrintPort Spooler Service to Manual and stopped).
        const action = args[2];
        if (!node.services.get(args[1])) throw new SimError("not-found", `${args[0]}: no service named ${args[1]}`);
        if (action === "start") node.services.start(args[1]);
        else if (action === "stop") node.services.stop(args[1]);
        else if (["automatic", "manual", "disabled"].includes(action)) node.services.setStartup(args[1], action as "manual");
        else throw new SimError("invalid", `svc: unknown action ${action} (start, stop, automatic, manual, disabled)`);
        lab.tick();
      }
      const list = args[1] ? [node.services.get(args[1])].filter((s) => s !== undefined) : node.services.list();
      if (list.length === 0) return { ok: false, output: `${args[0]}: no service named ${args[1]}\n` };
      const rows = list.map((s) => `${s.name.padEnd(24)} ${s.startup.padEnd(18)} ${s.state.padEnd(8)} ${s.displayName}`);
      return { ok: true, output: [`${"NAME".padEnd(24)} ${"STARTUP".padEnd(18)} ${"STATE".padEnd(8)} DISPLAY NAME`, ...rows, ""].join("\n"), data: list };
    }
    case "stats": {
      const data = { nodes: Object.fromEntries(lab.stats), pushes: lab.cluster.pushes() };
      const lines = [...lab.stats.entries()].map(([n, s]) => `${n}: ${s.requests} requests  ${Object.entries(s.operations).map(([k, v]) => `${k}=${v}`).join(" ")}`);
      return { ok: true, output: [...lines, `clp.conf pushes: ${data.pushes}`, ""].join("\n"), data };
    }
    case "stats-reset":
      lab.resetStats();
      return { ok: true, output: "request counts reset\n" };
    case "fault": {
      // fault latency MS | fault drop NODE N | fault fail NAME [TIMES] | fault hang NAME [TIMES] | fault disk NODE WHAT
      // | fault name NODE NAME | fault clear | fault monitor NAME NODE [off] | fault unreachable IP [NODE] [off] | fault nic NODE NIC down|up
      need(1, "fault latency MS | drop NODE N | fail NAME [TIMES] | hang NAME [TIMES] | disk NODE DRIVE|MOUNTPOINT|DEVICE | name NODE COMPUTERNAME | clear | monitor NAME NODE [off] | unreachable IP [NODE] [off] | nic NODE NIC down|up");
      const [kind, a, b] = args;
      if (kind === "disk" || kind === "name") {
        need(3, `fault ${kind} NODE ${kind === "disk" ? "DRIVE|MOUNTPOINT|DEVICE" : "COMPUTERNAME"}`);
        if (kind === "disk") lab.cluster.failDisk(lab.node(a).name, b);
        else lab.cluster.failName(lab.node(a).name, b);
        lab.cluster.tick();
        return { ok: true, output: kind === "disk" ? `${b} cannot be reached from ${a} until fault clear\n` : `${b} no longer answers from ${a} until fault clear\n` };
      }
      if (kind === "latency") lab.faults.latencyMs = Number(a);
      else if (kind === "drop") lab.faults.dropAt[lab.node(a).name] = Number(b ?? 1);
      else if (kind === "fail") lab.faults.failCommands[a] = Number(b ?? 1);
      else if (kind === "hang") lab.faults.hangCommands[a] = Number(b ?? 1);
      else if (kind === "clear") {
        Object.assign(lab.faults, { latencyMs: 0, dropAt: {}, failCommands: {}, hangCommands: {} });
        lab.cluster.clearFaults();
      }
      else if (kind === "monitor" || kind === "unreachable" || kind === "nic") return clusterFault(lab, kind, args.slice(1));
      else throw new SimError("invalid", `unknown fault ${kind}`);
      return { ok: true, output: `faults: ${JSON.stringify(lab.faults)}\n`, data: lab.faults };
    }
    case "load": {
      // The CLI sends the file's bytes (base64), the name it was given, and optionally the node to push from.
      need(2, "load [NODE] FILE");
      const report = loadConf(lab, Buffer.from(args[0], "base64"), args[1], args[2]);
      return { ok: true, output: describeLoad(report, args[1]), data: report };
    }
    case "resolve": {
      need(1, "resolve COMPUTERNAME");
      const r = lab.cluster.resolveName(args[0]);
      if (!r) return { ok: false, output: `${args[0]}: no answer (no online virtual computer name of that name)\n` };
      return { ok: true, output: `${args[0]}: ${r.address} (from ${r.server}, vcom ${r.resource})\n`, data: r };
    }
    case "shared-disk": {
      need(1, "shared-disk VOLUME [DEVICE] [NODE,NODE…]");
      const [volume, device, nodes] = args[1]?.startsWith("/dev/") ? [args[0], args[1], args[2]] : [args[0], undefined, args[1]];
      lab.addSharedDisk({ volume, ...(device ? { device } : {}), ...(nodes ? { nodes: nodes.split(",") } : {}) });
      return { ok: true, output: `${volume} is one disk attached to ${nodes ?? "every node"}\n` };
    }
    case "reset":
      await lab.reset();
      return { ok: true, output: "the lab is as freshly installed (no cluster configuration)\n" };
    case "info":
      return { ok: true, output: `${JSON.stringify(lab.info(), null, 2)}\n`, data: lab.info() };
    default:
      throw new SimError("invalid", `unknown command ${command}`);
  }
}

/**
 * Faults the cluster's monitors see (the next monitoring round reacts): `monitor NAME NODE [off]` (a genw's script
 * exits non-zero there, a volmgrw's volume group is gone), `unreachable IP [NODE] [off]` (ipw and pingnp get no answer
 * from it, from every server or one), `nic NODE NIC down|up` (miiw sees the link).
 */
function clusterFault(lab: Lab, kind: string, a: string[]): ControlReply {
  const off = a[a.length - 1] === "off";
  const args = off ? a.slice(0, -1) : a;
  if (kind === "monitor") {
    if (args.length < 2) throw new SimError("invalid", "usage: clusterpro-lab fault monitor NAME NODE [off]");
    lab.cluster.setMonitorFault(args[0], lab.node(args[1]).name, !off);
    lab.tick();
    return { ok: true, output: `monitor ${args[0]} ${off ? "no longer fails" : "fails"} on ${args[1]}\n` };
  }
  if (kind === "unreachable") {
    if (args.length < 1) throw new SimError("invalid", "usage: clusterpro-lab fault unreachable IP [NODE] [off]");
    lab.cluster.setUnreachable(args[0], !off, args[1] ? lab.node(args[1]).name : undefined);
    lab.tick();
    return { ok: true, output: `${args[0]} ${off ? "answers again" : "does not answer"}${args[1] ? ` from ${args[1]}` : ""}\n` };
  }
  if (args.length < 3 || !["down", "up"].includes(args[2])) throw new SimError("invalid", "usage: clusterpro-lab fault nic NODE NIC down|up");
  const node = lab.node(args[0]);
  if (!node.nics.has(args[1])) throw new SimError("not-found", `${args[0]} has no network interface ${args[1]} (it has: ${[...node.nics.keys()].join(", ")})`);
  node.nics.set(args[1], args[2] === "up");
  lab.tick();
  return { ok: true, output: `${args[0]}: link of ${args[1]} is ${args[2]}\n` };
}

/** Serves the control channel; `onStop` is called after a "stop" request has been answered. */
export async function serveControl(lab: Lab, onStop: () => void): Promise<ControlInfo> {
  const token = randomBytes(24).toString("hex");
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const given = ENCODED(String(req.headers["x-lab-token"] ?? ""));
      if (given.length !== ENCODED(token).length || !timingSafeEqual(given, ENCODED(token))) {
        res.writeHead(403).end();
        return;
      }
      let body: { command: string; args: string[] };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const reply = (r: ControlReply) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(r));
      };
      if (body.command === "stop") {
        reply({ ok: true, output: "lab stopped (state saved)\n" });
        server.close();
        onStop();
        return;
      }
      runControl(lab, body.command, body.args ?? []).then(reply, (e: unknown) => reply({ ok: false, output: `${e instanceof Error ? e.message : String(e)}\n` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const info: ControlInfo = { pid: process.pid, port: (server.address() as AddressInfo).port, token };
  const file = path.join(lab.dir, "control.json");
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(info), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  return info;
}

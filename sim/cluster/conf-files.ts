// The configuration's files on the nodes: the pushed clp.conf copy under <install>/etc and the scripts/ tree that
// clpcfctrl --push installs and --pull exports. Apart from the push gate, which decides; this only writes.

import type { SimNodeApi } from "../node/types";
import type { SimCore } from "./core";

/** Gives a server its copy of the configuration (and, by default, writes it to <install>/etc/clp.conf). */
export function deliver(c: SimCore, server: string, bytes: Buffer): void {
  c.confCopies.set(server.toLowerCase(), Buffer.from(bytes));
  if (!c.writeConfToNodeFs) return;
  const node = c.node(server);
  if (!node) return;
  const path = c.confPath(node);
  const sep = node.os === "windows" ? "\\" : "/";
  try {
    const dir = path.slice(0, path.lastIndexOf(sep));
    if (!node.fs.exists(dir)) node.fs.mkdir(dir);
    node.fs.writeFile(path, Buffer.from(bytes));
  } catch {
    // Best effort: the authoritative copy is the cluster's (conf(node)).
  }
}

/** Copies a configuration folder's scripts/ tree (on `from`) into `server`'s install folder, replacing its scripts. */
export function installScripts(c: SimCore, server: string, from: SimNodeApi, scripts: string): void {
  const to = c.node(server);
  if (!to || !c.isUp(server)) return;
  const target = to.os === "windows" ? `${c.installDirOf(to)}\\scripts` : `${c.installDirOf(to)}/scripts`;
  if (to.fs.exists(target)) to.fs.remove(target, true);
  copyTree(from, scripts, to, target);
}

/** Writes `node`'s installed scripts/ tree into a pulled configuration folder (as clpcfctrl --pull does). */
export function exportScripts(c: SimCore, node: SimNodeApi, scripts: string): void {
  const source = node.os === "windows" ? `${c.installDirOf(node)}\\scripts` : `${c.installDirOf(node)}/scripts`;
  if (node.fs.exists(scripts)) node.fs.remove(scripts, true);
  if (node.fs.exists(source)) copyTree(node, source, node, scripts);
}

/** Copies a folder tree between (possibly different) simulated nodes. */
function copyTree(from: SimNodeApi, source: string, to: SimNodeApi, target: string): void {
  const sep = (n: SimNodeApi) => (n.os === "windows" ? "\\" : "/");
  if (!from.fs.isDirectory(source)) {
    to.fs.writeFile(target, from.fs.readFile(source));
    return;
  }
  to.fs.mkdir(target);
  for (const name of from.fs.list(source)) copyTree(from, `${source}${sep(from)}${name}`, to, `${target}${sep(to)}${name}`);
}

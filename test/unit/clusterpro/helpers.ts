// Shared helpers for the clp.conf tests: the nine real files (shared fixtures: a test that reads them
// calls skipWithoutSharedFixtures first, so a clone without them skips it) and small synthetic documents.
import * as fs from "node:fs";
import * as path from "node:path";
import { clpconfFixturesDir } from "../../support/paths";
export { skipWithoutSharedFixtures } from "../../support/paths";
import { ClpDocument, parseClpConf } from "../../../provider/clusterpro/document";

/** The real files' names; empty when the shared fixtures are missing. */
export const FIXTURE_NAMES: string[] = clpconfFixturesDir ? fs.readdirSync(clpconfFixturesDir).filter((f) => f.endsWith(".conf")).sort() : [];

export const PREVIOUS = "EXPRESSCLUSTER_clpcfdiff__conf_01_previous_clp.conf";
export const CURRENT = "EXPRESSCLUSTER_clpcfdiff__conf_02_current_clp.conf";
export const BASIC_WINDOWS = "EXPRESSCLUSTER_BasicCluster__X41_Win_conf_2nodesMirror_clp.conf";
export const NEOFACE = "EXPRESSCLUSTER_NeoFace__config_NeoFace-Watch_clp.conf";
export const TEMPLATE = "EXPRESSCLUSTER_CreateClusterOnLinux__template_scripts_clpcreate_v2_clp.conf";
export const DLL_SJIS_TABS = "EXPRESSCLUSTER_CreateCluster__work_conf_dll_clp.conf";
export const LINUX_DISK = "EXPRESSCLUSTER_CreateClusterOnLinux__src_clp__502a973_linux_disk_volmgr.conf";

export function fixturePath(name: string): string {
  if (!clpconfFixturesDir) throw new Error(`${name}: the shared fixtures are missing (call skipWithoutSharedFixtures first)`);
  return path.join(clpconfFixturesDir, name);
}

export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(fixturePath(name));
}

export function fixture(name: string): ClpDocument {
  return parseClpConf(fixtureBytes(name));
}

/** Lines present in `after` but not in `before` (multiset), for "only these lines changed" assertions. */
export function addedLines(before: string, after: string): string[] {
  const pool = new Map<string, number>();
  for (const l of before.split("\n")) pool.set(l, (pool.get(l) ?? 0) + 1);
  const out: string[] = [];
  for (const l of after.split("\n")) {
    const n = pool.get(l) ?? 0;
    if (n > 0) pool.set(l, n - 1);
    else out.push(l);
  }
  return out;
}

export function removedLines(before: string, after: string): string[] {
  return addedLines(after, before);
}

/** A built (desired) object as clp.conf holds it after it is created: with its empty comment, without the desired-only markers. */
export function asCreated<T extends { createOnly?: string[]; comment?: string }>(o: T): Omit<T, "createOnly"> {
  const { createOnly: _createOnly, onlyIfPresent: _onlyIfPresent, named: _named, newConfigurationOnly: _new, ...rest } = o as T & { onlyIfPresent?: unknown; named?: unknown; newConfigurationOnly?: unknown };
  return { comment: "", ...rest } as Omit<T, "createOnly">;
}

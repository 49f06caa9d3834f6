// Windows disk resources name each server's volume by GUID (md: volumeguid + cpvolumeguid; sd: volumeguid). The
// provider reads them from the nodes (session.volumes, one volume.list per server and session) instead of asking
// the program for them; this is the one implementation MirrorDisk and SharedDisk share, as their `resolve` hook.
import type { z } from "zod";
import { readModel, startupServersInOrder, type Resource } from "../clusterpro";
import type { ClusterSession } from "../engine/session";
import type { CheckFailure } from "./check-failures";

export interface VolumeField {
  /** The program's field holding the drive letter ("dataPartition", "drive"). */
  field: string;
  /** The key of the GUID in a `volumes` entry ("volumeGuid", "cpVolumeGuid"). */
  key: string;
  /** The clp.conf element, for messages ("volumemountpoint"). */
  element: string;
}

export interface VolumeResolveSpec {
  /** The kind, for messages ("MirrorDisk", "SharedDisk"). */
  kind: string;
  /** The resource type in clp.conf ("md", "sd"): servers the file has a block for keep their place. */
  type: string;
  schema: z.ZodType<Record<string, unknown>>;
  fields: readonly VolumeField[];
}

/**
 * The servers a Windows disk resource needs volume GUIDs for: those its group may run on. The program's group (the
 * bootstrap a child carries) says so; else the group as clp.conf has it; absent a list, every server of the cluster.
 */
async function groupServers(i: Record<string, unknown>, session: ClusterSession): Promise<string[]> {
  const all = i.servers as string[];
  const declared = (i.bootstrap as { group?: { name?: unknown; startupServers?: unknown } } | undefined)?.group;
  if (declared && declared.name === i.group) return Array.isArray(declared.startupServers) ? declared.startupServers.map(String) : all;
  const { doc, configured } = await session.document().catch(() => ({ doc: undefined, configured: false }));
  const group = configured && doc ? readModel(doc).groups.find((g) => g.name === i.group) : undefined;
  if (group?.startupServers?.length) return startupServersInOrder(group) ?? all;
  return all;
}

/** The resource's server blocks as clp.conf has them (none when the resource is new). */
async function fileVolumes(session: ClusterSession, type: string, name: string): Promise<{ server: string }[]> {
  const { doc, configured } = await session.document().catch(() => ({ doc: undefined, configured: false }));
  const r = configured && doc ? readModel(doc).resources.find((x) => x.type === type && x.name === name) : undefined;
  return ((r as (Resource & { volumes?: { server: string }[] }) | undefined)?.volumes) ?? [];
}

/** Servers the file already has a block for keep their place (no reordering of an adopted resource), new ones follow. */
function inFileOrder<T extends { server: string }>(volumes: T[], file: { server: string }[]): T[] {
  const at = (s: string) => {
    const n = file.findIndex((f) => f.server === s);
    return n < 0 ? file.length : n;
  };
  return volumes.map((v, n) => ({ v, n })).sort((a, b) => at(a.v.server) - at(b.v.server) || a.n - b.n).map((x) => x.v);
}

/**
 * A Windows disk resource's `volumes`: for each server its group may run on, the GUID of the volume with each
 * field's letter, as the node lists them (volume.list). A letter a server does not have is a failure naming the
 * program's field; a server that cannot be read keeps the state's `volumes` at check (no change is shown;
 * create/update read again) and fails the apply. Linux resources drop `volumes`.
 */
export async function resolveVolumeGuids(
  spec: VolumeResolveSpec,
  inputs: Record<string, unknown>,
  session: ClusterSession,
  mode: "check" | "apply",
  olds?: Record<string, unknown>,
): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }> {
  const parsed = spec.schema.safeParse(inputs);
  const { volumes: _old, ...rest } = inputs;
  if (!parsed.success) return { inputs, failures: [] }; // values still unknown at preview: nothing to read yet
  const i = parsed.data;
  if (i.serverOs !== "windows") return { inputs: rest, failures: [] };
  const reads = await session.volumes(await groupServers(i, session));
  const failures: CheckFailure[] = [];
  const volumes: Record<string, string>[] = [];
  const label = `${spec.kind} "${String(i.name)}"`;
  for (const r of reads) {
    if ("error" in r) {
      if (mode === "apply") failures.push({ property: spec.fields[0].field, reason: `${label}: the volumes of server ${r.server} could not be read (${r.error})` });
      continue;
    }
    const entry: Record<string, string> = { server: r.server };
    for (const f of spec.fields) {
      const value = String(i[f.field]);
      const letter = value[0].toUpperCase();
      const found = r.volumes.find((v) => v.letter === letter);
      if (!found) {
        const has = r.volumes.map((v) => `${v.letter}:`).join(", ") || "none";
        failures.push({ property: f.field, reason: `${label}: server ${r.server} has no volume ${letter}: (${f.field} ${value}, clp.conf ${f.element}); its lettered volumes: ${has}` });
      } else entry[f.key] = found.guid;
    }
    if (spec.fields.every((f) => entry[f.key] !== undefined)) volumes.push(entry);
  }
  if (failures.length > 0) return { inputs: rest, failures };
  // A server could not be read (check): the state's GUIDs stand for now (no change shown); the apply reads again.
  if (volumes.length < reads.length) return { inputs: olds?.volumes !== undefined ? { ...rest, volumes: olds.volumes } : rest, failures: [] };
  return { inputs: { ...rest, volumes: inFileOrder(volumes as { server: string }[], await fileVolumes(session, spec.type, String(i.name))) }, failures: [] };
}

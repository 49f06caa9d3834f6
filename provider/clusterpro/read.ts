// clp.conf → the typed model. Reads every object (known and unknown types) so that counts,
// invariants and diffs see the whole cluster; unknown details stay in the document.
import {
  CLUSTER_FIELDS, objectsIn, readFields, readGroup, readHeartbeat, readMonitor, readNetworkPartition, readResource, readServer,
} from "./codec";
import { ClpDocument, getValue } from "./document";
import { Cluster, ClusterConfig } from "./model";
import { attribute, childElements } from "./xml-lossless";

/** `type@name` of each resource → the group that lists it (first one wins; duplicates are an invariant violation). */
export function membershipOf(doc: ClpDocument): Map<string, string> {
  const owner = new Map<string, string>();
  for (const g of childElements(doc.root, "group")) {
    for (const entry of childElements(g, "resource")) {
      const ref = attribute(entry, "name");
      if (ref !== undefined && !owner.has(ref)) owner.set(ref, attribute(g, "name") ?? "");
    }
  }
  return owner;
}

export function readModel(doc: ClpDocument): ClusterConfig {
  const root = doc.root;
  const owner = membershipOf(doc);
  const objectNumber = getValue(doc, "webmgr/client/objectnumber");
  const config: ClusterConfig = {
    cluster: readFields(root, CLUSTER_FIELDS, { name: "" }) as Cluster,
    servers: childElements(root, "server").map(readServer),
    heartbeats: objectsIn(root, "heartbeat").map(readHeartbeat),
    networkPartitions: objectsIn(root, "networkpartition").map(readNetworkPartition),
    groups: childElements(root, "group").map(readGroup),
    resources: objectsIn(root, "resource").map((el) => readResource(el, owner.get(`${el.name}@${attribute(el, "name") ?? ""}`) ?? "")),
    monitors: objectsIn(root, "monitor").map(readMonitor),
  };
  if (objectNumber !== undefined && objectNumber.trim() !== "") config.objectNumber = Number(objectNumber.trim());
  return config;
}

// Public surface of the clp.conf model: lossless parse/serialize, typed read, minimal patches,
// invariants, semantic diff with apply methods, and builders.
export { ClpDocument, findElement, getValue, insertElement, parseClpConf, removeElement, serializeClpConf, setValue } from "./document";
export * from "./model";
export { createClpConf } from "./create";
export type { NewClusterOptions } from "./create";
export { readModel } from "./read";
export {
  applyModel, assertValid, ClpConfError, monitorRemoval, removeGroup, removeHeartbeat, removeMonitor, removeNetworkPartition,
  removeResource, removeServer, setCluster, setGroup, setHeartbeat, setMonitor, setNetworkPartition, setResource, setServer,
  updateObjectNumber,
} from "./patch";
export type { DesiredConfig } from "./patch";
export type { Violation } from "./invariants";
export { checkInvariants, DEVICE_ID_RANGES, NAME_LENGTH_WARNING } from "./invariants";
export { computeObjectNumber } from "./objectnumber";
export type { Change } from "./diff";
export { diffConfigs, flattenDocument, flattenModel, groupsToRestart } from "./diff";
export type { ApplyRule, ChangeFacts } from "./apply-method";
export { APPLY_RULES, classifyChange, compareApplyMethods, withinPolicy, worstApplyMethod } from "./apply-method";
export * from "./builders";
export * from "./storage-builders";

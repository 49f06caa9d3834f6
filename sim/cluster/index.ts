// The simulated CLUSTERPRO X behaviour of a cluster (pure in-memory model over SimNodeApi nodes).
import type { SimNodeApi } from "../node/types";

export { ClusterSim } from "./cluster-sim";
export { ClusterOpError } from "./errors";
export type { ClusterSimOptions, ClusterSnapshot, ClusterStats, ClusterEvent, PushOptions, PushResult, ResourceState, MirrorState } from "./cluster-sim";
export { execClp, commandName, isClpCommand, CLP_COMMANDS } from "./commands";
export type { ExecContext, ExecResult, ClusterOps } from "./commands";
export { renderClpstat, renderGroupMap, renderMdList, renderMdMirror, statusLine } from "./render";
export type { ClusterStatus, ClusterState, ServerStatus, GroupStatus, ResourceStatus, MonitorStatus, MirrorStatus } from "./render";
export { APPLY_RULES, diffTrees, classify } from "./apply-rules";
export type { ApplyLevel, ApplyRule, ConfChange } from "./apply-rules";
export { readConf, parseConfTree, decodeConf, declaredEncoding, ConfError } from "./conf";
export type { ClusterConf, GroupConf, ResourceConf, MonitorConf, ServerConf } from "./conf";

export type { SimNodeApi };

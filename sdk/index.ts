// pulumi-clusterpro: the public API.
export { Node, type NodeArgs, type ConnectionArgs, type WinRmConnectionArgs, type SshConnectionArgs } from "./node";
export { Cluster, type ClusterArgs, type InterconnectArgs } from "./cluster";
export {
  FailoverGroup, type FailoverGroupArgs, type GroupResourceArgs, type ServiceResourceArgs, type ApplicationResourceArgs, type ScriptResourceArgs, type RegistrySyncResourceArgs,
} from "./failover-group";
export { FloatingIp, type FloatingIpArgs } from "./floating-ip";
export { MirrorDisk, type MirrorDiskArgs } from "./mirror-disk";
export { SharedDisk, type SharedDiskArgs, type HbaFilterArgs } from "./shared-disk";
export { VirtualComputerName, type VirtualComputerNameArgs } from "./virtual-computer-name";
export { CustomMonitor, IpMonitor, NicLinkMonitor, type CustomMonitorArgs, type IpMonitorArgs, type NicLinkMonitorArgs, type MonitorArgsBase } from "./monitors";
export { VolumeManager, type VolumeManagerArgs } from "./volume-manager";
export { ProductInstall, type ProductInstallArgs } from "./product-install";
export { Probe, type ProbeArgs } from "./probe";
export { InvalidArgsError } from "./validate";
export type { ApplyMethodName, MaxDisruptionName } from "./schemas/common";
export type { MonitorTuning } from "./schemas/cluster";

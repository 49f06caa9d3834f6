// NicLinkMonitor (miiw): a monitor resource of its own (standalone-monitor.ts).
import { standaloneMonitorProvider } from "./standalone-monitor";

const provider = standaloneMonitorProvider("miiw");

export const { check, diff, create, read, update } = provider;
export const { delete: remove } = provider;
export { remove as delete };

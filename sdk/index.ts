// pulumi-clusterpro: the public API.
export { Probe, type ProbeArgs } from "./probe";
export { InvalidArgsError } from "./validate";

// Public surface of the WinRM transport. See provider/remote/README.md ("WinRM").
export { WinRmClient, decodeOutput, isInertPowerShellArgv } from "./client";
export type { WinRmClientOptions, RunOptions } from "./client";
export type { WinRmAuth, WinRmTlsOptions } from "./transport";
export {
  buildLauncherScript,
  buildPutFileScript,
  buildGetFileScript,
  encodePowerShell,
  decodePowerShell,
  parseWindowsCommandLine,
  powerShellCommand,
  quoteWindowsArg,
  recogniseScript,
} from "./launcher";
export type { RecognisedScript } from "./launcher";

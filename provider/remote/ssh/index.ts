export { SshHost, createSshHost, sftpPath, type SshHostOptions } from "./transport";
export { sshFingerprint, normaliseFingerprint, FINGERPRINT_PATTERN } from "./fingerprint";
export {
  posixQuote,
  posixCommandLine,
  windowsCommandLine,
  isInertPowerShellArgv,
  WINDOWS_COMMAND_LINE_LIMIT,
  CommandLineError,
} from "./command-line";

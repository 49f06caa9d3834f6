// A failed cluster operation: the message is what the command prints on stderr, exitCode what it returns.
export class ClusterOpError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = "ClusterOpError";
  }
}

import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "./lazy-provider";
import { ProbeInputsSchema } from "./probe-schema";
import { validateArgs } from "./validate";

const provider = lazyProvider("probe");

export interface ProbeArgs {
  /** Absolute path of the file the Probe manages. Changing it replaces the Probe. */
  path: pulumi.Input<string>;
  /** The file's content (UTF-8). */
  content: pulumi.Input<string>;
  /** An optional secret, to prove secrets stay encrypted; never written anywhere but state. */
  token?: pulumi.Input<string>;
}

/** A minimal resource that manages one local file: the foundation's proof of the provider pattern. */
export class Probe extends pulumi.dynamic.Resource {
  declare readonly path: pulumi.Output<string>;
  declare readonly content: pulumi.Output<string>;
  /** SHA-256 of the content, hex. */
  declare readonly sha256: pulumi.Output<string>;
  declare readonly bytes: pulumi.Output<number>;
  /** Which implementation version last wrote this resource. */
  declare readonly implementation: pulumi.Output<string>;

  constructor(name: string, args: ProbeArgs, opts?: pulumi.CustomResourceOptions) {
    validateArgs(ProbeInputsSchema, { ...args }, "Probe", name);
    super(provider, name, { sha256: undefined, bytes: undefined, implementation: undefined, ...args }, opts, "clusterpro", "Probe");
  }
}

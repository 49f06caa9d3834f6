// The Probe: the smallest resource written the way every resource of this package is written
// (lazy-required implementation, zod-checked inputs, diff that ignores the serialized provider,
// read for drift). It manages one local file; tests and the foundation demo use it to prove the
// provider pattern against the real Pulumi engine.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { ProbeInputsSchema, type ProbeInputs } from "../../sdk/probe-schema";
import { checkInputs } from "./check-failures";

/** Bumped when the implementation changes; shows which code ran create/update/read/delete. */
export const IMPLEMENTATION_VERSION = "probe/1";

export interface ProbeOutputs extends ProbeInputs {
  sha256: string;
  bytes: number;
  implementation: string;
}

function describe(inputs: ProbeInputs, content: string): ProbeOutputs {
  return {
    ...inputs,
    content,
    sha256: crypto.createHash("sha256").update(content, "utf8").digest("hex"),
    bytes: Buffer.byteLength(content, "utf8"),
    implementation: IMPLEMENTATION_VERSION,
  };
}

function write(inputs: ProbeInputs): void {
  fs.mkdirSync(path.dirname(inputs.path), { recursive: true });
  const tmp = `${inputs.path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, inputs.content, "utf8");
  fs.renameSync(tmp, inputs.path); // atomic: a failed write leaves the old file
}

function inputsOf(props: Record<string, unknown>): ProbeInputs {
  return ProbeInputsSchema.parse({ path: props.path, content: props.content, token: props.token });
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(ProbeInputsSchema, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const changed = (["path", "content", "token"] as const).filter((k) => olds[k] !== news[k]);
  return { changes: changed.length > 0, replaces: changed.includes("path") ? ["path"] : [], deleteBeforeReplace: false };
}

export async function create(props: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  const inputs = inputsOf(props);
  write(inputs);
  return { id: inputs.path, outs: describe(inputs, inputs.content) };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  if (!fs.existsSync(id)) return {}; // gone: the engine drops it from state
  const inputs = inputsOf(props);
  const actual = describe(inputs, fs.readFileSync(id, "utf8"));
  return { id, props: actual, inputs: { path: actual.path, content: actual.content, ...(actual.token === undefined ? {} : { token: actual.token }) } };
}

export async function update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = inputsOf(news);
  write(inputs);
  return { outs: describe(inputs, inputs.content) };
}

export async function remove(id: string): Promise<void> {
  fs.rmSync(id, { force: true });
}
export { remove as delete };

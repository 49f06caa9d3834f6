// Node: a server of a cluster and how to reach it. Creating it connects, reads the node's facts in
// one agent round trip and checks that it is the host it claims to be with CLUSTERPRO installed;
// deleting it changes nothing on the node.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { runAgent } from "../remote/host";
import { hostFor } from "../engine/connections";
import { NodeArgsSchema } from "../../sdk/schemas/connection";
import { checkInputs } from "./check-failures";
import { diffProperties } from "./cluster-object";

/** The SDK's Node schema, without its strictness: the state also holds the node's facts (os, osName, …). */
const InputsSchema = z.object(NodeArgsSchema.shape);

async function facts(props: Record<string, unknown>) {
  const i = InputsSchema.parse(props);
  const [r] = await runAgent(hostFor({ name: i.hostname, connection: i.connection }), [{ op: "facts" }]);
  if (!r.ok || r.op !== "facts") throw new Error(`Node "${i.hostname}": could not read its facts: ${r.ok ? "unexpected answer" : r.error.message}`);
  const f = r.value;
  if (f.hostname.toLowerCase() !== i.hostname) {
    throw new Error(`Node "${i.hostname}": the host at ${i.connection.host} says its name is ${f.hostname}; CLUSTERPRO names servers by their host name in lower case`);
  }
  if (!f.clusterpro.installed) throw new Error(`Node "${i.hostname}": CLUSTERPRO is not installed on ${i.connection.host}`);
  return { os: f.os.family, osName: f.os.name, clusterproVersion: f.clusterpro.version ?? "", clusterproInstallPath: f.clusterpro.installPath ?? "" };
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(InputsSchema, news);
}

export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  return diffProperties(olds, news, ["hostname", "connection"], ["hostname"]);
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  return { id: String(inputs.hostname), outs: { ...inputs, ...(await facts(inputs)) } };
}

export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
  return { id, props: { ...props, ...(await facts(props)) } };
}

export async function update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  return { outs: { ...news, ...(await facts(news)) } };
}

export async function remove(): Promise<void> {
  return undefined;
}
export { remove as delete };

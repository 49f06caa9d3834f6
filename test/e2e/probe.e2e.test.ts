// The provider pattern, end to end with the real Pulumi engine (v3.248.0 built from Go modules):
// preview → up → up --expect-no-changes → change one input → preview shows exactly that property
// → up → drift + refresh → destroy. Also measures the serialized provider kept in state and
// proves that a secret input appears nowhere in plain text.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiProject } from "../support/pulumi-project";

const PROJECT = "probe-e2e";
const STACK = "dev";
const SECRET = "S3cret-Probe-Token-7f3a9c";

const program = `
import * as pulumi from "@pulumi/pulumi";
import { Probe } from "pulumi-clusterpro";
const cfg = new pulumi.Config();
const probe = new Probe("probe", { path: cfg.require("path"), content: cfg.require("content"), token: cfg.requireSecret("token") });
export const sha256 = probe.sha256;
export const bytes = probe.bytes;
export const implementation = probe.implementation;
`;

/** Property lines of the `--diff` display for one resource: "~ content", "+ x", "- y". */
function changedProperties(diffText: string): string[] {
  return diffText
    .split("\n")
    .map((l) => /^\s{6}([~+-]) ([A-Za-z_][\w]*)\s*:/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
}

describe("e2e: the Probe through the real Pulumi engine", function () {
  this.timeout(600_000);
  let project: PulumiProject;
  let file: string;

  before(async () => {
    project = PulumiProject.create(PROJECT, program);
    file = path.join(project.root, "managed", "probe.txt");
    await project.run(["stack", "init", STACK]);
    await project.run(["config", "set", "path", file]);
    await project.run(["config", "set", "content", "first"]);
    await project.setSecret("token", SECRET);
  });
  after(() => project?.dispose());

  it("prints v3.248.0 as the engine version", async () => {
    const r = await project.run(["version"]);
    assert.equal(r.stdout.trim(), "v3.248.0");
  });

  it("previews one create and changes nothing", async () => {
    const r = await project.run(["preview", "--json"]);
    const steps = JSON.parse(r.stdout).steps as { op: string; urn: string }[];
    const probeSteps = steps.filter((s) => s.urn.endsWith("::probe"));
    assert.deepEqual(probeSteps.map((s) => s.op), ["create"]);
    assert.equal(fs.existsSync(file), false, "preview must not create the file");
  });

  it("creates the resource on up, with its outputs", async () => {
    await project.run(["up"]);
    assert.equal(fs.readFileSync(file, "utf8"), "first");
    const outputs = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.bytes, 5);
    assert.equal(outputs.sha256, "a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e");
    assert.equal(outputs.implementation, "probe/1");
  });

  it("keeps the serialized provider small and free of implementation code", () => {
    const probe = project.checkpoint(PROJECT, STACK).resources.find((r) => r.urn.endsWith("::probe"));
    assert.ok(probe, "the probe is in state");
    const serialized = String(probe.inputs.__provider);
    console.log(`      serialized provider in state: ${serialized.length} characters`);
    assert.ok(serialized.includes('require(implementation)'), "methods lazily require the implementation");
    assert.ok(serialized.includes("pulumi-clusterpro/dist/provider/resources/probe"), "by package name");
    assert.ok(!serialized.includes("writeFileSync"), "no implementation code is captured");
    assert.ok(serialized.length < 4096, `serialized provider is ${serialized.length} characters`);
    const token = probe.inputs.token as Record<string, unknown>;
    assert.equal(typeof token.ciphertext, "string", "the secret input is stored encrypted");
    assert.equal(typeof (probe.outputs.token as Record<string, unknown>).ciphertext, "string", "and so is its output");
  });

  it("reports no changes on a second up", async () => {
    const r = await project.run(["up", "--expect-no-changes"]);
    assert.match(r.stdout, /2 unchanged/);
  });

  it("shows exactly the changed property in preview, then applies it", async () => {
    await project.run(["config", "set", "content", "second"]);
    const diff = await project.run(["preview", "--diff"]);
    assert.deepEqual(changedProperties(diff.stdout), ["~ content"]);
    const json = JSON.parse((await project.run(["preview", "--json"])).stdout);
    const step = json.steps.find((s: { urn: string }) => s.urn.endsWith("::probe"));
    assert.equal(step.op, "update");
    const changed = Object.keys({ ...step.oldState.inputs, ...step.newState.inputs }).filter(
      (k) => k !== "__provider" && JSON.stringify(step.oldState.inputs[k]) !== JSON.stringify(step.newState.inputs[k]),
    );
    assert.deepEqual(changed, ["content"]);
    await project.run(["up"]);
    assert.equal(fs.readFileSync(file, "utf8"), "second");
  });

  it("shows drift after refresh", async () => {
    fs.writeFileSync(file, "changed behind the provider's back");
    await project.run(["refresh"]);
    const probe = project.checkpoint(PROJECT, STACK).resources.find((r) => r.urn.endsWith("::probe"));
    assert.equal(probe?.outputs.content, "changed behind the provider's back");
    const diff = await project.run(["preview", "--diff"]);
    assert.deepEqual(changedProperties(diff.stdout), ["~ content"]);
  });

  it("destroys what it created", async () => {
    await project.run(["destroy"]);
    assert.equal(fs.existsSync(file), false);
    assert.equal(project.checkpoint(PROJECT, STACK).resources?.length ?? 0, 0);
  });

  it("never writes the secret input in plain text (state, history, logs, output)", () => {
    const hits = project.allWrittenFiles().filter((f) => fs.readFileSync(f).includes(SECRET));
    assert.deepEqual(hits, []);
    assert.equal(project.transcript.filter((t) => t.includes(SECRET)).length, 0);
    assert.ok(project.transcript.length >= 10, "the transcript covers every command");
  });
});

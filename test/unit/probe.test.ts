import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { InvalidArgsError, Probe } from "../../sdk";
import * as probe from "../../provider/resources/probe";
import { UNKNOWN_VALUE } from "../../provider/resources/check-failures";

describe("Probe arguments", () => {
  it("fails at construction with the field path and the reason", () => {
    assert.throws(
      () => new Probe("p", { path: "relative/file", content: "x" }),
      (e: unknown) => e instanceof InvalidArgsError && /path: must be an absolute path/.test(e.message) && e.message.includes('Probe "p"'),
    );
  });

  it("leaves values that are Outputs to the provider's check", async () => {
    const res = await probe.check({}, { path: "/tmp/x", content: 42 as unknown as string });
    assert.deepEqual(res.failures, [{ property: "content", reason: "Invalid input: expected string, received number" }]);
    const unknownAtPreview = await probe.check({}, { path: UNKNOWN_VALUE, content: "x" });
    assert.deepEqual(unknownAtPreview.failures, [], "an unknown value is judged when it is known");
    assert.ok(pulumi.Output.isInstance(pulumi.output("x")));
  });

  it("diffs only managed properties and replaces on a path change", async () => {
    const olds = { path: "/a", content: "1", __provider: "old code" };
    assert.deepEqual(await probe.diff("/a", olds, { path: "/a", content: "1", __provider: "new code" }), { changes: false, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual((await probe.diff("/a", olds, { path: "/b", content: "1" })).replaces, ["path"]);
  });
});

// The demo program. For now it proves the provider pattern with a Probe (one local file managed
// through the real Pulumi engine); it becomes the PrintPort cluster against the local lab once the
// lab and the cluster resources land.
import * as pulumi from "@pulumi/pulumi";
import { Probe } from "pulumi-clusterpro";

const cfg = new pulumi.Config();
const probe = new Probe("demo-probe", {
  path: cfg.require("path"),
  content: cfg.get("content") ?? "managed by pulumi-clusterpro\n",
  token: cfg.getSecret("token"),
});

export const file = probe.path;
export const sha256 = probe.sha256;
export const bytes = probe.bytes;

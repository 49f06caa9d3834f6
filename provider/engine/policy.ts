// The disruption policy: whether a configuration change may be applied under the stack's
// `maxDisruption`. ONE pure function, used by preview (each resource's check, so `pulumi preview`
// fails before anything changes) and by the commit at `pulumi up` (the whole batch).
import { compareApplyMethods, type ApplyMethod, type Change } from "../clusterpro";
// The methods a stack may allow ("reboot" is not one of them: the provider never reboots servers).
import { MAX_DISRUPTIONS } from "../../sdk/schemas/common";

/** What the policy judges: the apply method of a change set and its changes (a CommitOutcome). */
export interface PolicyInput {
  applyMethod: ApplyMethod | "initial" | "none";
  changes: readonly Pick<Change, "path" | "applyMethod">[];
}

export interface PolicyRefusal {
  /** "reboot": the change needs every server rebooted (never done by the provider); "maxDisruption": above the stack's limit. */
  kind: "reboot" | "maxDisruption";
  /** The apply method the change needs. */
  method: ApplyMethod;
  /** The clp.conf paths that need more than allowed (with their method). */
  paths: string[];
  /** One line, for check failures and errors: what, why, what to do. */
  message: string;
}


/** The steps a reboot-class change needs, done by hand (docs/apply-methods.md, docs/troubleshooting.md). */
export const REBOOT_STEPS =
  "stop the cluster and the mirror agent (clpcl -t -a; clpcl -t -a --md), push the configuration from the Cluster WebUI or with clpcfctrl --push, reboot every server, then run `pulumi refresh`";

/**
 * Refuses a change the policy does not allow; undefined when it may be applied. `maxDisruption` may
 * be the legacy "reboot" of states written by earlier versions: it allows what "cluster" allows.
 */
export function policyRefusal(outcome: PolicyInput, maxDisruption: string, clusterName: string): PolicyRefusal | undefined {
  const method = outcome.applyMethod;
  if (method === "none" || method === "initial") return undefined;
  if (method === "reboot") {
    const paths = outcome.changes.filter((c) => c.applyMethod === "reboot").map((c) => c.path);
    return {
      kind: "reboot",
      method,
      paths,
      message: `cluster ${clusterName}: these changes need every server rebooted, which this provider never does: ${paths.join(", ")}. Apply them by hand: ${REBOOT_STEPS}`,
    };
  }
  const limit: ApplyMethod = (MAX_DISRUPTIONS as readonly string[]).includes(maxDisruption) ? (maxDisruption as ApplyMethod) : "cluster";
  if (compareApplyMethods(method, limit) <= 0) return undefined;
  const paths = outcome.changes.filter((c) => compareApplyMethods(c.applyMethod, limit) > 0).map((c) => `${c.path} (${c.applyMethod})`);
  return {
    kind: "maxDisruption",
    method,
    paths,
    message: `cluster ${clusterName}: the change needs apply method "${method}", more disruptive than maxDisruption "${limit}": ${paths.join(", ")}. Raise the Cluster's maxDisruption to "${method}" for this change, or leave it out`,
  };
}

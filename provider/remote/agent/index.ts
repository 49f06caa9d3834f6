export * from "./protocol";
export { agentInvocation, POSIX_BOOTSTRAP, WINDOWS_BOOTSTRAP, type AgentInvocation } from "./invocation";
export { parseAgentOutput, AgentOutputError, toWireOp, wirePayload, posixPayloadLines, RESULT_BEGIN, RESULT_END, type ParseOptions, type WireOp, type WirePayload } from "./wire";
export { POSIX_AGENT_SCRIPT, WINDOWS_AGENT_SCRIPT } from "./scripts.generated";

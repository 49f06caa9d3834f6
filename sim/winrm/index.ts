export { WinRmServer } from "./server";
export type { WinRmServerOptions, WinRmServerStats } from "./server";
export type { CommandHandler, CommandInvocation, CommandResult, InvocationKind } from "./handler";
export { createDemoHandler, demoBytes, JAPANESE_SAMPLE } from "./demo-handler";
export type { DemoHandlerOptions } from "./demo-handler";
export { generateSelfSignedCertificate } from "./cert";
export type { SelfSignedCertificate } from "./cert";

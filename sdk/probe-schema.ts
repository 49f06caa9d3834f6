import * as path from "node:path";
import { z } from "zod";

/** The Probe's inputs, checked at construction and again by the provider. */
export const ProbeInputsSchema = z.strictObject({
  /** Absolute path of the file the Probe manages. Changing it replaces the Probe. */
  path: z.string().refine((p) => path.isAbsolute(p), "must be an absolute path"),
  /** The file's content (UTF-8). */
  content: z.string().max(1 << 20, "must be at most 1 MiB"),
  /** An optional secret: kept only in (encrypted) state, never written to the file. */
  token: z.string().optional(),
});
export type ProbeInputs = z.infer<typeof ProbeInputsSchema>;

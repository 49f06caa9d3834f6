// Where an argument's documentation lives. A schema's inferred type loses its fields' comments in the emitted
// declaration files (tsc prints the type anew), so each schema has an interface of doc comments beside it: its keys
// are the schema's (checked where the shape is written, `satisfies DocumentedShape<…>`), each `?: unknown`, so it adds
// the text users read and never a type. The SDK's argument types are `z.input<schema> & docs` (docs/architecture.md).
import type { z } from "zod";

/** A schema's shape must have exactly the fields its docs interface documents. */
export type DocumentedShape<D> = { [K in keyof D]-?: z.ZodType };

/** What a program writes for a schema: its input type (defaults optional), with the docs interface's comments. */
export type ArgsOf<S extends z.ZodType, D> = z.input<S> & D;

/** ArgsOf, with some fields' types replaced (the Cluster's servers are Nodes; nested arguments carry their own docs). */
export type ArgsReplacing<S extends z.ZodType, D, R> = Omit<z.input<S>, keyof R> & D & R;

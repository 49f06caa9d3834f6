// Where the repository and the team's shared folder are (shared/ sits beside the checkout, in CI too).
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const sharedDir = path.resolve(repoRoot, "..", "shared");
export const clpconfFixturesDir = path.join(sharedDir, "fixtures", "clpconf-real");

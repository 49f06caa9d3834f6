// Where the repository and the team's shared folder are (shared/ sits beside the checkout, in CI too),
// and the shared test fixtures: $CLUSTERPRO_FIXTURES (a folder laid out like shared/fixtures), else
// ../shared/fixtures. A plain clone has neither; the tests that read them then skip with one line.
import * as fs from "node:fs";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const sharedDir = path.resolve(repoRoot, "..", "shared");

/** The shared fixtures folder and where it came from, or why there is none. */
function locateFixtures(): { dir: string } | { missing: string } {
  const fromEnv = process.env.CLUSTERPRO_FIXTURES;
  if (fromEnv) {
    const dir = path.resolve(fromEnv);
    return fs.existsSync(path.join(dir, "clpconf-real")) ? { dir } : { missing: `CLUSTERPRO_FIXTURES=${fromEnv} has no clpconf-real/ folder` };
  }
  const dir = path.join(sharedDir, "fixtures");
  return fs.existsSync(path.join(dir, "clpconf-real"))
    ? { dir }
    : { missing: "no ../shared/fixtures/clpconf-real beside the checkout and CLUSTERPRO_FIXTURES is not set" };
}
const located = locateFixtures();

/** The nine real clp.conf files, or undefined when this checkout has no shared fixtures. */
export const clpconfFixturesDir: string | undefined = "dir" in located ? path.join(located.dir, "clpconf-real") : undefined;
/** Why the shared fixtures are missing (undefined when they are present). */
export const fixturesMissing: string | undefined = "missing" in located ? located.missing : undefined;

let skipReported = false;

/**
 * Skips the current test or suite (`this` of an `it`/`before`) when the shared fixtures are missing,
 * printing one "skipped: …" line for the whole run.
 */
export function skipWithoutSharedFixtures(ctx: Mocha.Context): void {
  if (!fixturesMissing) return;
  if (!skipReported) {
    skipReported = true;
    console.log(`skipped: the tests that read the real clp.conf files (${fixturesMissing}; set CLUSTERPRO_FIXTURES to a folder with clpconf-real/ to run them)`);
  }
  ctx.skip();
}

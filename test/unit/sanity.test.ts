import { strict as assert } from "node:assert";
import { z } from "zod";

describe("toolchain", () => {
  it("runs TypeScript tests with zod 4 error paths", () => {
    const r = z.object({ port: z.number().int().max(65535) }).safeParse({ port: 70000 });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues[0].path, ["port"]);
  });
});

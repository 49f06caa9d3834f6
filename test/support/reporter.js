// Mocha's spec reporter plus the plain closing line CI reads: "N passed, N failed" (and skipped).
"use strict";
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const line = `${s.passes || 0} passed, ${s.failures || 0} failed, ${s.pending || 0} skipped`;
      // Printed after the spec reporter's own epilogue.
      process.nextTick(() => console.log(`\nmocha: ${line}`));
    });
  }
}
module.exports = SpecWithSummary;

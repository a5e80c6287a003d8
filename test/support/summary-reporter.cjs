// Mocha reporter: the spec output, then one closing line `N passed, N failed` that CI reads.
// With CALLFLOW_TEST_SUMMARY set, the counts are also written there as JSON for scripts/test.mjs.
const Mocha = require('mocha');
const fs = require('node:fs');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const passed = this.stats.passes;
      const failed = this.stats.failures;
      const file = process.env.CALLFLOW_TEST_SUMMARY;
      if (file) fs.writeFileSync(file, JSON.stringify({ passed, failed, pending: this.stats.pending }));
      else process.stdout.write(`${passed} passed, ${failed} failed\n`);
    });
  }
}
module.exports = SummaryReporter;

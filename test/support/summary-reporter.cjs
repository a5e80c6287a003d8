// Mocha reporter: the spec output, then one closing line `N passed, N failed` that CI reads.
// With CALLFLOW_TEST_SUMMARY set, the counts are also written there as JSON for scripts/test.mjs.
// A test run again after a failure (the timing suite, .mocharc.timing.json: `retries: 1`) gets a line
// saying why: the first attempt's error. Only its last attempt counts.
const Mocha = require('mocha');
const fs = require('node:fs');

const { EVENT_TEST_RETRY, EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let retried = 0;
    runner.on(EVENT_TEST_RETRY, (test, err) => {
      retried++;
      const why = String((err && err.message) || err).split('\n')[0];
      process.stdout.write(
        `      ↻ retried once: "${test.fullTitle()}" failed with: ${why}\n` +
          "        (this suite depends on the machine's timing or GC: a busy machine can miss once)\n",
      );
    });
    runner.once(EVENT_RUN_END, () => {
      const passed = this.stats.passes;
      const failed = this.stats.failures;
      const file = process.env.CALLFLOW_TEST_SUMMARY;
      if (file)
        fs.writeFileSync(file, JSON.stringify({ passed, failed, pending: this.stats.pending, retried }));
      else {
        if (retried) process.stdout.write(`${retried} retried once\n`);
        process.stdout.write(`${passed} passed, ${failed} failed\n`);
      }
    });
  }
}
module.exports = SummaryReporter;

// @ts-check
// The spec reporter, plus one closing line per tier in the form CI reads:
// "unit: 12 passed, 0 failed". Used by plain mocha and inside the extension host.
'use strict';
const Mocha = require('mocha');

class TierReporter extends Mocha.reporters.Spec {
  /**
   * @param {Mocha.Runner} runner
   * @param {Mocha.MochaOptions} [options] `reporterOptions.tier` names the tier in the closing line
   */
  constructor(runner, options) {
    super(runner, options);
    const tier = (options && options.reporterOptions && options.reporterOptions.tier) || 'tests';
    runner.once('end', () => {
      const { passes = 0, failures = 0, pending = 0 } = this.stats;
      const skipped = pending ? `, ${pending} skipped` : '';
      console.log(`${tier}: ${passes} passed, ${failures} failed${skipped}`);
    });
  }
}
module.exports = TierReporter;

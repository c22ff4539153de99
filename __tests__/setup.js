/* global expect */
// Registers cdktf's Jest matchers (toHaveResource, toBeValidTerraform, ...). Lazily: cdktf is
// loaded on a matcher's first use, so the many suites that never synthesize do not pay for
// loading it (jest evaluates modules again for every test file).
const MATCHERS = [
  "toHaveResource", "toHaveResourceWithProperties", "toHaveDataSource", "toHaveDataSourceWithProperties",
  "toHaveProvider", "toHaveProviderWithProperties", "toBeValidTerraform", "toPlanSuccessfully",
];
let matchers;
function cdktfMatchers() {
  if (!matchers) {
    const extend = expect.extend;
    matchers = {};
    expect.extend = (m) => Object.assign(matchers, m); // catch what Testing.setupJest registers
    try {
      require("cdktf").Testing.setupJest();
    } finally {
      expect.extend = extend;
    }
  }
  return matchers;
}
expect.extend(Object.fromEntries(MATCHERS.map((name) => [name, function (...args) { return cdktfMatchers()[name].apply(this, args); }])));

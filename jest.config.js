/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // jest defaults to cores - 1 (one worker here); the Terraform suites mostly wait on child processes.
  maxWorkers: 2,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.js"],
  // Builds the offline AWS stand-in provider once, starts one long-lived per world, and exports
  // TF_CLI_CONFIG_FILE & co.
  globalSetup: "<rootDir>/testing/offline-aws/jest-global-setup.ts",
  globalTeardown: "<rootDir>/testing/offline-aws/jest-global-teardown.ts",
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
  modulePathIgnorePatterns: ["<rootDir>/cdktf.out", "<rootDir>/dist"],
};

// The cdktf template runs its tests with ts-jest; @swc/jest does the same job in a fraction of the
// time (type-checking stays with `tsc`, which `npm run build` runs with the template's tsconfig).
module.exports = {
  testEnvironment: "node",
  testMatch: ["**/__tests__/**/*.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2018" }, module: { type: "commonjs" } }] },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // The stand-in aws provider for toBeValidTerraform() / toPlanSuccessfully(), offline (README).
  globalSetup: "vpc-peering-cdktf/testing/jest-global-setup",
  // As in the template: tsc writes .js and .d.ts beside the sources.
  testPathIgnorePatterns: ["/node_modules/", "\\.d\\.ts$", "\\.js$"],
  modulePathIgnorePatterns: ["<rootDir>/cdktf.out"],
};

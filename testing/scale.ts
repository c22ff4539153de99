// The examples at scale (the 50-VPC mesh: 1,225 peerings, 3,875 resources). `npm test` leaves
// their slow cases out and lists them as skipped: its Terraform plans (tens of seconds of
// Terraform core) and its per-example report and diagram passes (seconds each, the same code
// as mesh-10's). `npm run test:scale` (TEST_SCALE=1; CI runs it when CI_SCALE=1) runs them;
// every run still synthesizes it (__tests__/shapes/mesh.test.ts).
export const atScale = (exampleFile: string): boolean => /(^|\/)mesh-50\.yaml$/.test(exampleFile);

export const scaleRun = process.env.TEST_SCALE === "1";

/** `it.each` for the examples at scale in a scale run, else `it.skip.each` (the summary shows them as skipped). */
export const itEachAtScale = () => (scaleRun ? it.each : it.skip.each);

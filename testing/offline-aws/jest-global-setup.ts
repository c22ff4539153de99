// Jest globalSetup: build the stand-in provider once and export its environment to the
// workers (they inherit process.env) and to cdktf's matchers (which run terraform with it).
import { useOfflineTerraform } from "./index";

export default async function globalSetup(): Promise<void> {
  await useOfflineTerraform();
}

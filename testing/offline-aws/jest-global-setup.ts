// Jest globalSetup: build the stand-in provider once, start a long-lived one per world under
// testing/worlds (server.ts), and export the environment to the workers (they inherit
// process.env) and to cdktf's matchers (which run terraform with it).
import * as fs from "fs";
import * as path from "path";
import { ensureOfflineBuild, repoRoot } from "./build";
import { useOfflineTerraform } from "./index";
import { SERVERS_ENV, startStandInServers, type StandInServer } from "./server";
import { terraformAvailable } from "./terraform";

export default async function globalSetup(): Promise<void> {
  const env = await useOfflineTerraform();
  if (!terraformAvailable().ok) return;
  const dir = path.join(repoRoot(), "testing/worlds");
  const worlds = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => path.join(dir, f));
  const { servers, envValue } = await startStandInServers(await ensureOfflineBuild(), worlds, env);
  process.env[SERVERS_ENV] = envValue;
  (globalThis as { standInServers?: StandInServer[] }).standInServers = servers;
}

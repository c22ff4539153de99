// Jest globalTeardown: stop the long-lived stand-in providers globalSetup started.
import type { StandInServer } from "./server";

export default async function globalTeardown(): Promise<void> {
  for (const s of (globalThis as { standInServers?: StandInServer[] }).standInServers ?? []) s.stop();
}

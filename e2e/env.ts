import { join } from "node:path";
import { tmpdir } from "node:os";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** One temporary database per machine user; serve.ts recreates it on every run. */
export const E2E_DB_PATH = process.env.E2E_DB_PATH ?? join(tmpdir(), `ctm-e2e-${process.getuid?.() ?? 0}`, "portal.db");
export const E2E_DATABASE_URL = `file:${E2E_DB_PATH}`;

/**
 * E2E_CLUSTER=1: the tests run against the production topology (scripts/cluster/cluster.ts):
 * Varnish on E2E_PORT in front of two app processes on E2E_PORT+11 and +12, sharing Redis on
 * E2E_PORT+1. Otherwise one `next start` on E2E_PORT.
 */
export const E2E_CLUSTER = process.env.E2E_CLUSTER === "1";
export const E2E_APP_PORTS = [E2E_PORT + 11, E2E_PORT + 12];
export const E2E_REDIS_PORT = E2E_PORT + 1;

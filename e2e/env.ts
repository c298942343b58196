import { join } from "node:path";
import { tmpdir } from "node:os";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** One temporary database per machine user; serve.ts recreates it on every run. */
export const E2E_DB_PATH = process.env.E2E_DB_PATH ?? join(tmpdir(), `ctm-e2e-${process.getuid?.() ?? 0}`, "portal.db");

/**
 * E2E_ENGINE=postgres: the site runs on PostgreSQL, in a throwaway cluster serve.ts starts on
 * E2E_PG_PORT (default E2E_PORT+2) with its folder beside E2E_DB_PATH; otherwise (sqlite, the
 * default) on the SQLite file E2E_DB_PATH. Specs read what is stored through e2e/db.ts, either way.
 */
export const E2E_ENGINE: "sqlite" | "postgres" = process.env.E2E_ENGINE === "postgres" ? "postgres" : "sqlite";
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? E2E_PORT + 2);
export const E2E_DATABASE_URL = E2E_ENGINE === "postgres" ? `postgres://postgres@127.0.0.1:${E2E_PG_PORT}/ctm` : `file:${E2E_DB_PATH}`;

/**
 * E2E_CLUSTER=1: the tests run against the production topology (scripts/cluster/cluster.ts):
 * Varnish on E2E_PORT in front of two app processes on E2E_PORT+11 and +12, sharing Redis on
 * E2E_PORT+1. Otherwise one `next start` on E2E_PORT.
 */
export const E2E_CLUSTER = process.env.E2E_CLUSTER === "1";
export const E2E_APP_PORTS = [E2E_PORT + 11, E2E_PORT + 12];
export const E2E_REDIS_PORT = E2E_PORT + 1;

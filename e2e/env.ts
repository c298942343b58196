import { join } from "node:path";
import { tmpdir } from "node:os";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** One temporary database per machine user; serve.ts recreates it on every run. */
export const E2E_DB_PATH = process.env.E2E_DB_PATH ?? join(tmpdir(), `ctm-e2e-${process.getuid?.() ?? 0}`, "portal.db");
export const E2E_DATABASE_URL = `file:${E2E_DB_PATH}`;

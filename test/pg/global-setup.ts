/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole unit-test run (scripts/pg-cluster.ts),
 * stopped when the run ends, and by its watchdog if the run is killed. It prepares, once, with the
 * real command-line tools (so `npm run db:setup` itself is exercised on both engines):
 * - SQLite: a file set up by `db/setup.ts` (migrated, seeded, stories indexed) and one only migrated;
 * - PostgreSQL: template databases made the same way (`ctm_template`, `ctm_template_empty`).
 * Each test file then copies a file or clones a template (CREATE DATABASE … TEMPLATE, a file copy:
 * tens of milliseconds; test/support/test-database.ts), so files run in parallel without sharing data.
 * Both projects of vitest.config.ts (sqlite, postgres) share this one setup.
 * PG_TEST_PORT chooses the port (default: a free one).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pg: { adminUrl: string; template: string; emptyTemplate: string; templateUrl: string; sqliteSeed: string; sqliteEmpty: string };
  }
}

export const TEMPLATE = "ctm_template";
export const EMPTY_TEMPLATE = "ctm_template_empty";

type Prepared = { provided: ProvidedContextValue; stop(): void; users: number };
type ProvidedContextValue = import("vitest").ProvidedContext["pg"];

const run = promisify(execFile);

/** Runs one of the db/ command-line tools against `url`, as `npm run db:…` would. */
async function tool(script: string, url: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  delete env.CTM_TEST_ENGINE;
  await run(process.execPath, ["--import", "tsx", script], { cwd: join(import.meta.dirname, "..", ".."), env, maxBuffer: 16 << 20 });
}

async function prepare(): Promise<Prepared> {
  const started = performance.now();
  const { startCluster } = await import("../../scripts/pg-cluster");
  const cluster = await startCluster({
    port: process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined,
    database: "ctm_admin",
    log: (line) => console.log(`[pg] ${line}`),
  });
  const dir = mkdtempSync(join(tmpdir(), "ctm-test-templates-"));
  const stop = () => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const sqliteSeed = join(dir, "seed.db");
    const sqliteEmpty = join(dir, "empty.db");
    const templateUrl = cluster.createDatabase(TEMPLATE);
    const emptyUrl = cluster.createDatabase(EMPTY_TEMPLATE);
    await Promise.all([
      tool("db/setup.ts", `file:${sqliteSeed}`),
      tool("db/migrate.ts", `file:${sqliteEmpty}`),
      tool("db/setup.ts", templateUrl),
      tool("db/migrate.ts", emptyUrl),
    ]);
    console.log(
      `[pg] templates (SQLite files and PostgreSQL databases, set up by db/setup.ts) ready after ${(performance.now() - started).toFixed(0)} ms`,
    );
    return {
      provided: { adminUrl: cluster.url, template: TEMPLATE, emptyTemplate: EMPTY_TEMPLATE, templateUrl, sqliteSeed, sqliteEmpty },
      stop,
      users: 0,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

const shared = globalThis as unknown as { __ctmTestTemplates?: Promise<Prepared> };

export default async function setup(project: TestProject) {
  shared.__ctmTestTemplates ??= prepare();
  const prepared = await shared.__ctmTestTemplates;
  prepared.users++;
  project.provide("pg", prepared.provided);
  return () => {
    if (--prepared.users === 0) {
      prepared.stop();
      shared.__ctmTestTemplates = undefined;
    }
  };
}

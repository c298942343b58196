/**
 * Test server: a fresh temporary database (migrate + seed), a production build against it, then
 * the production server (`npm start`, i.e. server.mjs) on 127.0.0.1, or with E2E_CLUSTER=1 the
 * cluster (Redis, two app processes, Varnish; see e2e/env.ts). Playwright starts this and stops it
 * (SIGTERM) when the run ends. Alone, no proxy is trusted: each client's address is its socket's.
 *
 * With E2E_ENGINE=postgres the database is a throwaway PostgreSQL cluster (scripts/pg-cluster.ts) on
 * E2E_PG_PORT with its folder beside E2E_DB_PATH, set up by the same `db/setup.ts`, and every app
 * process gets its DATABASE_URL and one AUTH_SECRET for the run. It is stopped after the servers.
 *
 * E2E_SKIP_BUILD=1 reuses the build in .next. One build serves either engine: the build reads the
 * database to prerender pages, but nothing it prerendered is served (every process's caches start
 * empty; each page is rendered from the database the server runs on at its first request).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { Cluster, ensureServices } from "../scripts/cluster/cluster";
import { startCluster } from "../scripts/pg-cluster";
import { E2E_APP_PORTS, E2E_CLUSTER, E2E_DATABASE_URL, E2E_DB_PATH, E2E_ENGINE, E2E_PG_PORT, E2E_PORT, E2E_REDIS_PORT } from "./env";

rmSync(dirname(E2E_DB_PATH), { recursive: true, force: true });
mkdirSync(dirname(E2E_DB_PATH), { recursive: true });

const postgres =
  E2E_ENGINE === "postgres"
    ? await startCluster({
        port: E2E_PG_PORT,
        dir: join(dirname(E2E_DB_PATH), "pg"),
        database: "ctm",
        signals: false,
        log: (line) => console.log(`[e2e] ${line}`),
      })
    : null;
const env = {
  ...process.env,
  DATABASE_URL: E2E_DATABASE_URL,
  SITE_URL: `http://127.0.0.1:${E2E_PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // On PostgreSQL the key is required (no .auth-secret beside a file): one per run, shared by every process.
  ...(postgres ? { AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url") } : {}),
};

try {
  execFileSync("npx", ["tsx", "db/setup.ts"], { stdio: "inherit", env });
  if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
} catch (error) {
  postgres?.stop();
  throw error;
}

if (E2E_CLUSTER) {
  ensureServices();
  const cluster = new Cluster({
    dir: join(dirname(E2E_DB_PATH), "cluster"),
    port: E2E_PORT,
    appPorts: E2E_APP_PORTS,
    redisPort: E2E_REDIS_PORT,
    env,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    postgres?.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  try {
    await cluster.start();
  } catch (error) {
    console.error(error);
    await cluster.stop();
    postgres?.stop();
    process.exit(1);
  }
} else {
  const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(E2E_PORT)], {
    stdio: "inherit",
    env: { ...env, TRUST_PROXY_HOPS: "" },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => {
    postgres?.stop();
    process.exit(code ?? 0);
  });
}

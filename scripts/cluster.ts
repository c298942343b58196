/**
 * `npm run start:cluster`: the production topology on one machine. Redis (Next's shared cache), N
 * app processes started as `npm start` starts one, and Varnish in front, all on 127.0.0.1. Ctrl-C
 * or SIGTERM stops all three; an app process that dies is started again. Needs a production build
 * (`npm run build`) and a database (`npm run db:setup`), as `npm start` does.
 *
 * Environment (defaults in brackets):
 *   PORT [3000]            Varnish: where readers connect
 *   CLUSTER_APPS [2]       number of app processes
 *   CLUSTER_APP_PORT [PORT+11]  first app port (the next ones follow)
 *   REDIS_PORT [PORT+1]    Redis
 *   CLUSTER_DIR [<tmp>/ctm-cluster-PORT]  logs and working folders
 *   VARNISH_STORAGE [256m] Varnish's cache size
 *   SITE_URL, DATABASE_URL, AUTH_SECRET  as for `npm start`
 * As root on Debian, missing redis-server, varnish or varnish-modules are installed with apt-get.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Cluster, ensureServices } from "./cluster/cluster";
import { loadAuthSecret } from "../lib/auth/secret-file.mjs";

const port = Number(process.env.PORT ?? 3000);
const apps = Number(process.env.CLUSTER_APPS ?? 2);
const firstApp = Number(process.env.CLUSTER_APP_PORT ?? port + 11);
const log = (s: string) => console.log(`[cluster] ${s}`);

if (!existsSync(join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("No production build: run `npm run build` first (and `npm run db:setup` for the database).");
  process.exit(1);
}
// On PostgreSQL the app processes (on this machine and others) must share AUTH_SECRET: say so now,
// before anything starts, rather than through app processes that exit and are started again.
if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  try {
    loadAuthSecret("", process.env.AUTH_SECRET, process.env.DATABASE_URL);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
try {
  ensureServices(log);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const cluster = new Cluster({
  dir: process.env.CLUSTER_DIR ?? join(tmpdir(), `ctm-cluster-${port}`),
  port,
  apps,
  appPorts: Array.from({ length: apps }, (_, i) => firstApp + i),
  redisPort: Number(process.env.REDIS_PORT ?? port + 1),
  varnishStorage: process.env.VARNISH_STORAGE,
  env: { ...process.env, SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}` },
  log,
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping Varnish, the app processes and Redis…`);
  await cluster.stop();
  log("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  await cluster.start();
  log(`serving on ${cluster.url} (logs in ${cluster.dir}); Ctrl-C stops everything`);
} catch (error) {
  console.error(`[cluster] could not start: ${error instanceof Error ? error.message : error}`);
  await cluster.stop();
  process.exit(1);
}

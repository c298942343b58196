/**
 * Test server: a fresh temporary database (migrate + seed), a production build against it, then
 * the production server (`npm start`, i.e. server.mjs) on 127.0.0.1. Playwright starts this and
 * stops it when the run ends. No proxy is trusted: each client's address is its socket's.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { E2E_DATABASE_URL, E2E_DB_PATH, E2E_PORT } from "./env";

rmSync(dirname(E2E_DB_PATH), { recursive: true, force: true });
mkdirSync(dirname(E2E_DB_PATH), { recursive: true });
const env = { ...process.env, DATABASE_URL: E2E_DATABASE_URL, SITE_URL: `http://127.0.0.1:${E2E_PORT}`, NEXT_TELEMETRY_DISABLED: "1" };

execFileSync("npx", ["tsx", "db/setup.ts"], { stdio: "inherit", env });
if (!process.env.E2E_SKIP_BUILD) execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(E2E_PORT)], { stdio: "inherit", env: { ...env, TRUST_PROXY_HOPS: "" } });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => process.exit(code ?? 0));

/**
 * `npx tsx bench/profile.ts [path] [seconds]` — where the server's CPU goes while serving one URL
 * under load (50 connections): starts the existing build (`next build` first) on a fresh
 * database with `node --cpu-prof`, loads the URL, stops the server and sums the profile's self
 * time by kind of work. Default: the story page for 10 s.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupDb, start } from "./lib/app";
import { summarizeProfile } from "./lib/cpuprofile";
import { load, pickTool } from "./lib/load";
import { warm } from "./lib/meta";

const path = process.argv[2] ?? "/articles/ckfta-explainer";
const seconds = Number(process.argv[3] ?? 10);
const log = (s: string) => console.error(`[profile] ${s}`);
const dir = mkdtempSync(process.env.BENCH_TMP_PREFIX ?? join(tmpdir(), "ctm-profile-"));
const app = {
  projectDir: process.cwd(),
  dbPath: join(dir, "portal.db"),
  port: Number(process.env.BENCH_PORT ?? 3220),
  logDir: join(dir, "logs"),
};
try {
  const tool = pickTool(log);
  await setupDb(app);
  const server = await start(app, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const url = server.url + path;
  await warm(tool, url, 2);
  const result = await load(tool, url, { connections: 50, seconds });
  // SIGINT lets node write the profile on its way out.
  process.kill(server.pid, "SIGINT");
  await new Promise((r) => setTimeout(r, 3000));
  await server.stop();
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no CPU profile was written");
  const { busyMs, shares } = summarizeProfile(JSON.parse(readFileSync(join(dir, file), "utf8")));
  console.log(
    `${path}: ${result.rps.toFixed(0)} req/s with ${tool.name}; ${(busyMs / 1000).toFixed(1)} s of server CPU (warm-up included):`,
  );
  for (const s of shares) console.log(`  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.work}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

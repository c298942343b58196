/**
 * The throwaway-cluster harness (scripts/pg-cluster.ts) stops exactly what it started: on SIGTERM,
 * and through its watchdog when the process that started it is killed outright. And a cluster killed
 * with SIGKILL (fsync on) keeps every committed row when started again.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startCluster } from "@/scripts/pg-cluster";

/** Starts `tsx scripts/pg-cluster.ts` (node with tsx's loader: no npx start-up) and waits for its DATABASE_URL line. */
async function clusterProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/pg-cluster.ts"], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (b: Buffer) => (err += b));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (b: Buffer) => {
      out += b;
      const m = /DATABASE_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`pg-cluster exited (${code}): ${err}`)));
  });
  const dir = /\((\/[^)]+)\) ready/.exec(err)?.[1];
  if (!dir) throw new Error(`no data folder in: ${err}`);
  return { child, url, dir };
}

const reachable = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  // A server shutting down while this probe is connected ends the connection with FATAL 57P01,
  // emitted as an 'error' event: that is an answer ("not reachable"), not a crash of the test run.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe("scripts/pg-cluster.ts", () => {
  it("stops its server and removes its folder on SIGTERM", async () => {
    const { child, url, dir } = await clusterProcess();
    expect(await reachable(url)).toBe(true);
    // The whole process group, as a terminal's Ctrl-C would.
    process.kill(-child.pid!, "SIGTERM");
    expect(await waitUntil(async () => !(await reachable(url)) && !existsSync(dir), 15_000)).toBe(true);
  }, 60_000);

  it("is stopped by its watchdog when the process that started it is killed with SIGKILL", async () => {
    const { child, url, dir } = await clusterProcess();
    expect(await reachable(url)).toBe(true);
    process.kill(-child.pid!, "SIGKILL");
    expect(await waitUntil(async () => !(await reachable(url)) && !existsSync(dir), 15_000)).toBe(true);
  }, 60_000);

  it("keeps every committed row through a SIGKILL of the server", async () => {
    const cluster = await startCluster({ watchdog: false });
    try {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      await client.query(`CREATE TABLE saves (n integer PRIMARY KEY)`);
      for (let n = 1; n <= 50; n++) await client.query(`INSERT INTO saves VALUES ($1)`, [n]);
      client.on("error", () => {}); // the server is about to vanish under this connection
      cluster.crash();
      await client.end().catch(() => undefined);
      cluster.restart();
      const after = new pg.Client({ connectionString: cluster.url });
      await after.connect();
      expect((await after.query(`SELECT count(*)::int AS n, max(n) AS m FROM saves`)).rows[0]).toEqual({ n: 50, m: 50 });
      await after.end();
    } finally {
      cluster.stop();
    }
    expect(existsSync(cluster.dir)).toBe(false);
  }, 60_000);
});

/**
 * `npm run bench -- --cluster`: the production topology (scripts/cluster/cluster.ts: Varnish in
 * front of two app processes sharing Redis) under the same load as the default run, through the
 * proxy. Each figure beside a baseline measured in the same run:
 *   - every page type through the proxy, beside the same URL straight from one app process;
 *   - the story beside the machine's limit: its exact bytes and headers as the proxy sends them,
 *     from a few lines of node:http (bench/static-server.mjs);
 *   - save → visible: saves sent to app process 1, timed until the proxy and app process 2 show them;
 *   - kill -9 of app process 1 under load through the proxy: requests missed, and the restart time;
 *   - resident memory of each app process idle after the load.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { Cluster, ensureServices } from "../../scripts/cluster/cluster";
import { startCluster as startPgCluster, type Cluster as PgCluster } from "../../scripts/pg-cluster";
import { build, createUser, databaseUrlOf, setupDb, type AppEnv } from "./app";
import { get, headerBytes, rawGet, replayableHeaders } from "./http";
import { launchChromium } from "./js-weight";
import { load, parseWrk, type LoadResult, type Tool } from "./load";
import { commitInfo, machine, warm, writeResult } from "./meta";
import { treeRss } from "./proc";
import { fmtInt, fmtKB, fmtMB, fmtMs, fmtPct, loadCell, markdownTable } from "./report";
import { measureSaves, type SaveResult } from "./saves";
import { ratio } from "./stats";

type Url = { name: string; path: string; headers?: Record<string, string> };

/** What Varnish did during one URL's load through the proxy (differences of its counters). */
export type VarnishDelta = {
  hits: number;
  misses: number;
  /** Hit-for-pass, hit-for-miss and passes: requests that were never going to be served from the cache. */
  passes: number;
  /** Requests Varnish sent to an app process. */
  backendRequests: number;
  /** Sessions that waited for a worker thread, and that were dropped for want of one. */
  queued: number;
  dropped: number;
};

export function varnishDelta(before: Record<string, number>, after: Record<string, number>): VarnishDelta {
  const d = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  return {
    hits: d("MAIN.cache_hit"),
    misses: d("MAIN.cache_miss"),
    passes: d("MAIN.cache_hitpass") + d("MAIN.cache_hitmiss") + d("MAIN.s_pass"),
    backendRequests: d("MAIN.backend_req"),
    queued: d("MAIN.sess_queued") + d("MAIN.req_dropped"),
    dropped: d("MAIN.sess_dropped"),
  };
}

type ClusterUrl = {
  name: string;
  path: string;
  status: number;
  proxy: LoadResult | null;
  direct: LoadResult | null;
  /** The static server with the story's bytes, right after this row's proxy load: the machine's own tail. */
  floor: LoadResult | null;
  varnish: VarnishDelta | null;
  loadavg1: number;
  bytes: number;
};
export type Engine = "sqlite" | "postgres";
type Opts = {
  quick: boolean;
  skipBuild: boolean;
  keep: boolean;
  port: number;
  tmpPrefix: string;
  tool: Tool;
  urls: Url[];
  log: (s: string) => void;
  engines: Engine[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * wrk with a Lua script for a reader spike: mostly the pages everyone reads (the story, the tracker,
 * the partner page, the front page), and one request in four for one of 40 API selections, which
 * the proxy does not hold at first. After the kill the cluster bans the proxy's cache, so all of
 * them reach the surviving process again.
 */
function variedLoad(url: string, connections: number, seconds: number, dir: string): Promise<LoadResult> {
  const script = join(dir, "varied.lua");
  writeFileSync(
    script,
    `-- A reader spike: the pages everyone reads, and one request in four for one of 40 API selections.
local pages = { "/articles/ckfta-explainer", "/agreements/ckfta", "/partners/KOR", "/" }
local n = 0
request = function()
  n = n + 1
  if n % 4 == 0 then
    return wrk.format("GET", "/api/v1/figures?partner=KOR&from=" .. (1975 + math.floor(n / 4) % 40) .. "&to=2020")
  end
  return wrk.format("GET", pages[(n % #pages) + 1])
end
`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "--latency", "-s", script, url], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

/** One engine's figures from a run. */
export type EngineRun = {
  engine: Engine;
  urls: ClusterUrl[];
  limit: { bodyBytes: number; headerBytes: number; load: LoadResult };
  storyToLimit: number;
  savesLoadavg1: number;
  saves: SaveResult | { error: string };
  kill: { pid: number | undefined; backMs: number; requests: number; missed: number; load: LoadResult; restarts: number[] };
  rssAfterPagesBytes: number[];
  rssAfterBytes: number[];
  varnishParams: Cluster["varnishParams"];
  loadavgAtEnd: number[];
};

export const ENGINE_NAMES: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/**
 * `--engine sqlite|pg|both` (default sqlite): the same measurements on each engine in turn, from one
 * build, each on a fresh database set up from the seed and a fresh cluster (Redis and Varnish empty).
 * PostgreSQL is a throwaway cluster (scripts/pg-cluster.ts) on port+3, stopped at the end.
 */
export async function runCluster(opts: Opts): Promise<void> {
  const { tool, log } = opts;
  if (tool.name !== "wrk") throw new Error("--cluster needs wrk (apt-get install wrk)");
  ensureServices(log);
  const t0 = performance.now();
  const startedAt = new Date();
  const { commit, dirty } = commitInfo();
  const mach = machine();
  const seconds = opts.quick ? 3 : 10;
  const connections = 50;
  const tmp = mkdtempSync(opts.tmpPrefix);
  let postgres: PgCluster | null = null;
  try {
    let buildMs = Number.NaN;
    const runs: EngineRun[] = [];
    for (const engine of opts.engines) {
      const app: AppEnv = {
        projectDir: process.cwd(),
        dbPath: join(tmp, engine, "portal.db"),
        port: opts.port,
        logDir: join(tmp, engine, "logs"),
      };
      if (engine === "postgres") {
        // The server runs as another user (PostgreSQL refuses root): let it pass through our 0700 folder.
        chmodSync(tmp, statSync(tmp).mode | 0o011);
        postgres = await startPgCluster({ port: opts.port + 3, dir: join(tmp, "pg"), database: "ctm", log: (s) => log(`postgres: ${s}`) });
        app.databaseUrl = postgres.url;
        // Every app process of a PostgreSQL cluster must sign sessions with the same key.
        app.env = { AUTH_SECRET: randomBytes(32).toString("base64url") };
      }
      log(`${ENGINE_NAMES[engine]}: fresh database (${databaseUrlOf(app)})`);
      await setupDb(app);
      if (runs.length === 0) {
        // One build serves either engine: every process renders from the database it runs on.
        if (opts.skipBuild) log("skipping next build (--skip-build)");
        else {
          log("next build…");
          buildMs = await build(app);
          log(`built in ${(buildMs / 1000).toFixed(0)} s`);
        }
      }
      runs.push(await measureEngine(engine, app, opts, { seconds, connections, tmp }));
      if (postgres) {
        postgres.stop();
        postgres = null;
      }
    }
    const report = {
      date: startedAt.toISOString(),
      commit,
      dirty,
      machine: mach,
      node: process.version,
      tool,
      mode: opts.quick ? "cluster-quick" : "cluster",
      topology: { proxy: "Varnish (deploy/varnish.vcl)", apps: 2, redis: true },
      connections,
      secondsPerUrl: seconds,
      buildSeconds: buildMs / 1000,
      engines: runs,
      loadavgAtEnd: loadavg(),
      totalSeconds: (performance.now() - t0) / 1000,
    };
    const suffix = opts.engines.length > 1 ? "-cluster-engines" : opts.engines[0] === "postgres" ? "-cluster-pg" : "-cluster";
    const file = writeResult(`${startedAt.toISOString().slice(0, 10)}-${commit}${suffix}${opts.quick ? "-quick" : ""}`, report);
    console.log(`\n${heading(report)}\n`);
    for (const run of runs) console.log(`${ENGINE_NAMES[run.engine]}\n\n${table(run)}\n`);
    if (runs.length > 1) console.log(`Both engines, same run\n\n${enginesTable(runs)}\n`);
    console.log(`whole run ${report.totalSeconds.toFixed(0)} s; figures in ${file}`);
  } finally {
    postgres?.stop();
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

async function measureEngine(
  engine: Engine,
  app: AppEnv,
  opts: Opts,
  m: { seconds: number; connections: number; tmp: string },
): Promise<EngineRun> {
  const { tool } = opts;
  const log = (s: string) => opts.log(`${ENGINE_NAMES[engine]}: ${s}`);
  const { seconds, connections, tmp } = m;
  const saveCount = opts.quick ? 10 : 50;
  const port = opts.port;
  const editor = { email: "bench.editor@example.org", name: "Bench Editor", password: randomBytes(18).toString("base64url") };
  await createUser(app, editor.email, editor.name, "editor", editor.password);
  const cluster = new Cluster({
    dir: join(tmp, engine, "cluster"),
    port,
    redisPort: port + 1,
    appPorts: [port + 11, port + 12],
    env: { ...process.env, ...app.env, DATABASE_URL: databaseUrlOf(app), SITE_URL: `http://127.0.0.1:${port}` },
    log: (s) => log(`cluster: ${s}`),
  });
  try {
    await cluster.start();
    const proxy = cluster.url;
    const direct = cluster.appUrl(0);

    // The machine's floor, measured beside every row: the story's bytes and headers exactly as the
    // proxy sends them, from a few lines of node:http (bench/static-server.mjs). Its p99 says how much
    // of a row's tail the machine (two cores shared with wrk and other tenants) adds by itself.
    log("static server with the story's bytes as the proxy sends them…");
    const story = await rawGet(proxy + "/articles/ckfta-explainer");
    const bodyFile = join(tmp, engine, "story.html");
    const headersFile = join(tmp, engine, "story-headers.json");
    writeFileSync(bodyFile, story.body);
    writeFileSync(headersFile, JSON.stringify(replayableHeaders(story.headers)));
    const staticServer = spawn(
      process.execPath,
      [join(process.cwd(), "bench", "static-server.mjs"), String(port + 5), bodyFile, headersFile],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const staticUrl = `http://127.0.0.1:${port + 5}/articles/ckfta-explainer`;
    let limit: LoadResult | undefined;
    const urls: ClusterUrl[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        staticServer.stdout.once("data", () => resolve());
        staticServer.once("exit", (code) => reject(new Error(`static server exited (${code})`)));
      });
      await warm(tool, staticUrl, 1);
      for (const u of opts.urls) {
        const res = await get(proxy + u.path, { headers: u.headers });
        const body = await res.arrayBuffer();
        const row: ClusterUrl = {
          name: u.name,
          path: u.path,
          status: res.status,
          proxy: null,
          direct: null,
          floor: null,
          varnish: null,
          loadavg1: loadavg()[0]!,
          bytes: body.byteLength,
        };
        if (res.status === 200) {
          await warm(tool, proxy + u.path, opts.quick ? 1 : 2, u.headers);
          const before = cluster.varnishStats();
          row.proxy = await load(tool, proxy + u.path, { connections, seconds, headers: u.headers });
          row.varnish = varnishDelta(before, cluster.varnishStats());
          row.floor = await load(tool, staticUrl, { connections, seconds: Math.max(3, seconds / 2) });
          await warm(tool, direct + u.path, 1, u.headers);
          row.direct = await load(tool, direct + u.path, { connections, seconds: Math.max(3, seconds / 2), headers: u.headers });
          log(
            `${u.name}: proxy ${row.proxy.rps.toFixed(0)} req/s p99 ${row.proxy.p99Ms.toFixed(1)} ms (${row.varnish.backendRequests} reached an app process; static floor p99 ${row.floor.p99Ms.toFixed(1)} ms); ` +
              `app direct ${row.direct.rps.toFixed(0)} req/s p99 ${row.direct.p99Ms.toFixed(1)} ms; load ${row.loadavg1.toFixed(1)}`,
          );
        } else log(`${u.path} answered ${res.status}: n/a`);
        urls.push(row);
      }
      // The machine's limit for the story ÷ limit ratio: the static server for as long as the proxy had.
      limit = await load(tool, staticUrl, { connections, seconds });
    } finally {
      staticServer.kill("SIGTERM");
    }
    if (!limit) throw new Error("the static limit was not measured");
    log(`limit ${limit.rps.toFixed(0)} req/s`);

    // Each app process, idle after the page loads (app 1 also took the direct loads).
    await sleep(10_000);
    const rssAfterPages = cluster.appPorts.map((_, i) => treeRss(cluster.appPid(i) ?? 0));
    log(`RSS idle after the page loads: ${rssAfterPages.map((b) => fmtMB(b)).join(", ")}`);

    log(`save → visible over ${saveCount} saves sent to app process 1, read through the proxy and from app process 2…`);
    const savesLoadavg1 = loadavg()[0]!;
    const browser = await launchChromium();
    let saves: SaveResult | { error: string };
    try {
      saves = await measureSaves({
        browser,
        base: proxy,
        databaseUrl: databaseUrlOf(app),
        editor,
        count: saveCount,
        postTo: direct,
        readFrom: [proxy, cluster.appUrl(1)],
      });
    } catch (error) {
      saves = { error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
    } finally {
      await browser.close();
    }

    log("kill -9 of app process 1 under load through the proxy…");
    const killSeconds = opts.quick ? 8 : 15;
    const loadRun = variedLoad(proxy, connections, killSeconds, join(tmp, engine));
    await sleep(3000);
    const killedAt = performance.now();
    const pid = cluster.killApp(0, "SIGKILL");
    const backMs = await cluster.waitAppBack(0, killedAt).catch(() => Number.NaN);
    const killLoad = await loadRun;
    log(`killed pid ${pid}; back after ${fmtMs(backMs)}; ${killLoad.requests} requests, ${killLoad.non2xx + killLoad.errors} missed`);

    await sleep(10_000);
    const rss = cluster.appPorts.map((_, i) => treeRss(cluster.appPid(i) ?? 0));
    log(`RSS idle after the kill test: ${rss.map((b) => fmtMB(b)).join(", ")}`);

    const storyRow = urls.find((u) => u.name === "story");
    return {
      engine,
      urls,
      limit: { bodyBytes: story.body.length, headerBytes: headerBytes(story.headers), load: limit },
      storyToLimit: ratio(storyRow?.proxy?.rps ?? Number.NaN, limit.rps),
      savesLoadavg1,
      saves,
      kill: {
        pid,
        backMs,
        requests: killLoad.requests,
        missed: killLoad.non2xx + killLoad.errors,
        load: killLoad,
        restarts: [...cluster.restarts],
      },
      rssAfterPagesBytes: rssAfterPages,
      rssAfterBytes: rss,
      varnishParams: cluster.varnishParams,
      loadavgAtEnd: loadavg(),
    };
  } finally {
    await cluster.stop();
  }
}

type ClusterHeading = {
  date: string;
  commit: string;
  dirty: boolean;
  machine: { cores: number; cpu: string; memoryBytes: number; loadavgAtStart: number[] };
  node: string;
  tool: Tool;
  connections: number;
  secondsPerUrl: number;
  engines: { engine: Engine }[];
  loadavgAtEnd?: number[];
};

function heading(r: ClusterHeading): string {
  const gb = (r.machine.memoryBytes / 1024 ** 3).toFixed(1);
  return (
    `${r.date} · commit ${r.commit}${r.dirty ? " (uncommitted changes)" : ""} · cluster: Varnish → 2 × next start → Redis, on ${r.engines.map((e) => ENGINE_NAMES[e.engine]).join(" then ")} · ${r.machine.cores} cores (${r.machine.cpu}) · ${gb} GB · ` +
    `Node ${r.node} · ${r.tool.name} ${r.tool.version} · ${r.connections} connections × ${r.secondsPerUrl} s per URL · load average at start ${r.machine.loadavgAtStart.map((l) => l.toFixed(2)).join(" ")}` +
    (r.loadavgAtEnd ? `, at end ${r.loadavgAtEnd.map((l) => l.toFixed(2)).join(" ")}` : "")
  );
}

const met = (ok: boolean) => (ok ? "met" : "MISSED");

/** The table `npm run bench -- --cluster` prints for one engine (Markdown). */
export function table(r: EngineRun): string {
  const rows: string[][] = [];
  for (const u of r.urls) {
    const p99 = u.proxy?.p99Ms ?? Number.NaN;
    let cell = loadCell(u.proxy, u.status);
    if (u.proxy && u.varnish) {
      const v = u.varnish;
      const served = v.hits + v.misses + v.passes;
      cell += ` · hits ${fmtPct(served > 0 ? v.hits / served : Number.NaN)}, ${fmtInt(v.backendRequests)} reached an app process${v.queued || v.dropped ? `, ${fmtInt(v.queued)} queued, ${fmtInt(v.dropped)} dropped` : ""}`;
    }
    if (u.loadavg1 !== undefined) cell += ` · load ${u.loadavg1.toFixed(1)}`;
    const floor = u.floor ? ` (static floor p99 ${fmtMs(u.floor.p99Ms)})` : "";
    rows.push([
      `${u.name} \`${u.path}\``,
      cell,
      loadCell(u.direct, u.status),
      u.proxy ? `p99 < 100 ms: ${met(p99 < 100 && u.proxy.non2xx + u.proxy.errors === 0)}${floor}` : "",
    ]);
  }
  rows.push([
    `static limit (same ${fmtKB(r.limit.bodyBytes)} + ${fmtInt(r.limit.headerBytes)} B headers, node:http)`,
    loadCell(r.limit.load, 200),
    "",
    "",
  ]);
  rows.push(["story through the proxy ÷ limit", fmtPct(r.storyToLimit), "", `≥ 20%: ${met(r.storyToLimit >= 0.2)}`]);
  if ("error" in r.saves) rows.push(["save → visible", `failed: ${r.saves.error}`, "", "p99 ≤ 1 s: MISSED"]);
  else {
    const s = r.saves;
    rows.push([
      `save on app 1 → visible through the proxy and on app 2 (${s.saves} saves; story, partner, figure page)`,
      `p50 ${fmtMs(s.visible.p50)} · p99 ${fmtMs(s.visible.p99)} · max ${fmtMs(s.visible.max)}${s.failed ? ` · ${s.failed} not visible in 10 s` : ""}${r.savesLoadavg1 !== undefined ? ` · load ${r.savesLoadavg1.toFixed(1)}` : ""}`,
      "",
      `p99 ≤ 1 s: ${met(s.failed === 0 && s.visible.p99 <= 1000)}`,
    ]);
  }
  rows.push([
    `kill -9 of app 1 under load through the proxy (pages and 40 API selections)`,
    `${fmtInt(r.kill.requests)} requests, ${fmtInt(r.kill.missed)} missed; back after ${fmtMs(r.kill.backMs)}`,
    "",
    `0 missed: ${met(r.kill.missed === 0)}`,
  ]);
  r.rssAfterPagesBytes?.forEach((b, i) =>
    rows.push([
      `RSS of app ${i + 1}, idle 10 s after the page loads${i === 0 ? " (it also took the direct loads)" : ""}`,
      fmtMB(b),
      "",
      `< 200 MB: ${met(b < 200 * 1024 * 1024)}`,
    ]),
  );
  r.rssAfterBytes.forEach((b, i) =>
    rows.push([
      `RSS of app ${i + 1}, idle 10 s after the kill test${i === 0 ? " (restarted by it)" : " (carried the load alone)"}`,
      fmtMB(b),
      "",
      `< 200 MB: ${met(b < 200 * 1024 * 1024)}`,
    ]),
  );
  return markdownTable(["measure", "through the proxy", "one app process, direct (baseline)", "target"], rows);
}

const saveCell = (s: SaveResult | { error: string }, pick: (s: SaveResult) => string) => ("error" in s ? `failed: ${s.error}` : pick(s));
const rpsRatio = (a: LoadResult | null, b: LoadResult | null) => (a && b ? `${ratio(b.rps, a.rps).toFixed(2)}×` : "n/a");

/**
 * Both engines beside each other (`--engine both`): requests per second and p99 through the proxy and
 * straight from one app process, the save itself and save → visible, the kill, memory. The last column
 * is PostgreSQL's figure ÷ SQLite's (requests per second: above 1 means PostgreSQL served more).
 */
export function enginesTable(runs: EngineRun[]): string {
  const [a, b] = runs as [EngineRun, EngineRun];
  const short = (l: LoadResult | null) =>
    l ? `${fmtInt(l.rps)} req/s · p99 ${fmtMs(l.p99Ms)}${l.non2xx + l.errors ? ` · ${fmtInt(l.non2xx + l.errors)} failed` : ""}` : "n/a";
  const rows: string[][] = [];
  for (const u of a.urls) {
    const v = b.urls.find((x) => x.name === u.name) ?? null;
    rows.push([`${u.name}, through the proxy`, short(u.proxy), short(v?.proxy ?? null), rpsRatio(u.proxy, v?.proxy ?? null)]);
    rows.push([`${u.name}, one app process direct`, short(u.direct), short(v?.direct ?? null), rpsRatio(u.direct, v?.direct ?? null)]);
  }
  const ms = (f: (s: SaveResult) => number) => (s: SaveResult | { error: string }) => saveCell(s, (x) => fmtMs(f(x)));
  const msRatio = (f: (s: SaveResult) => number) =>
    "error" in a.saves || "error" in b.saves ? "n/a" : `${ratio(f(b.saves), f(a.saves)).toFixed(2)}×`;
  for (const [label, f] of [
    ["save request (server action on app 1), p50", (s: SaveResult) => s.save.p50],
    ["save request, p99", (s: SaveResult) => s.save.p99],
    ["save → visible on the proxy and app 2, p50", (s: SaveResult) => s.visible.p50],
    ["save → visible, p99", (s: SaveResult) => s.visible.p99],
  ] as const)
    rows.push([label, ms(f)(a.saves), ms(f)(b.saves), msRatio(f)]);
  rows.push([
    "kill -9 of app 1: missed / back after",
    `${fmtInt(a.kill.missed)} / ${fmtMs(a.kill.backMs)}`,
    `${fmtInt(b.kill.missed)} / ${fmtMs(b.kill.backMs)}`,
    "",
  ]);
  a.rssAfterBytes.forEach((bytes, i) =>
    rows.push([`RSS of app ${i + 1}, idle after load`, fmtMB(bytes), fmtMB(b.rssAfterBytes[i] ?? Number.NaN), ""]),
  );
  return markdownTable(
    ["measure", ENGINE_NAMES[a.engine], ENGINE_NAMES[b.engine], `${ENGINE_NAMES[b.engine]} ÷ ${ENGINE_NAMES[a.engine]}`],
    rows,
  );
}

/**
 * `npm run bench` — builds the production server, serves it on 127.0.0.1 from its own temporary
 * database, and measures it against the machine's limit in the same run; prints one table and
 * writes the figures to bench/results/<date>-<commit>.json. See bench/README.md.
 *
 *   npm run bench                 the full run (about 5–8 minutes on two cores)
 *   npm run bench -- --quick      3 s per URL and 10 saves, for development
 *   npm run bench -- --scale      build and page cost at the seed's size and at 2,000 stories + 1M figures
 *   npm run bench -- --cluster    the same load through Varnish in front of two app processes sharing Redis
 *     --engine sqlite|pg|both     …on SQLite (default), on PostgreSQL, or on both in turn from one build,
 *                                 printed beside each other (PostgreSQL: a throwaway cluster on BENCH_PORT+3)
 *   --skip-build                  reuse the last .next build (development only; noted in the results)
 *   --keep                        keep the temporary directory (database, logs)
 *   --no-baseline                 skip the build before this change (3084587) served beside it
 *
 * Environment: BENCH_PORT (default 3220; the static server uses the next port, the baseline the one
 * after, the plain `next start` the one after that; --cluster: Varnish on it, Redis +1, app processes +11 and +12), BENCH_BASELINE_DIR, BENCH_TMP_PREFIX
 * (default <tmpdir>/ctm-bench-), BENCH_TOOL=autocannon to skip wrk, CHROMIUM_PATH.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build, createUser, databaseUrlOf, setupDb, start, type AppEnv, type Server } from "./lib/app";
import { get, headerBytes, rawGet, replayableHeaders } from "./lib/http";
import { frameworkScripts, launchChromium, measureJs } from "./lib/js-weight";
import { load, pickTool, type Tool } from "./lib/load";
import { commitInfo, machine, warm, writeResult } from "./lib/meta";
import { rssSampler, treeRss } from "./lib/proc";
import { judge, reportHeading, reportTable, type Report, type UrlResult } from "./lib/report";
import { measureSaves } from "./lib/saves";
import { runScale } from "./lib/scale-run";
import { runCluster, type Engine } from "./lib/cluster-run";
import { alternate, type Contender } from "./lib/rounds";
import { mixedLoad } from "./lib/mixed";
import { plainNext, type PlainNext } from "./lib/plain-next";
import { BASELINE_COMMIT, prepareBaseline } from "./lib/baseline";
import { ratio } from "./lib/stats";

export const URLS: { name: string; path: string; headers?: Record<string, string> }[] = [
  { name: "front", path: "/" },
  { name: "story", path: "/articles/ckfta-explainer" },
  // What a browser gets: Next compresses every response again; there is no static limit to compare with.
  { name: "story, gzip", path: "/articles/ckfta-explainer", headers: { "accept-encoding": "gzip" } },
  { name: "tracker", path: "/agreements/ckfta" },
  { name: "partner", path: "/partners/KOR" },
  { name: "explorer", path: "/data?partner=KOR" },
  { name: "api", path: "/api/v1/figures?partner=KOR" },
  { name: "search", path: "/search?q=korea" },
];
const JS_PAGES = URLS.filter((u) => u.name !== "api" && !u.headers);

const log = (s: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function staticLimit(tool: Tool, storyUrl: string, port: number, dir: string, seconds: number, connections: number) {
  const story = await rawGet(storyUrl);
  if (story.status !== 200) throw new Error(`story answered ${story.status}`);
  const bodyFile = join(dir, "story.html");
  const headersFile = join(dir, "story-headers.json");
  writeFileSync(bodyFile, story.body);
  writeFileSync(headersFile, JSON.stringify(replayableHeaders(story.headers)));
  const child = spawn(process.execPath, [join(process.cwd(), "bench", "static-server.mjs"), String(port), bodyFile, headersFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`static server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/articles/ckfta-explainer`;
    const check = await rawGet(url);
    await warm(tool, url, Math.min(2, seconds));
    const result = await load(tool, url, { connections, seconds });
    return {
      bodyBytes: story.body.length,
      headerBytes: headerBytes(story.headers),
      staticHeaderBytes: headerBytes(check.headers),
      load: result,
    };
  } finally {
    child.kill("SIGTERM");
  }
}

async function bench(opts: { quick: boolean; skipBuild: boolean; keep: boolean; port: number; tmpPrefix: string; baseline: boolean }) {
  const t0 = performance.now();
  const startedAt = new Date();
  const { commit, dirty } = commitInfo();
  const mach = machine();
  const tool = pickTool(log);
  log(`load generator: ${tool.name} ${tool.version}`);
  const seconds = opts.quick ? 3 : 10;
  // Each URL: this many alternating rounds of roundSeconds on each server (now, before, plain next start).
  const rounds = opts.quick ? 1 : 3;
  const roundSeconds = opts.quick ? 3 : 5;
  const warmSeconds = opts.quick ? 1 : 2;
  const connections = 50;
  const saveCount = opts.quick ? 10 : 50;

  const tmp = mkdtempSync(opts.tmpPrefix);
  const app: AppEnv = { projectDir: process.cwd(), dbPath: join(tmp, "portal.db"), port: opts.port, logDir: join(tmp, "logs") };
  const editor = { email: "bench.editor@example.org", name: "Bench Editor", password: randomBytes(18).toString("base64url") };
  let server: Server | null = null;
  let baselineServer: Server | null = null;
  let plain: PlainNext | null = null;
  try {
    log(`fresh database in ${tmp}`);
    await setupDb(app);
    await createUser(app, editor.email, editor.name, "editor", editor.password);
    let buildMs = Number.NaN;
    if (opts.skipBuild) log("skipping next build (--skip-build)");
    else {
      log("next build…");
      buildMs = await build(app);
      log(`built in ${(buildMs / 1000).toFixed(0)} s`);
    }
    // The build before the serving layer was rebuilt, served beside it (npm start alone).
    const baselineApp = opts.baseline ? await prepareBaseline(opts.port + 2, log) : null;
    server = await start(app);
    log(`next start on ${server.url} (pid ${server.pid})`);
    baselineServer = baselineApp ? await start(baselineApp) : null;
    if (baselineServer) log(`baseline ${BASELINE_COMMIT}: next start on ${baselineServer.url} (pid ${baselineServer.pid})`);

    // A plain `next start` serving the front page's and the story's exact bytes as static files.
    log("plain next start of static files with the front page's and the story's bytes…");
    const plainFiles = {
      front: (await rawGet(server.url + "/")).body,
      story: (await rawGet(server.url + "/articles/ckfta-explainer")).body,
    };
    plain = await plainNext(app.projectDir, join(tmp, "plain-next"), opts.port + 3, plainFiles).catch((error: unknown) => {
      log(`plain next start could not be built (${error instanceof Error ? error.message.split("\n")[0] : error}); its rows are left out`);
      return null;
    });

    const urls: (UrlResult & { headers?: Record<string, string> })[] = [];
    for (const u of URLS) {
      const res = await get(server.url + u.path);
      await res.arrayBuffer();
      urls.push({ ...u, status: res.status, load: null, baseline: null });
      if (res.status === 200) await warm(tool, server.url + u.path, warmSeconds, u.headers);
      else log(`${u.path} answered ${res.status}: reported as n/a`);
      if (baselineServer) await warm(tool, baselineServer.url + u.path, warmSeconds, u.headers);
      const plainPath = plain?.paths[u.name];
      if (plain && plainPath) await warm(tool, plain.server.url + plainPath, warmSeconds, u.headers);
    }
    await sleep(2000);
    const idleBytes = treeRss(server.pid);
    log(`warm; RSS ${(idleBytes / 2 ** 20).toFixed(0)} MB`);

    const sampler = rssSampler(server.pid);
    for (const u of urls) {
      if (u.status !== 200) continue;
      const contenders: Contender[] = [{ label: "now", url: server.url + u.path, pid: server.pid }];
      if (baselineServer) contenders.push({ label: "before", url: baselineServer.url + u.path, pid: baselineServer.pid });
      const plainPath = plain?.paths[u.name];
      if (plain && plainPath && !u.headers) contenders.push({ label: "plain", url: plain.server.url + plainPath, pid: plain.server.pid });
      const measured = await alternate(tool, contenders, { rounds, connections, seconds: roundSeconds, headers: u.headers });
      const by = (label: string) => measured[contenders.findIndex((c) => c.label === label)];
      u.rounds = {
        now: by("now")!,
        before: by("before"),
        plain: by("plain") && plainPath ? { ...by("plain")!, path: plainPath } : undefined,
      };
      u.load = u.rounds.now.median;
      u.baseline = u.rounds.before?.median ?? null;
      const fmt = (l: { rps: number; p99Ms: number; cpuMsPerRequest: number }) =>
        `${l.rps.toFixed(0)} req/s, p99 ${l.p99Ms.toFixed(1)} ms, ${l.cpuMsPerRequest.toFixed(2)} ms CPU/req`;
      log(
        `${u.name}: ${fmt(u.rounds.now.median)}${u.rounds.before ? `; before ${fmt(u.rounds.before.median)}` : ""}${u.rounds.plain ? `; plain next ${fmt(u.rounds.plain.median)}` : ""}`,
      );
    }
    await baselineServer?.stop();
    baselineServer = null;
    await plain?.server.stop();
    const peakBytes = sampler.stop();
    const loadEnded = performance.now();

    log("static limit…");
    const limit = await staticLimit(tool, server.url + "/articles/ckfta-explainer", opts.port + 1, tmp, seconds, connections);
    log(`limit: ${limit.load.rps.toFixed(0)} req/s`);
    await sleep(Math.max(0, 10_000 - (performance.now() - loadEnded)));
    const afterBytes = treeRss(server.pid);
    log(`RSS idle 10 s after the page loads: ${(afterBytes / 2 ** 20).toFixed(0)} MB`);

    // Memory after a long, varied load: Next's caches full (the embedded store holds up to CACHE_MEMORY_MB).
    let mixed: Report["mixed"] = null;
    if (tool.name === "wrk") {
      const mixedSeconds = opts.quick ? 10 : 60;
      log(`long mixed load: ${mixedSeconds} s of pages and distinct explorer, API and search queries…`);
      const mixedSampler = rssSampler(server.pid);
      const mixedLoadResult = await mixedLoad(server.url, 20, mixedSeconds, tmp);
      const mixedPeak = mixedSampler.stop();
      await sleep(10_000);
      mixed = {
        seconds: mixedSeconds,
        load: mixedLoadResult,
        peakBytes: mixedPeak,
        afterBytes: treeRss(server.pid),
        cacheMemoryMB: Number(process.env.CACHE_MEMORY_MB ?? 48),
      };
      log(
        `mixed: ${mixedLoadResult.requests} requests; RSS peak ${(mixedPeak / 2 ** 20).toFixed(0)} MB, idle 10 s after ${(mixed.afterBytes / 2 ** 20).toFixed(0)} MB`,
      );
    }

    log("client JavaScript in Chromium…");
    const browser = await launchChromium();
    let saves: Report["saves"];
    let js: Report["js"];
    try {
      js = await measureJs(browser, server.url, JS_PAGES, frameworkScripts(app.projectDir));
      log(`save → visible over ${saveCount} saves…`);
      try {
        saves = await measureSaves({ browser, base: server.url, databaseUrl: databaseUrlOf(app), editor, count: saveCount });
      } catch (error) {
        saves = { error: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
      }
    } finally {
      await browser.close();
    }

    const story = urls.find((u) => u.name === "story")?.load;
    const report: Report & Record<string, unknown> = {
      date: startedAt.toISOString(),
      commit,
      dirty,
      machine: mach,
      node: process.version,
      tool,
      mode: opts.quick ? "quick" : "default",
      connections,
      secondsPerUrl: seconds,
      rounds: { count: rounds, seconds: roundSeconds },
      buildSeconds: buildMs / 1000,
      skippedBuild: opts.skipBuild,
      urls,
      limit: { bodyBytes: limit.bodyBytes, headerBytes: limit.headerBytes, load: limit.load },
      limitStaticHeaderBytes: limit.staticHeaderBytes,
      storyToLimit: ratio(story?.rps ?? Number.NaN, limit.load.rps),
      js,
      saves,
      memory: { idleBytes, peakBytes, afterBytes },
      mixed,
      totalSeconds: 0,
    };
    report.totalSeconds = (performance.now() - t0) / 1000;
    report.loadavgAtEnd = loadavg();
    report.targets = judge(report);
    const file = writeResult(`${startedAt.toISOString().slice(0, 10)}-${commit}${opts.quick ? "-quick" : ""}`, report);
    console.log(`\n${reportHeading(report)}\n\n${reportTable(report)}\n`);
    console.log(`whole run ${report.totalSeconds.toFixed(0)} s; figures in ${file}`);
  } finally {
    await server?.stop();
    await baselineServer?.stop();
    await plain?.server.stop();
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    scale: { type: "boolean", default: false },
    cluster: { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "no-baseline": { type: "boolean", default: false },
    engine: { type: "string", default: "sqlite" },
  },
  strict: true,
});
const opts = {
  quick: values.quick ?? false,
  skipBuild: values["skip-build"] ?? false,
  keep: values.keep ?? false,
  port: Number(process.env.BENCH_PORT ?? 3220),
  tmpPrefix: process.env.BENCH_TMP_PREFIX ?? join(tmpdir(), "ctm-bench-"),
  baseline: !(values["no-baseline"] ?? false),
};
const engineArg = values.engine ?? "sqlite";
const ENGINES: Record<string, Engine[]> = { sqlite: ["sqlite"], pg: ["postgres"], postgres: ["postgres"], both: ["sqlite", "postgres"] };
if (!ENGINES[engineArg]) throw new Error(`--engine ${engineArg}: expected sqlite, pg or both`);
if (engineArg !== "sqlite" && !values.cluster) throw new Error("--engine applies to --cluster only");
const main = values.scale
  ? runScale({ ...opts, log })
  : values.cluster
    ? runCluster({ ...opts, log, tool: pickTool(log), urls: URLS, engines: ENGINES[engineArg]! })
    : bench(opts);
main.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * `npm run bench -- --scale`: does page cost stay flat as the archive grows? Builds and measures
 * the app twice: on the seed (a handful of stories, the IMF figures) and on 2,000 generated
 * stories plus 1,000,000 figure rows, both generated only under a temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { build, runLogged, setupDb, start, type AppEnv } from "./app";
import { load, pickTool, type LoadResult, type Tool } from "./load";
import { commitInfo, machine, warm, writeResult } from "./meta";
import { fmtInt, fmtMs, loadCell, markdownTable } from "./report";
import { copyProject, fillFigures, generateStories, storyContext, type FigureFill } from "./scale";
import { percentile, ratio } from "./stats";

export const SCALE_URLS = [
  { name: "story", path: "/articles/ckfta-explainer" },
  { name: "partner", path: "/partners/KOR" },
  { name: "tracker", path: "/agreements/ckfta" },
  { name: "front", path: "/" },
  { name: "search", path: "/search?q=korea" },
];
export const SCALE_STORIES = 2000;
export const SCALE_FIGURES = 1_000_000;
/** The sitemap protocol's limit per file. */
export const SITEMAP_LIMIT = 50_000;

type SizeResult = {
  label: string;
  stories: number;
  figures: number;
  buildSeconds: number;
  prepareSeconds: number;
  urls: { name: string; path: string; status: number; load: LoadResult | null }[];
  sitemap: { firstMs: number; medianMs: number; urls: number; bytes: number; overLimit: boolean };
  fill?: FigureFill;
};

function counts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const n = (q: string) => z.object({ n: z.number() }).parse(db.prepare(q).get()).n;
  const out = { figures: n("SELECT count(*) AS n FROM trade_figures"), stories: n("SELECT count(*) AS n FROM search_docs WHERE kind = 'story'") };
  db.close();
  return out;
}

async function measure(app: AppEnv, tool: Tool, seconds: number, log: (s: string) => void) {
  const server = await start(app);
  try {
    const urls: SizeResult["urls"] = [];
    for (const u of SCALE_URLS) {
      const res = await fetch(server.url + u.path);
      await res.arrayBuffer();
      const r = { ...u, status: res.status, load: null as LoadResult | null };
      if (res.status === 200) {
        await warm(tool, server.url + u.path, 1);
        r.load = await load(tool, server.url + u.path, { connections: 50, seconds });
        log(`  ${u.name}: ${r.load.rps.toFixed(0)} req/s, p50 ${r.load.p50Ms.toFixed(1)} ms, p99 ${r.load.p99Ms.toFixed(1)} ms`);
      }
      urls.push(r);
    }
    const times: number[] = [];
    let body = "";
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const res = await fetch(`${server.url}/sitemap.xml`);
      body = await res.text();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`/sitemap.xml answered ${res.status}`);
    }
    const sitemapUrls = (body.match(/<url>/g) ?? []).length;
    return {
      urls,
      sitemap: { firstMs: times[0]!, medianMs: percentile(times, 50), urls: sitemapUrls, bytes: Buffer.byteLength(body), overLimit: sitemapUrls > SITEMAP_LIMIT },
    };
  } finally {
    await server.stop();
  }
}

export async function runScale(opts: { quick: boolean; keep: boolean; port: number; tmpPrefix: string; log: (s: string) => void }) {
  const { log } = opts;
  const t0 = performance.now();
  const startedAt = new Date();
  const tool = pickTool(log);
  const seconds = opts.quick ? 2 : 5;
  const tmp = mkdtempSync(`${opts.tmpPrefix}scale-`);
  const sizes: SizeResult[] = [];
  try {
    // 1. The seed, built from the project itself.
    const seedApp: AppEnv = { projectDir: process.cwd(), dbPath: join(tmp, "seed", "portal.db"), port: opts.port, logDir: join(tmp, "seed", "logs") };
    log(`seed size: database and next build (temporary files in ${tmp})…`);
    let p0 = performance.now();
    await setupDb(seedApp);
    const seedPrepare = (performance.now() - p0) / 1000;
    const seedBuild = (await build(seedApp)) / 1000;
    log(`  built in ${seedBuild.toFixed(0)} s`);
    const seedCounts = counts(seedApp.dbPath);
    sizes.push({ label: "seed", ...seedCounts, buildSeconds: seedBuild, prepareSeconds: seedPrepare, ...(await measure(seedApp, tool, seconds, log)) });

    // 2. The grown archive, in a copy of the project whose content/ holds the generated stories.
    const proj = join(tmp, "project");
    const bigApp: AppEnv = { projectDir: proj, dbPath: join(tmp, "scaled", "portal.db"), port: opts.port, logDir: join(tmp, "scaled", "logs") };
    log(`scaled: copying the project to ${proj}, ${fmtInt(SCALE_STORIES)} stories, ${fmtInt(SCALE_FIGURES)} figure rows…`);
    p0 = performance.now();
    copyProject(process.cwd(), proj);
    await setupDb(bigApp);
    generateStories(join(proj, "content"), SCALE_STORIES, storyContext(bigApp.dbPath));
    await runLogged(bigApp, "db-index", join(proj, "node_modules", ".bin", "tsx"), ["db/search-index.ts"]);
    const fill = fillFigures(bigApp.dbPath, SCALE_FIGURES);
    log(`  ${fmtInt(fill.inserted)} figure rows inserted in ${fill.seconds.toFixed(1)} s (${fill.months} months × ${fill.partners} partners)`);
    const bigPrepare = (performance.now() - p0) / 1000;
    log("  next build…");
    const bigBuild = (await build(bigApp)) / 1000;
    log(`  built in ${bigBuild.toFixed(0)} s`);
    sizes.push({ label: "scaled", ...counts(bigApp.dbPath), buildSeconds: bigBuild, prepareSeconds: bigPrepare, fill, ...(await measure(bigApp, tool, seconds, log)) });

    const { commit, dirty } = commitInfo();
    const result = {
      date: startedAt.toISOString(),
      commit,
      dirty,
      machine: machine(),
      node: process.version,
      tool,
      mode: opts.quick ? "scale-quick" : "scale",
      connections: 50,
      secondsPerUrl: seconds,
      sizes,
      totalSeconds: (performance.now() - t0) / 1000,
    };
    const file = writeResult(`${startedAt.toISOString().slice(0, 10)}-${commit}-scale${opts.quick ? "-quick" : ""}`, result);
    console.log(`\n${startedAt.toISOString()} · commit ${commit}${dirty ? " (uncommitted changes)" : ""} · ${result.machine.cores} cores · ${tool.name} ${tool.version} · 50 connections × ${seconds} s per URL\n`);
    console.log(`${scaleTable(sizes)}\n`);
    console.log(`whole --scale run ${(result.totalSeconds / 60).toFixed(1)} min; figures in ${file}`);
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

/** Seed vs scaled, side by side, with the scaled ÷ seed ratio where a ratio means something. */
export function scaleTable(sizes: Pick<SizeResult, "label" | "stories" | "figures" | "buildSeconds" | "urls" | "sitemap">[]): string {
  const [a, b] = sizes;
  if (!a || !b) throw new Error("scaleTable needs two sizes");
  const x = (u: number, v: number) => (Number.isFinite(ratio(v, u)) ? `${ratio(v, u).toFixed(2)}×` : "–");
  const rows: string[][] = [
    ["stories", fmtInt(a.stories), fmtInt(b.stories), x(a.stories, b.stories)],
    ["figure rows", fmtInt(a.figures), fmtInt(b.figures), x(a.figures, b.figures)],
    ["next build", `${a.buildSeconds.toFixed(0)} s`, `${b.buildSeconds.toFixed(0)} s`, x(a.buildSeconds, b.buildSeconds)],
  ];
  for (const u of a.urls) {
    const v = b.urls.find((w) => w.name === u.name);
    rows.push([`${u.name} \`${u.path}\``, loadCell(u.load, u.status), v ? loadCell(v.load, v.status) : "–", u.load && v?.load ? `p50 ${x(u.load.p50Ms, v.load.p50Ms)}` : "–"]);
  }
  const sm = (s: SizeResult["sitemap"]) => `first ${fmtMs(s.firstMs)} · median ${fmtMs(s.medianMs)} · ${fmtInt(s.urls)} URLs${s.overLimit ? ` (over ${fmtInt(SITEMAP_LIMIT)}: needs splitting)` : ""}`;
  rows.push(["`/sitemap.xml` (5 GETs)", sm(a.sitemap), sm(b.sitemap), `median ${x(a.sitemap.medianMs, b.sitemap.medianMs)}`]);
  return markdownTable(["measure", a.label, b.label, "scaled ÷ seed"], rows);
}

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
import { get } from "./http";
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
  sitemap: { firstMs: number; medianMs: number; urls: number; bytes: number; overLimit: boolean } | null;
  buildError?: string;
  fill?: FigureFill;
};

function counts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const n = (q: string) => z.object({ n: z.number() }).parse(db.prepare(q).get()).n;
  const out = {
    figures: n("SELECT count(*) AS n FROM trade_figures"),
    stories: n("SELECT count(*) AS n FROM search_docs WHERE kind = 'story'"),
  };
  db.close();
  return out;
}

async function measure(app: AppEnv, tool: Tool, seconds: number, log: (s: string) => void) {
  const server = await start(app);
  try {
    const urls: SizeResult["urls"] = [];
    for (const u of SCALE_URLS) {
      const res = await get(server.url + u.path);
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
      const res = await get(`${server.url}/sitemap.xml`);
      body = await res.text();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`/sitemap.xml answered ${res.status}`);
    }
    const sitemapUrls = (body.match(/<url>/g) ?? []).length;
    return {
      urls,
      sitemap: {
        firstMs: times[0]!,
        medianMs: percentile(times, 50),
        urls: sitemapUrls,
        bytes: Buffer.byteLength(body),
        overLimit: sitemapUrls > SITEMAP_LIMIT,
      },
    };
  } finally {
    await server.stop();
  }
}

/** The first lines of a failed build that say which pages failed, for the table. */
export function buildFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const pages = [...new Set([...text.matchAll(/Failed to build \S+: (\S+)/g)].map((m) => m[1]))];
  const reason = /because it took more than (\d+ seconds)/.exec(text);
  if (pages.length)
    return `failed: ${pages.slice(0, 4).join(", ")}${pages.length > 4 ? "…" : ""}${reason ? ` took more than ${reason[1]} to prerender` : ""}`;
  return `failed: ${
    text
      .split("\n")
      .find((l) => /error/i.test(l))
      ?.trim() ?? "see the build log"
  }`;
}

export async function runScale(opts: { quick: boolean; keep: boolean; port: number; tmpPrefix: string; log: (s: string) => void }) {
  const { log } = opts;
  const t0 = performance.now();
  const startedAt = new Date();
  const tool = pickTool(log);
  const seconds = opts.quick ? 2 : 5;
  const tmp = mkdtempSync(`${opts.tmpPrefix}scale-`);
  const sizes: SizeResult[] = [];
  log(`temporary files in ${tmp}`);
  try {
    for (const scaled of [false, true]) {
      const label = scaled ? "scaled" : "seed";
      // Both sizes build in a fresh copy of the project, so neither reuses a build cache and the
      // project's own .next is left alone.
      const proj = join(tmp, label, "project");
      const app: AppEnv = { projectDir: proj, dbPath: join(tmp, label, "portal.db"), port: opts.port, logDir: join(tmp, label, "logs") };
      log(`${label}: copying the project${scaled ? `, ${fmtInt(SCALE_STORIES)} stories, ${fmtInt(SCALE_FIGURES)} figure rows` : ""}…`);
      const p0 = performance.now();
      copyProject(process.cwd(), proj);
      await setupDb(app);
      let fill: FigureFill | undefined;
      if (scaled) {
        generateStories(join(proj, "content"), SCALE_STORIES, storyContext(app.dbPath));
        await runLogged(app, "db-index", join(proj, "node_modules", ".bin", "tsx"), ["db/search-index.ts"]);
        fill = fillFigures(app.dbPath, SCALE_FIGURES, SCALE_STORIES);
        log(
          `  ${fmtInt(fill.inserted)} figure rows in ${fill.seconds.toFixed(1)} s: ${fmtInt(fill.monthly)} monthly IMF values (${fill.partners} partners, ` +
            `${fill.addedPartners} of them generated, ${fill.months} months) and ${fmtInt(fill.reported)} values quoted in reports`,
        );
      }
      const prepareSeconds = (performance.now() - p0) / 1000;
      log(`  next build…`);
      const size: SizeResult = { label, ...counts(app.dbPath), buildSeconds: Number.NaN, prepareSeconds, urls: [], sitemap: null, fill };
      sizes.push(size);
      try {
        size.buildSeconds = (await build(app)) / 1000;
      } catch (error) {
        size.buildError = buildFailure(error);
        log(`  build ${size.buildError}`);
        continue;
      }
      log(`  built in ${size.buildSeconds.toFixed(0)} s`);
      Object.assign(size, await measure(app, tool, seconds, log));
      if (!opts.keep) rmSync(proj, { recursive: true, force: true });
    }

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
    console.log(
      `\n${startedAt.toISOString()} · commit ${commit}${dirty ? " (uncommitted changes)" : ""} · ${result.machine.cores} cores · ${tool.name} ${tool.version} · 50 connections × ${seconds} s per URL\n`,
    );
    console.log(`${scaleTable(sizes)}\n`);
    console.log(`whole --scale run ${(result.totalSeconds / 60).toFixed(1)} min; figures in ${file}`);
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

/** Seed vs scaled, side by side, with the scaled ÷ seed ratio where a ratio means something. */
export function scaleTable(
  sizes: Pick<SizeResult, "label" | "stories" | "figures" | "buildSeconds" | "buildError" | "urls" | "sitemap">[],
): string {
  const [a, b] = sizes;
  if (!a || !b) throw new Error("scaleTable needs two sizes");
  const x = (u: number, v: number) => (Number.isFinite(ratio(v, u)) ? `${ratio(v, u).toFixed(2)}×` : "–");
  const rows: string[][] = [
    ["stories", fmtInt(a.stories), fmtInt(b.stories), x(a.stories, b.stories)],
    ["figure rows", fmtInt(a.figures), fmtInt(b.figures), x(a.figures, b.figures)],
    [
      "next build",
      a.buildError ?? `${a.buildSeconds.toFixed(0)} s`,
      b.buildError ?? `${b.buildSeconds.toFixed(0)} s`,
      x(a.buildSeconds, b.buildSeconds),
    ],
  ];
  for (const u of SCALE_URLS) {
    const w = a.urls.find((v) => v.name === u.name);
    const v = b.urls.find((w) => w.name === u.name);
    const cell = (r: typeof w) => (r ? loadCell(r.load, r.status) : "–");
    rows.push([`${u.name} \`${u.path}\``, cell(w), cell(v), w?.load && v?.load ? `p50 ${x(w.load.p50Ms, v.load.p50Ms)}` : "–"]);
  }
  const sm = (s: SizeResult["sitemap"]) =>
    s
      ? `first ${fmtMs(s.firstMs)} · median ${fmtMs(s.medianMs)} · ${fmtInt(s.urls)} URLs${s.overLimit ? ` (over ${fmtInt(SITEMAP_LIMIT)}: needs splitting)` : ""}`
      : "–";
  const median = a.sitemap && b.sitemap ? `median ${x(a.sitemap.medianMs, b.sitemap.medianMs)}` : "–";
  rows.push(["`/sitemap.xml` (5 GETs)", sm(a.sitemap), sm(b.sitemap), median]);
  return markdownTable(["measure", a.label, b.label, "scaled ÷ seed"], rows);
}

/**
 * Lighthouse audit of each public page type, self-contained like e2e/serve.ts: a fresh temporary
 * database (migrate + seed), a production build against it, the production server (`npm start`: server.mjs) on 127.0.0.1, then
 * Lighthouse in the system Chromium on the front page, a story, the CKFTA tracker, a partner
 * page, the explorer and search. Prints the four category scores with LCP, CLS and TBT per page,
 * writes JSON to lighthouse/results/, and stops the server. A page that does not answer 200 (or
 * that Lighthouse cannot audit) is reported as a failed row; the other pages still run.
 *
 * Lighthouse itself is not a dependency of the project (it brings some 170 packages, and one of
 * them asks for another package's `latest` tag, so a lock file holding it never stays in sync):
 * its CLI is run through `npx --yes lighthouse@<LIGHTHOUSE_VERSION>`, which fetches that exact
 * version into npm's cache on first use and reuses it afterwards.
 *
 * Usage: npm run lighthouse
 * Environment:
 *   LIGHTHOUSE_PORT        port for the server (default 3400)
 *   LIGHTHOUSE_DB_PATH     temporary database (default $TMPDIR/ctm-lighthouse-<uid>/portal.db)
 *   LIGHTHOUSE_SKIP_BUILD  1: reuse .next (only if it was built with the same port, since
 *                          SITE_URL is baked into prerendered pages)
 *   LIGHTHOUSE_PRESET      mobile (Lighthouse's throttled mid-range phone), desktop, or both
 *                          (default), audited one after the other
 *   LIGHTHOUSE_STRICT      1: exit 1 when a page fails or scores below 100 in any category
 *   CHROMIUM_PATH          default /usr/bin/chromium
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";

/** The Lighthouse release the scores are measured with; bump it deliberately, scores move between releases. */
const LIGHTHOUSE_VERSION = "12.8.2";
const LIGHTHOUSE = `lighthouse@${LIGHTHOUSE_VERSION}`;

const Env = z.object({
  LIGHTHOUSE_PORT: z.coerce.number().int().min(1024).max(65535).default(3400),
  LIGHTHOUSE_DB_PATH: z
    .string()
    .min(1)
    .default(join(tmpdir(), `ctm-lighthouse-${process.getuid?.() ?? 0}`, "portal.db")),
  LIGHTHOUSE_SKIP_BUILD: z.enum(["", "0", "1"]).default(""),
  LIGHTHOUSE_PRESET: z.enum(["mobile", "desktop", "both"]).default("both"),
  LIGHTHOUSE_STRICT: z.enum(["", "0", "1"]).default(""),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
});
const envParsed = Env.safeParse(process.env);
if (!envParsed.success) {
  console.error(`lighthouse: bad environment\n${z.prettifyError(envParsed.error)}`);
  process.exit(2);
}
const cfg = envParsed.data;
const base = `http://127.0.0.1:${cfg.LIGHTHOUSE_PORT}`;
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

type Preset = "mobile" | "desktop";
type Row = {
  preset: Preset;
  page: string;
  path: string;
  ok: boolean;
  error?: string;
  scores?: Record<(typeof CATEGORIES)[number], number | null>;
  lcpMs?: number | null;
  cls?: number | null;
  tbtMs?: number | null;
  /** Audits that cost points, by category, for the next round of fixes. */
  losing?: { category: string; id: string; title: string; score: number | null; detail?: string }[];
};

const children: ChildProcess[] = [];
/** Stops a child and everything it started (npx → next → workers): it runs in its own group. */
function stop(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    setTimeout(resolve, 10_000).unref();
  });
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
  return exited;
}
const stopAll = () => {
  for (const c of children) void stop(c);
};
process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});
process.on("SIGTERM", () => {
  stopAll();
  process.exit(143);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(url: string, what: string, child: ChildProcess, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** The newest story, as the site feed lists it: the audit follows the content, not a fixed slug. */
async function newestStoryPath(): Promise<string> {
  const xml = await (await fetch(`${base}/feed.xml`)).text();
  const link = /<item>[\s\S]*?<link>([^<]+)<\/link>/.exec(xml)?.[1];
  return link ? new URL(link).pathname : "/articles";
}

const LhrSchema = z.looseObject({
  runtimeError: z.object({ code: z.string(), message: z.string() }).optional(),
  categories: z.record(
    z.string(),
    z.looseObject({ score: z.number().nullable(), auditRefs: z.array(z.looseObject({ id: z.string(), weight: z.number() })) }),
  ),
  audits: z.record(
    z.string(),
    z.looseObject({
      id: z.string(),
      title: z.string(),
      score: z.number().nullable(),
      scoreDisplayMode: z.string(),
      numericValue: z.number().optional(),
      displayValue: z.string().optional(),
    }),
  ),
});

/** Runs the pinned Lighthouse CLI; it attaches to the Chromium already listening on --port (and leaves it running). */
function lighthouseCli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["--yes", LIGHTHOUSE, ...args],
      { env: { ...process.env, CHROME_PATH: cfg.CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stderr });
      },
    );
  });
}

async function audit(preset: Preset, name: string, path: string, cdpPort: number, outDir: string): Promise<Row> {
  const url = base + path;
  const failed = (error: string): Row => ({ preset, page: name, path, ok: false, error });
  const head = await fetch(url, { redirect: "manual" }).catch((e: unknown) => e);
  if (head instanceof Error) return failed(head.message);
  if (head instanceof Response && head.status !== 200) return failed(`HTTP ${head.status}`);
  const file = join(outDir, `${preset}-${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`);
  try {
    const run = await lighthouseCli([
      url,
      `--port=${cdpPort}`,
      "--output=json",
      `--output-path=${file}`,
      `--only-categories=${CATEGORIES.join(",")}`,
      ...(preset === "desktop" ? ["--preset=desktop"] : []),
      "--quiet",
    ]);
    if (!existsSync(file)) return failed(`Lighthouse wrote no report (exit ${run.code}): ${run.stderr.trim().split("\n").at(-1) ?? ""}`);
    const lhr = LhrSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    if (lhr.runtimeError) return failed(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const score = (c: string) => {
      const s = lhr.categories[c]?.score;
      return s === null || s === undefined ? null : Math.round(s * 100);
    };
    const losing: NonNullable<Row["losing"]> = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (!a || a.score === null || a.score >= 1 || ["notApplicable", "manual", "informative"].includes(a.scoreDisplayMode)) continue;
        if (ref.weight === 0 && c !== "performance") continue;
        losing.push({ category: c, id: a.id, title: a.title, score: a.score, ...(a.displayValue ? { detail: a.displayValue } : {}) });
      }
    }
    return {
      preset,
      page: name,
      path,
      ok: true,
      scores: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
        seo: score("seo"),
      },
      lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? null,
      cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
      tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? null,
      losing,
    };
  } catch (e) {
    return failed(e instanceof Error ? e.message : String(e));
  }
}

function table(rows: Row[]): string {
  const head = ["Page", "Path", "Perf", "A11y", "Best pr.", "SEO", "LCP", "CLS", "TBT"];
  const fmt = (n: number | null | undefined, f: (x: number) => string) => (n === null || n === undefined ? "–" : f(n));
  const body = rows.map((r) =>
    r.ok && r.scores
      ? [
          r.page,
          r.path,
          ...CATEGORIES.map((c) => fmt(r.scores?.[c], String)),
          fmt(r.lcpMs, (x) => `${(x / 1000).toFixed(2)} s`),
          fmt(r.cls, (x) => x.toFixed(3)),
          fmt(r.tbtMs, (x) => `${Math.round(x)} ms`),
        ]
      : [r.page, r.path, `FAILED: ${r.error ?? "unknown"}`, "", "", "", "", "", ""],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

async function main() {
  const env = { ...process.env, DATABASE_URL: `file:${cfg.LIGHTHOUSE_DB_PATH}`, SITE_URL: base, NEXT_TELEMETRY_DISABLED: "1" };
  // Fetch (first time) or find (afterwards) the pinned Lighthouse before spending minutes on a build.
  console.log(
    `lighthouse: ${LIGHTHOUSE} ${execFileSync("npx", ["--yes", LIGHTHOUSE, "--version"], { encoding: "utf8" }).trim()} (npx cache)`,
  );
  rmSync(dirname(cfg.LIGHTHOUSE_DB_PATH), { recursive: true, force: true });
  mkdirSync(dirname(cfg.LIGHTHOUSE_DB_PATH), { recursive: true });
  console.log(`lighthouse: database ${cfg.LIGHTHOUSE_DB_PATH}`);
  execFileSync("npx", ["tsx", "db/setup.ts"], { stdio: "inherit", env });
  if (cfg.LIGHTHOUSE_SKIP_BUILD === "1" && existsSync(".next/BUILD_ID")) {
    console.log("lighthouse: reusing the existing build (.next)");
  } else {
    execFileSync("npx", ["next", "build"], { stdio: "inherit", env });
  }

  const server = spawn(process.execPath, ["server.mjs", "-H", "127.0.0.1", "-p", String(cfg.LIGHTHOUSE_PORT)], {
    env,
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(server);
  await waitFor(`${base}/`, "the server", server);

  const cdpPort = await freePort();
  const profile = mkdtempSync(join(tmpdir(), "ctm-lighthouse-chrome-"));
  const chrome = spawn(
    cfg.CHROMIUM_PATH,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      `--remote-debugging-port=${cdpPort}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { detached: true, stdio: "ignore" },
  );
  children.push(chrome);

  const rows: Row[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = join("lighthouse", "results", stamp);
  const presets: Preset[] = cfg.LIGHTHOUSE_PRESET === "both" ? ["mobile", "desktop"] : [cfg.LIGHTHOUSE_PRESET];
  try {
    await waitFor(`http://127.0.0.1:${cdpPort}/json/version`, "Chromium", chrome, 30_000);
    mkdirSync(outDir, { recursive: true });
    const pages: [string, string][] = [
      ["Front page", "/"],
      ["Story", await newestStoryPath()],
      ["Tracker", "/agreements/ckfta"],
      ["Partner", "/partners/KOR"],
      ["Explorer", "/data"],
      ["Search", "/search?q=korea"],
    ];
    for (const preset of presets) {
      for (const [name, path] of pages) {
        console.log(`lighthouse: auditing ${name} (${path}), ${preset} …`);
        rows.push(await audit(preset, name, path, cdpPort, outDir));
      }
    }
  } finally {
    await Promise.all([stop(chrome), stop(server)]);
    // Chromium may still be flushing its profile for a moment after exit.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }

  const summary = { measuredAt: new Date().toISOString(), lighthouse: LIGHTHOUSE_VERSION, base, rows };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);

  for (const preset of presets) {
    const mine = rows.filter((r) => r.preset === preset);
    console.log(`\nLighthouse, ${preset} (${summary.measuredAt.slice(0, 10)})\n`);
    console.log(table(mine));
    for (const r of mine.filter((x) => x.losing?.length)) {
      console.log(`\n${r.page}, ${preset}: audits below full marks`);
      for (const l of r.losing ?? []) console.log(`  [${l.category}] ${l.title}${l.detail ? ` (${l.detail})` : ""}`);
    }
  }
  console.log(`\nJSON: ${join(outDir, "summary.json")} (full reports beside it)`);

  const short = rows.some((r) => !r.ok || CATEGORIES.some((c) => (r.scores?.[c] ?? 0) < 100));
  process.exit(cfg.LIGHTHOUSE_STRICT === "1" && short ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  stopAll();
  process.exit(1);
});

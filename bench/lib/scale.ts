/**
 * Growth data for `npm run bench -- --scale`: generated stories (written only into a temporary
 * copy of the project, never into the repo) and a million generated figure rows in a temporary
 * database. Deterministic (seeded PRNG), so two runs build the same archive.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { z } from "zod";

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKIP = new Set(["node_modules", ".next", ".git", "test-results", "playwright-report", "screenshots", "data"]);

/**
 * Copies the project's sources (not builds or data) to `dest`. The page imports each story's MDX
 * through the bundler (`@/content/articles/${slug}.mdx`), so the build has to find generated
 * stories in its own project's content/: a copy is what lets them live outside the repo.
 * node_modules is copied as hard links (a second or so); Turbopack refuses a symlink that leads
 * outside the project root. Where hard links cannot be made (another filesystem) it is copied.
 */
export function copyProject(src: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  cpSync(src, dest, {
    recursive: true,
    filter: (from) => {
      const rel = relative(src, from);
      if (rel === "") return true;
      const top = rel.split("/")[0]!;
      if (SKIP.has(top)) return false;
      if (rel.startsWith("bench/results")) return false;
      return !basename(from).endsWith(".tsbuildinfo");
    },
  });
  try {
    execFileSync("cp", ["-al", join(src, "node_modules"), join(dest, "node_modules")], { stdio: "ignore" });
  } catch {
    rmSync(join(dest, "node_modules"), { recursive: true, force: true });
    execFileSync("cp", ["-a", join(src, "node_modules"), join(dest, "node_modules")], { stdio: "ignore" });
  }
}

const TOPICS = ["negotiations", "korea", "japan", "rcep", "asean", "trade-data", "investment", "explainer"] as const;
const VERBS = ["grows", "slows", "recovers", "dips", "holds steady", "picks up", "climbs", "eases"];
const NOUNS = [
  "garment orders",
  "rice shipments",
  "bicycle exports",
  "electronics imports",
  "fuel imports",
  "tariff talks",
  "rules of origin",
  "customs reforms",
  "investment pledges",
  "port traffic",
];
const WORDS = (
  "trade officials exporters importers customs ministry quarter month year growth decline tariff quota schedule chapter round " +
  "negotiators agreement partner market shipment factory garment footwear rice cassava rubber electronics machinery vehicle fuel " +
  "steel cement logistics port border investment pledge survey statistics figure estimate revision analyst chamber association " +
  "demand supply price currency freight insurance origin certificate preference margin duty exemption review"
).split(" ");
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export type StoryContext = {
  /** Partners (ISO alpha-3) with annual figures, and their names. */
  partners: { code: string; name: string }[];
  agreements: string[];
  sources: { publisher: string; title: string; date: string }[];
};

const yaml = (s: string) => JSON.stringify(s);

/** Writes `count` stories as content/articles/bench-NNNN.mdx under `contentDir`. */
export function generateStories(contentDir: string, count: number, ctx: StoryContext, seed = 5): number {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, () => pick(WORDS));
    return `${w[0]![0]!.toUpperCase()}${w.join(" ").slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 4 + Math.floor(rand() * 3) }, () => sentence(8 + Math.floor(rand() * 10))).join(" ");
  const dir = join(contentDir, "articles");
  mkdirSync(dir, { recursive: true });
  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 9, 31) - start;
  for (let i = 1; i <= count; i++) {
    const partner = pick(ctx.partners);
    const second = rand() < 0.2 ? pick(ctx.partners) : partner;
    const partners = [...new Set([partner.code, second.code])];
    const date = new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10);
    const year = Math.min(2020, Math.max(2001, Number(date.slice(0, 4)) - 1));
    const topics = [...new Set([pick(TOPICS), pick(TOPICS)])];
    const agreement = rand() < 0.4 ? null : pick(ctx.agreements);
    const source = pick(ctx.sources);
    const title =
      `${partner.name} trade ${pick(VERBS)} as ${pick(NOUNS)} shift (${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)})`.slice(
        0,
        110,
      );
    const body = [
      paragraph(),
      `Recorded two-way trade with ${partner.name} in ${year}: <Figure partner="${partner.code}" flow="total" period="${year}" />, a change of <Change partner="${partner.code}" flow="total" period="${year}" against="${year - 1}" /> on the year before.`,
      `## What the figures say`,
      paragraph(),
      `Exports that year: <Figure partner="${partner.code}" flow="exports" period="${year}" />; imports: <Figure partner="${partner.code}" flow="imports" period="${year}" />.`,
      ...(i % 4 === 0 ? [`<TradeChart partner="${partner.code}" flow="total" from={${year - 10}} to={${year}} />`] : []),
      `## What comes next`,
      paragraph(),
      paragraph(),
    ].join("\n\n");
    const front = [
      "---",
      `title: ${yaml(title)}`,
      `dek: ${yaml(`A generated benchmark story number ${i} about trade between Cambodia and ${partner.name}, with live figures.`)}`,
      `date: ${yaml(date)}`,
      `updated: ${yaml(date)}`,
      `author: "Cambodia Trade Monitor staff"`,
      `topics: ${JSON.stringify(topics)}`,
      `agreement: ${agreement ? yaml(agreement) : "null"}`,
      `partners: ${JSON.stringify(partners)}`,
      "sources:",
      `  - publisher: ${yaml(source.publisher)}`,
      `    title: ${yaml(source.title)}`,
      `    date: ${yaml(source.date)}`,
      "---",
    ].join("\n");
    writeFileSync(join(dir, `bench-${String(i).padStart(4, "0")}.mdx`), `${front}\n\n${body}\n`);
  }
  return count;
}

/** What the scaled database looks like, for the report. */
export type FigureFill = {
  inserted: number;
  total: number;
  /** Monthly IMF DOTS rows (both sides; exports, imports, total, balance). */
  monthly: number;
  /** Values quoted by news reports, spread over partners and months. */
  reported: number;
  months: number;
  partners: number;
  addedPartners: number;
  seconds: number;
};

const CodeRow = z.object({ code: z.string(), region: z.string() });
/**
 * Generated bulk figures are monthly IMF DOTS values, January 1960 to December 2020: the same span
 * as the annual IMF figures in the seed, so "the latest IMF year" of a partner does not move.
 */
const FIRST_YEAR = 1960;
const MONTHS = 61 * 12;
/** News reports quote about five figures per story. */
const REPORTED_PER_STORY = 5;

/** ISO 3166 leaves XAA–XZZ to users: generated economies never clash with a real code. */
const userCode = (i: number) => `X${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;

/**
 * Grows trade_figures to `targetRows` the way a real archive would: monthly IMF DOTS series for
 * every partner, both reporting sides (for IMF DOTS covers about 200 economies, generated ones with
 * user-assigned codes XAA… are added until the rows fit), plus the values news reports quote
 * (`stories` × 5, from the seed's news sources, on random partners and months). Every cell keeps
 * exactly one preferred value: Cambodia's IMF record unless the seed already prefers one there,
 * or a report's value where no IMF record fills the cell.
 * One transaction, one prepared statement per table.
 */
export function fillFigures(dbPath: string, targetRows: number, stories: number, seed = 7): FigureFill {
  const t0 = performance.now();
  const db = new Database(dbPath);
  db.pragma("foreign_keys = ON");
  const count = () => z.object({ n: z.number() }).parse(db.prepare("SELECT count(*) AS n FROM trade_figures").get()).n;
  const before = count();
  const existing = z
    .array(CodeRow)
    .parse(db.prepare("SELECT code, region FROM partners WHERE code NOT IN ('KHM', 'WLD') ORDER BY code").all());
  const newsSources = z
    .array(z.object({ id: z.string() }))
    .parse(db.prepare("SELECT id FROM sources WHERE kind = 'news_report' ORDER BY id").all())
    .map((r) => r.id);
  const preferredCells = new Set(
    z
      .array(z.object({ k: z.string() }))
      .parse(
        db
          .prepare(
            "SELECT counterpart || '|' || khm_flow || '|' || period_start || '|' || period_end AS k FROM trade_figures WHERE preferred = 1",
          )
          .all(),
      )
      .map((r) => r.k),
  );
  const need = Math.max(0, targetRows - before);
  const reported = newsSources.length ? Math.min(need, stories * REPORTED_PER_STORY) : 0;
  const monthlyNeed = need - reported;
  const perPartner = MONTHS * 2 * 4;
  const addedPartners = Math.max(0, Math.ceil(monthlyNeed / perPartner) - existing.length);
  if (addedPartners > 26 * 26) throw new Error(`${targetRows} rows would need more than ${26 * 26} generated economies`);
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const partners = [...existing.map((p) => p.code), ...Array.from({ length: addedPartners }, (_, i) => userCode(i))];
  const insert = db.prepare(
    `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, note, preferred, estimate, derived, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, 0, ?, '2026-11-20T00:00:00Z')`,
  );
  let monthly = 0;
  let quoted = 0;
  db.transaction(() => {
    const addPartner = db.prepare("INSERT INTO partners (code, name, imf_name, region) VALUES (?, ?, NULL, ?)");
    for (let i = 0; i < addedPartners; i++) addPartner.run(userCode(i), `Generated economy ${userCode(i)}`, pick(existing).region);
    const size = new Map(partners.map((p) => [p, 2e4 + rand() ** 3 * 5e8]));
    const month = (m: number) => `${FIRST_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    fill: for (const p of partners) {
      for (let m = 0; m < MONTHS; m++) {
        const period = month(m);
        const base = size.get(p)! * 1.006 ** m;
        const x = Math.round(base * (0.6 + rand() * 0.8));
        const im = Math.round(base * (0.4 + rand() * 1.2));
        for (const khmSide of [true, false]) {
          // The partner's records: Cambodia's exports are its imports (CIF, a little higher).
          const ex = khmSide ? x : Math.round(im * 1.04);
          const mm = khmSide ? im : Math.round(x * 1.05);
          const rows: [string, number, boolean][] = [
            ["exports", ex, false],
            ["imports", mm, false],
            ["total", ex + mm, true],
            ["balance", ex - mm, true],
          ];
          for (const [flow, value, derived] of rows) {
            if (monthly >= monthlyNeed) break fill;
            const khmFlow = khmSide ? flow : flow === "exports" ? "imports" : flow === "imports" ? "exports" : flow;
            const preferred = khmSide && !preferredCells.has(`${p}|${khmFlow}|${period}|${period}`);
            insert.run(
              khmSide ? "KHM" : p,
              khmSide ? p : "KHM",
              period,
              period,
              flow,
              value,
              "imf-dots",
              null,
              preferred ? 1 : 0,
              derived ? 1 : 0,
            );
            monthly++;
          }
        }
      }
    }
    // Values quoted in news reports: preferred only where no IMF record fills the cell.
    const hasPreferred = db.prepare(
      "SELECT 1 FROM trade_figures WHERE counterpart = ? AND khm_flow = ? AND period_start = ? AND period_end = ? AND preferred = 1",
    );
    const used = new Set<string>();
    while (quoted < reported) {
      const p = pick(existing).code;
      const period = month(MONTHS - 1 - Math.floor(rand() * 120));
      const flow = pick(["exports", "imports", "total"] as const);
      const khmSide = rand() < 0.5;
      const source = pick(newsSources);
      const key = `${khmSide}|${p}|${flow}|${period}|${source}`;
      if (used.has(key)) continue;
      used.add(key);
      const value = Math.round(size.get(p)! * (0.5 + rand()));
      const khmFlow = khmSide ? flow : flow === "exports" ? "imports" : flow === "imports" ? "exports" : flow;
      const preferred = hasPreferred.get(p, khmFlow, period, period) === undefined;
      insert.run(
        khmSide ? "KHM" : p,
        khmSide ? p : "KHM",
        period,
        period,
        flow,
        value,
        source,
        "Generated: a value quoted in a report.",
        preferred ? 1 : 0,
        0,
      );
      quoted++;
    }
  }).immediate();
  const total = count();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return {
    inserted: monthly + quoted,
    total,
    monthly,
    reported: quoted,
    months: MONTHS,
    partners: partners.length,
    addedPartners,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Partners with annual figures, agreements and sources, to make generated stories realistic. */
export function storyContext(dbPath: string): StoryContext {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const partners = z.array(z.object({ code: z.string(), name: z.string() })).parse(
    db
      .prepare(
        `SELECT p.code, p.name FROM partners p WHERE p.code NOT IN ('KHM','WLD') AND EXISTS
             (SELECT 1 FROM trade_figures f WHERE f.counterpart = p.code AND f.khm_flow = 'total' AND f.period_start = '2019-01' AND f.period_end = '2019-12')
           ORDER BY p.code`,
      )
      .all(),
  );
  const agreements = z
    .array(z.object({ slug: z.string() }))
    .parse(db.prepare("SELECT slug FROM agreements ORDER BY slug").all())
    .map((r) => r.slug);
  const sources = z
    .array(z.object({ publisher: z.string(), title: z.string(), date: z.string() }))
    .parse(db.prepare("SELECT publisher, title, published_on AS date FROM sources ORDER BY id").all());
  db.close();
  return { partners, agreements, sources };
}

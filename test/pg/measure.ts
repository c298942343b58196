/**
 * Measures the PostgreSQL groundwork beside SQLite on the same seed, in one run:
 *   npx tsx --conditions=react-server test/pg/measure.ts   (PG_MEASURE_PORT: the cluster's port; default a free one)
 * Prints medians (of N runs) and ratios; the machine is shared, so compare within one run only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCluster } from "@/scripts/pg-cluster";

const RUNS = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}
const f = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

const dir = mkdtempSync(join(tmpdir(), "ctm-pg-measure-"));
process.env.DATABASE_URL = `file:${join(dir, "portal.db")}`;
const cluster = await startCluster({ port: process.env.PG_MEASURE_PORT ? Number(process.env.PG_MEASURE_PORT) : undefined });
try {
  const lines: string[] = [];
  const out = (s: string) => (console.log(s), lines.push(s));
  let t = performance.now();
  (await import("@/db/migrate")).runMigrations();
  const sqliteMigrate = performance.now() - t;
  t = performance.now();
  (await import("@/db/seed")).seed();
  const sqliteSeed = performance.now() - t;
  const { indexStories, storyDocs } = await import("@/db/search-index");
  const { readArticles } = await import("@/lib/content/read");
  indexStories();

  const { migratePostgres } = await import("@/db/dialect/postgres/migrate");
  const { postgresDialect } = await import("@/db/dialect/postgres/client");
  const { sqliteDialect } = await import("@/db/dialect/sqlite");
  const { copySqliteToPostgres } = await import("@/db/dialect/copy");
  const { indexStoriesWith } = await import("@/db/dialect/search-index");
  const { migrationDb, closeDb } = await import("@/db/client");
  t = performance.now();
  await migratePostgres(cluster.url);
  const pgMigrate = performance.now() - t;
  let retries = 0;
  const pgd = postgresDialect(cluster.url, { max: 60, onRetry: () => retries++ });
  const lite = sqliteDialect();
  const copy = await copySqliteToPostgres(migrationDb(), pgd);
  t = performance.now();
  await indexStoriesWith(pgd, storyDocs(readArticles()));
  const pgIndex = performance.now() - t;

  out(`## PostgreSQL groundwork, measured ${new Date().toISOString()} (medians of ${RUNS})`);
  out(`migrate: SQLite ${f(sqliteMigrate)} ms · PostgreSQL ${f(pgMigrate)} ms`);
  out(`seed: SQLite db/seed.ts ${f(sqliteSeed)} ms · PostgreSQL copy of the same rows (${copy.rows.tradeFigures} figures, batches of 2,000) ${f(copy.ms)} ms · story index ${f(pgIndex)} ms`);

  const proto = await import("./prototypes");
  const { parseQuery } = await import("@/lib/search/query");
  const { search } = await import("@/db/queries/search");
  const { searchPostgres } = await import("@/db/dialect/postgres/search");
  const reads: [string, (d: typeof lite) => Promise<unknown>][] = [
    ["getCell KOR total 2018", (d) => proto.getCell(d, "KOR", "total", { start: "2018-01", end: "2018-12" })],
    ["getAnnualSeries JPN 1960–2020", (d) => proto.getAnnualSeries(d, "JPN", "total", 1960, 2020)],
    ["topPartners 2019", (d) => proto.topPartners(d, 2019)],
    ["listPartners (GROUP BY over 15k rows)", (d) => proto.listPartners(d)],
  ];
  out(`| read | SQLite ms | PostgreSQL ms | PG ÷ SQLite |`);
  out(`|---|---|---|---|`);
  for (const [name, q] of reads) {
    const a = await time(() => q(lite));
    const b = await time(() => q(pgd));
    out(`| ${name} | ${f(a)} | ${f(b)} | ${(b / a).toFixed(1)} |`);
  }
  for (const [name, text] of [["search words \"fourth round\"", "fourth round"], ["search fragment \"ambodi\"", "ambodi"], ["search typo \"koera\"", "koera"], ["search \"the\" (most documents)", "the"]] as const) {
    const a = await time(async () => search(parseQuery(text)));
    const b = await time(() => searchPostgres(pgd, parseQuery(text)));
    out(`| ${name} | ${f(a)} | ${f(b)} | ${(b / a).toFixed(1)} |`);
  }

  const [ed] = await pgd.write(async (tx) => tx.insert(pgd.t.users).values({ email: "ed@example.org", name: "Ed", role: "editor", passwordHash: "x", createdAt: "2026-01-01T00:00:00Z" }).returning({ id: pgd.t.users.id }));
  await lite.write(async (tx) => tx.insert(lite.t.users).values({ email: "ed@example.org", name: "Ed", role: "editor", passwordHash: "x", createdAt: "2026-01-01T00:00:00Z" }));
  const actor = { id: ed!.id, sessionVersion: 1, role: "editor" as const };
  const figureId = (await proto.getCell(pgd, "KOR", "total", { start: "2019-01", end: "2019-12" }))[0]!.id;
  const save = async (d: typeof lite) => {
    const [cur] = await d.read.select({ version: d.t.tradeFigures.version }).from(d.t.tradeFigures).where((await import("drizzle-orm")).eq(d.t.tradeFigures.id, figureId));
    return proto.adminWrite(d, actor, ["editor"], (tx) => proto.saveFigureValue(d, tx, actor, { id: figureId, version: cur!.version, value: 1_000_000 }));
  };
  const sa = await time(() => save(lite));
  const sb = await time(() => save(pgd));
  out(`| one save: read version, check, write, audit (one transaction) | ${f(sa)} | ${f(sb)} | ${(sb / sa).toFixed(1)} |`);

  out(`\n50 parallel sign-in attempts on one account (5 allowed), median of 5 bursts:`);
  for (const strategy of ["locks", "serializable"] as const) {
    const ms: number[] = [];
    let allowed = 0;
    retries = 0;
    for (let burst = 0; burst < 5; burst++) {
      const now = new Date(Date.UTC(2026, 10, 20, 10, burst * 20));
      const s = performance.now();
      const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => proto.beginAttempt(pgd, `burst${burst}-${strategy}@example.org`, `10.0.${burst}.${i}`, now, strategy).catch((e: unknown) => e)));
      ms.push(performance.now() - s);
      allowed += decisions.filter((x) => typeof x === "object" && x !== null && "allowed" in x && x.allowed).length;
    }
    out(`- PostgreSQL, ${strategy === "locks" ? "advisory locks, READ COMMITTED" : "SERIALIZABLE + retry, no locks"}: ${f(median(ms))} ms per burst, ${allowed / 5} allowed per burst, ${retries / 5} retries per burst`);
  }
  {
    const ms: number[] = [];
    for (let burst = 0; burst < 5; burst++) {
      const s = performance.now();
      await Promise.all(Array.from({ length: 50 }, (_, i) => proto.beginAttempt(lite, `burst${burst}@example.org`, `10.0.${burst}.${i}`, new Date(Date.UTC(2026, 10, 20, 10, burst * 20)))));
      ms.push(performance.now() - s);
    }
    out(`- SQLite, BEGIN IMMEDIATE one at a time: ${f(median(ms))} ms per burst`);
  }
  await pgd.close();
  await lite.close();
  closeDb();
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}

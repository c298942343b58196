/**
 * The record to 2026 as the seed stores it (on the project's engine: SQLite or PostgreSQL), and on
 * SQLite the guarantees the schema gives the new columns and the upgrade of a database built
 * before migrations 0003_record_2026 and 0004_record_2026_checks (PostgreSQL's refusals:
 * test/pg/schema.test.ts).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import type { RawSql } from "./support/raw-sql";
import { ENGINE, testDatabase, type TestDatabase } from "./support/test-database";

let dir: string | undefined;
let test: TestDatabase | undefined;
let sql: RawSql;
/** SQLite only: the writer, for the upgrade and the refusals. */
let db: Database.Database;
let seed: typeof import("@/db/seed");
let migrate: typeof import("@/db/migrate");
let closeDb: () => Promise<void>;

const MIGRATIONS = join(import.meta.dirname, "..", "db", "migrations", "sqlite");

beforeAll(async () => {
  if (ENGINE === "postgres") {
    // The seeded template: db/setup.ts on an empty PostgreSQL database.
    test = await testDatabase("record");
    sql = test.sql;
    seed = await import("@/db/seed");
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "ctm-record-"));
  const path = join(dir, "t.db");
  process.env.DATABASE_URL = `file:${path}`;
  const sqlite = await import("@/db/dialect/sqlite/client");
  closeDb = (await import("@/db/client")).closeDb;
  migrate = await import("@/db/migrate");
  seed = await import("@/db/seed");
  db = sqlite.rawWriter(path);
  // A database as the portal left it before the record to 2026: the migrations before
  // 0003_record_2026 (0000–0002, sessions included) and rows that reference sources and
  // agreement_events (which 0004 rebuilds), users and their sessions.
  const old = join(dir, "old-migrations");
  mkdirSync(join(old, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const before = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === "0003_record_2026"),
  );
  expect(before.map((e) => e.tag)).toEqual(["0000_init", "0001_search", "0002_sessions"]);
  for (const e of before) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(old, `${e.tag}.sql`));
  writeFileSync(join(old, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: before }));
  const { migrate: drizzleMigrate } = await import("drizzle-orm/better-sqlite3/migrator");
  drizzleMigrate(sqlite.migrationDb(path), { migrationsFolder: old });
  db.exec(`
    INSERT INTO partners (code, name, region) VALUES ('KHM', 'Cambodia', 'South-East Asia'), ('KOR', 'South Korea', 'East Asia');
    INSERT INTO sources (id, publisher, title, published_on, kind) VALUES ('old-report', 'A paper', 'A title', '2020-07-02', 'news_report');
    INSERT INTO agreements (slug, name, short_name) VALUES ('ckfta', 'Cambodia–Korea Free Trade Agreement', 'CKFTA');
    INSERT INTO agreement_events (agreement_id, status, date, description, source_id) VALUES (1, 'negotiating', '2020-07-02', 'Talks open.', 'old-report');
    INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, preferred, updated_at)
      VALUES ('KHM', 'KOR', '2019-01', '2019-12', 'total', 885722829, 'USD', 'old-report', 1, '2026-11-20T00:00:00Z');
    INSERT INTO users (email, name, role, password_hash, created_at) VALUES ('old@example.org', 'Old Editor', 'editor', 'x', '2026-11-01T00:00:00Z');
    INSERT INTO updates (agreement_id, posted_at, title, body, status, source_id, author_id, updated_at)
      VALUES (1, '2020-07-03T09:00:00Z', 'Talks open', 'Round one opens.', 'published', 'old-report', 1, '2020-07-03T09:00:00Z');
    INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip)
      VALUES ('old-token-hash', 1, '2026-11-30T08:00:00Z', '2026-11-30T16:00:00Z', '2026-11-30T09:00:00Z', '203.0.113.5');
    INSERT INTO login_attempts (at, email, ip, success, device) VALUES ('2026-11-30T08:00:00Z', 'old@example.org', '203.0.113.5', 1, 'old-device');
  `);
  await migrate.runMigrations();
  await seed.seed();
  const { openRawSql } = await import("./support/raw-sql");
  sql = openRawSql(`file:${path}`);
}, 60_000);

afterAll(async () => {
  await test?.dispose();
  if (dir) {
    await sql?.close();
    await closeDb?.();
    rmSync(dir, { recursive: true, force: true });
  }
});

const all = <T>(statement: string, ...args: unknown[]) => sql.all<T>(statement, ...args);
const one = async <T>(statement: string, ...args: unknown[]) => (await sql.get<T>(statement, ...args)) as T;

describe.runIf(ENGINE === "sqlite")("upgrading a SQLite database built before the 2026 record", () => {
  it("keeps every row through the rebuild of sources and agreement_events, with references intact", async () => {
    expect((await one<{ n: number }>(`SELECT count(*) AS n FROM sources WHERE id = 'old-report'`)).n).toBe(1);
    expect(
      await one<{ description: string; source_id: string }>(
        `SELECT description, source_id FROM agreement_events WHERE date = '2020-07-02' AND status = 'negotiating'`,
      ),
    ).toEqual({
      description: "Talks open.",
      source_id: "old-report",
    });
    expect((await one<{ value: number }>(`SELECT value FROM trade_figures WHERE source_id = 'old-report'`)).value).toBe(885722829);
    expect(db.pragma(`foreign_key_check`)).toEqual([]);
    expect(db.pragma(`foreign_keys`, { simple: true })).toBe(1);
    // Rows of tables the migrations leave alone are kept too: updates (which reference the rebuilt
    // sources), users, their sessions and sign-in attempts.
    expect(await one(`SELECT title, source_id FROM updates WHERE author_id = 1`)).toEqual({ title: "Talks open", source_id: "old-report" });
    expect(
      await one(`SELECT u.email, s.ip, s.ended_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = 'old-token-hash'`),
    ).toEqual({
      email: "old@example.org",
      ip: "203.0.113.5",
      ended_at: null,
    });
    expect(await one(`SELECT device FROM login_attempts WHERE email = 'old@example.org'`)).toEqual({ device: "old-device" });
    // Every migration ran once, in order, and the hand-written triggers of 0004 are in place.
    expect((await one<{ n: number }>(`SELECT count(*) AS n FROM __drizzle_migrations`)).n).toBe(5);
    expect(
      (
        await all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'trade_figures' ORDER BY name`)
      ).map((r) => r.name),
    ).toEqual(["trade_figures_record_2026_insert", "trade_figures_record_2026_update"]);
    // New columns arrive with their defaults.
    expect(await one(`SELECT published_precision, date_inferred FROM sources WHERE id = 'old-report'`)).toEqual({
      published_precision: "day",
      date_inferred: 0,
    });
  });
});

describe("the sourced record", () => {
  it("dates every CKFTA step to conclusion, ratification and entry into force, each with its source and confidence", async () => {
    const steps = await all<{ status: string; date: string; party: string | null; source_id: string; confidence: string }>(
      `SELECT e.status, e.date, e.party, e.source_id, e.confidence FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id
       WHERE a.slug = 'ckfta' AND e.date >= '2021-01-01' ORDER BY e.date`,
    );
    expect(steps).toEqual([
      { status: "concluded", date: "2021-02-03", party: null, source_id: "vna-2021-02-03", confidence: "high" },
      { status: "signed", date: "2021-10-26", party: null, source_id: "koreatimes-2021-10-26", confidence: "high" },
      { status: "ratification", date: "2021-12-29", party: "KHM", source_id: "ppp-2022-02-royal-code", confidence: "high" },
      { status: "ratification", date: "2022-01-06", party: "KHM", source_id: "ppp-2022-02-royal-code", confidence: "high" },
      { status: "ratification", date: "2022-01-29", party: "KHM", source_id: "ppp-2022-02-royal-code", confidence: "high" },
      { status: "ratification", date: "2022-02-09", party: "KHM", source_id: "ppp-2022-02-royal-code", confidence: "high" },
      { status: "ratification", date: "2022-09-27", party: "KOR", source_id: "okja-2022-12", confidence: "medium" },
      { status: "ratification", date: "2022-10-02", party: "KOR", source_id: "okja-2022-12", confidence: "medium" },
      { status: "in_force", date: "2022-12-01", party: null, source_id: "khmertimes-2022-10-05", confidence: "high" },
      { status: "in_force", date: "2024-05-13", party: null, source_id: "edaily-2024-05-13", confidence: "high" },
    ]);
    // The WTO's 2026 export confirms the signature and the entry into force.
    const confirmed = (
      await all<{ date: string }>(
        `SELECT e.date FROM agreement_event_sources s JOIN agreement_events e ON e.id = s.event_id JOIN agreements a ON a.id = e.agreement_id
         WHERE a.slug = 'ckfta' AND s.source_id = 'wto-rtais-2026' ORDER BY e.date`,
      )
    ).map((r) => r.date);
    expect(confirmed).toEqual(["2021-10-26", "2022-12-01"]);
  });

  it("has RCEP and the Cambodia–China FTA in force for Cambodia from 1 January 2022", async () => {
    const rows = await all<{ slug: string; party: string | null }>(
      `SELECT a.slug, e.party FROM agreement_events e JOIN agreements a ON a.id = e.agreement_id WHERE e.status = 'in_force' AND e.date = '2022-01-01' ORDER BY a.slug`,
    );
    expect(rows).toEqual([
      { slug: "ccfta", party: null },
      { slug: "rcep", party: "KHM" },
    ]);
  });

  it("keeps every row of both WTO exports, the 2021 ones matched to their RTA IDs", async () => {
    const ids = async (source: string) =>
      (await sql.column<number>(`SELECT rta_id FROM wto_rta_records WHERE source_id = ? ORDER BY rta_id`, source)).join(",");
    expect(await ids("wto-rtais")).toBe("42,126,169,176,437,438,994");
    expect(await ids("wto-rtais-2026")).toBe("42,126,169,176,437,438,994,1092,1168,1170,1171");
    expect(await one(`SELECT status, inactive_on FROM wto_rta_records WHERE source_id = 'wto-rtais-2026' AND rta_id = 126`)).toEqual({
      status: "Inactive",
      inactive_on: "2010-05-17",
    });
  });

  it("stores the tariff-elimination shares exactly, with the source's unit and the agreement they combine with", async () => {
    const rows = await all(
      `SELECT t.party, t.share_bp, t.counted, c.slug AS combined, t.source_id FROM tariff_eliminations t JOIN agreements c ON c.id = t.combined_with_id ORDER BY t.party`,
    );
    expect(rows).toEqual([
      { party: "KHM", share_bp: 9380, counted: "products", combined: "rcep", source_id: "vna-2021-02-03" },
      { party: "KOR", share_bp: 9560, counted: "products", combined: "rcep", source_id: "vna-2021-02-03" },
    ]);
  });

  it("stores post-2020 figures as reported: whose records, spans, approximate and one-source values", async () => {
    expect(
      await one(
        `SELECT reporter, flow, value, records, confidence FROM trade_figures WHERE source_id = 'ppp-2022-01-korea-trade' AND flow = 'exports'`,
      ),
    ).toEqual({
      reporter: "KOR",
      flow: "exports",
      value: 623_600_000,
      records: "KITA",
      confidence: "medium",
    });
    expect(
      await one(`SELECT period_start, period_end, value FROM trade_figures WHERE source_id = 'nbcambodia-2024-10-23' AND flow = 'total'`),
    ).toEqual({
      period_start: "2024-01",
      period_end: "2024-09",
      value: 627_740_000,
    });
    expect(await one(`SELECT approximate, records FROM trade_figures WHERE source_id = 'vietstock-2024-01' AND flow = 'total'`)).toEqual({
      approximate: 1,
      records: "GDCE",
    });
    // Only what a source states: no GDCE figure for Japan in 2021.
    expect(
      (
        await one<{ n: number }>(
          `SELECT count(*) AS n FROM trade_figures WHERE counterpart = 'JPN' AND side = 'cambodia' AND period_start = '2021-01' AND period_end = '2021-12'`,
        )
      ).n,
    ).toBe(0);
    // Figures stored before record keepers existed now say whose records they are.
    expect(
      (
        await one<{ records: string }>(
          `SELECT records FROM trade_figures WHERE source_id = 'yonhap-2020-10-05' AND flow = 'total' AND derived = false`,
        )
      ).records,
    ).toBe("KITA");
  });

  it("gives a reported value the preference over one implied by a later report, and flags them as differing", async () => {
    const rows = await all<{ source_id: string; derived: number; preferred: number }>(
      `SELECT source_id, derived, preferred FROM trade_figures WHERE counterpart = 'JPN' AND khm_flow = 'exports' AND period_start = '2022-01' AND period_end = '2022-12' ORDER BY preferred DESC`,
    );
    expect(rows[0]).toMatchObject({ source_id: "ppp-2023-01-japan-trade", derived: 0, preferred: 1 });
    expect(rows.find((r) => r.source_id === "ppp-2024-03-26")).toMatchObject({ derived: 1, preferred: 0 });
  });

  it("keeps sources' dates only as precise as given", async () => {
    expect(await one(`SELECT published_on, published_precision, date_inferred FROM sources WHERE id = 'ppp-2022-02-royal-code'`)).toEqual({
      published_on: "2022-02-01",
      published_precision: "month",
      date_inferred: 1,
    });
    expect((await one<{ url: string }>(`SELECT url FROM sources WHERE id = 'okja-2022-12'`)).url).toMatch(/^http:\/\//);
  });

  it("is idempotent: seeding again adds nothing", async () => {
    const counts = () =>
      all(
        `SELECT (SELECT count(*) FROM agreement_events) e, (SELECT count(*) FROM agreement_event_sources) s, (SELECT count(*) FROM wto_rta_records) w, (SELECT count(*) FROM trade_figures) f`,
      );
    const before = await counts();
    await seed.seed();
    expect(await counts()).toEqual(before);
  }, 60_000);
});

describe.runIf(ENGINE === "sqlite")("what the SQLite schema refuses", () => {
  const insertFigure = (over: string) =>
    db.prepare(
      `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, updated_at, ${over.split("=")[0]})
       VALUES ('KHM', 'KOR', '2030-01', '2030-12', 'total', 1, 'USD', 'imf-dots', '2026-12-01T00:00:00Z', ${over.split("=")[1]})`,
    );

  it("a record keeper that does not keep the reporter's records, or none at all", () => {
    expect(() => insertFigure("records='KITA'").run()).toThrow(/trade_figures_records/);
    expect(() => insertFigure("records='NOPE'").run()).toThrow(/FOREIGN KEY/);
    const id = Number(insertFigure("records='GDCE'").run().lastInsertRowid);
    expect(() => db.prepare(`UPDATE trade_figures SET records = 'JETRO' WHERE id = ?`).run(id)).toThrow(/trade_figures_records/);
    db.prepare(`DELETE FROM trade_figures WHERE id = ?`).run(id);
  });

  it("a flag that is not a boolean, a confidence that is not high or medium", () => {
    expect(() => insertFigure("approximate=2").run()).toThrow(/trade_figures_approximate/);
    expect(() => insertFigure("confidence='low'").run()).toThrow(/trade_figures_confidence/);
    expect(() => db.prepare(`UPDATE agreement_events SET confidence = 'low' WHERE id = 1`).run()).toThrow(/agreement_events_confidence/);
  });

  it("a source address that is not a web address, a month date not on the first", () => {
    expect(() => db.prepare(`UPDATE sources SET url = 'javascript:alert(1)' WHERE id = 'old-report'`).run()).toThrow(/sources_url/);
    expect(() => db.prepare(`UPDATE sources SET published_precision = 'month' WHERE id = 'old-report'`).run()).toThrow(
      /sources_published_on_precision/,
    );
  });

  it("a tariff share outside 0–100% or as a fraction, a WTO row with an impossible date", () => {
    expect(() => db.prepare(`UPDATE tariff_eliminations SET share_bp = 10001`).run()).toThrow(/tariff_eliminations_share/);
    expect(() => db.prepare(`UPDATE tariff_eliminations SET share_bp = 93.8`).run()).toThrow(/tariff_eliminations_share/);
    expect(() => db.prepare(`UPDATE wto_rta_records SET in_force_goods = '2022-02-30' WHERE rta_id = 1168`).run()).toThrow(
      /wto_rta_records_in_force_goods/,
    );
  });
});

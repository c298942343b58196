/**
 * The database the seed makes, on the engine of the Vitest project (SQLite or PostgreSQL): tables,
 * reference rows, one preferred value per cell, idempotent re-seeding, the CKFTA rounds, figures and
 * their generated columns. On SQLite also its connections (WAL, full sync, the read-only reader) and
 * its constraints, statement by statement; PostgreSQL's are tested in test/pg/schema.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCES } from "@/db/seed-data/newsroom";
import type Database from "better-sqlite3";
import { count as sqlCount, eq, sql } from "drizzle-orm";
import type { RawSql } from "./support/raw-sql";
import { ENGINE, testDatabase, type TestDatabase } from "./support/test-database";

type ClientModule = typeof import("@/db/client");
type SeedModule = typeof import("@/db/seed");
type MigrateModule = typeof import("@/db/migrate");
type TablesModule = typeof import("@/db/tables");

let test: TestDatabase;
let client: ClientModule;
let seedModule: SeedModule;
let migrateModule: MigrateModule;
let tables: TablesModule;
let db: RawSql;

const SEED_TIME = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  // Migrated only: this file runs the seed itself, as `npm run db:setup` does.
  test = await testDatabase("db", { seeded: false });
  db = test.sql;
  migrateModule = await import("@/db/migrate");
  seedModule = await import("@/db/seed");
  client = await import("@/db/client");
  tables = await import("@/db/tables");
  await migrateModule.runMigrations();
  await seedModule.seed();
}, 60_000);

afterAll(async () => {
  await test?.dispose();
});

/**
 * The better-sqlite3 handle under a drizzle database. drizzle() sets `$client` at runtime, but the
 * shared ReadDb type does not declare it.
 */
function sqliteOf(d: object): Database.Database {
  const handle = (d as { $client?: Database.Database }).$client;
  if (!handle) throw new Error("drizzle database without $client");
  return handle;
}

const count = (table: string) => db.value<number>(`SELECT count(*) FROM ${table}`);

async function tableCounts(): Promise<Record<string, number>> {
  const names =
    test.engine === "sqlite"
      ? await db.column<string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      : await db.column<string>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
        );
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = await count(`"${name}"`);
  return counts;
}

/** SQLite only: its writer, for the statement-by-statement constraint tests. */
const sqliteWriter = async () => (await import("@/db/dialect/sqlite/client")).rawWriter((await import("@/lib/env")).databasePath);

/** Runs `statement` on SQLite's writer, expects SQLite to refuse it with `message`, and checks nothing was written to `table`. */
async function expectRefused(table: string, statement: string, params: unknown[], message: RegExp) {
  const before = await count(table);
  let error: unknown = null;
  try {
    (await sqliteWriter()).prepare(statement).run(...params);
  } catch (e) {
    error = e;
  }
  expect(error, `expected SQLite to refuse: ${statement} ${JSON.stringify(params)}`).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  expect(await count(table)).toBe(before);
}

/** Runs `fn` on SQLite's writer in a savepoint that is always rolled back. */
async function rolledBack(fn: (w: Database.Database) => void | Promise<void>) {
  const w = await sqliteWriter();
  w.exec("SAVEPOINT probe");
  try {
    await fn(w);
  } finally {
    w.exec("ROLLBACK TO probe; RELEASE probe");
  }
}

class RollBack extends Error {}

const ckftaId = () => db.value<number>(`SELECT id FROM agreements WHERE slug = 'ckfta'`);

const INSERT_ROUND = `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES (?, ?, ?, ?, 'virtual', ?)`;
const INSERT_FIGURE = `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, preferred, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** A figure no seed row occupies (IMF data start in 1960): valid unless a test changes one field. */
const figure = (
  over: Partial<{
    reporter: string;
    partner: string;
    start: string;
    end: string;
    flow: string;
    value: number;
    unit: string;
    source: string;
    preferred: number;
  }> = {},
) => {
  const f = {
    reporter: "KHM",
    partner: "KOR",
    start: "1950-01",
    end: "1950-12",
    flow: "exports",
    value: 1_000_000,
    unit: "USD",
    source: "yonhap-2020-07-02",
    preferred: 0,
    ...over,
  };
  return [f.reporter, f.partner, f.start, f.end, f.flow, f.value, f.unit, f.source, f.preferred, SEED_TIME];
};

describe("the write transaction", () => {
  it("is the only way to write, and can also read", async () => {
    // @ts-expect-error -- a read connection is not a write transaction: no mutation accepts one
    const notATx: import("@/db/client").WriteTx = client.readDb();
    expect(notATx).toBeDefined();
    // A write transaction is a ReadDb, so a query typed against ReadDb can run inside one.
    const n = await client.writeTransaction(async (tx) => {
      const asRead: import("@/db/client").ReadDb = tx;
      return (await asRead.select({ n: sqlCount() }).from(tables.partners))[0]?.n;
    });
    expect(n).toBe(await count("partners"));
  });

  it("refuses a write inside another write (it would wait for itself on SQLite, and commit apart on PostgreSQL)", async () => {
    await expect(client.writeTransaction(() => client.writeTransaction(async () => 1))).rejects.toThrow(/inside another write transaction/);
  });
});

describe.runIf(ENGINE === "sqlite")("SQLite connections", () => {
  it("uses WAL, enforces foreign keys and syncs fully on the writer", async () => {
    const w = await sqliteWriter();
    expect(w.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(w.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(w.pragma("synchronous", { simple: true })).toBe(2);
    expect(w.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("enforces foreign keys and full sync on the reader too", () => {
    const reader = sqliteOf(client.readDb());
    expect(reader.readonly).toBe(true);
    expect(reader.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(reader.pragma("synchronous", { simple: true })).toBe(2);
    expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("reuses one pair of connections", async () => {
    const w = await sqliteWriter();
    const { migrationDb } = await import("@/db/dialect/sqlite/client");
    const { databasePath } = await import("@/lib/env");
    expect(sqliteOf(migrationDb(databasePath))).toBe(w);
    expect(sqliteOf(client.readDb())).toBe(sqliteOf(client.readDb()));
    expect(sqliteOf(client.readDb())).not.toBe(w);
  });

  it("reads through readDb() but refuses any write on it", async () => {
    const read = client.readDb();
    const before = await count("partners");
    // Reading works on the read connection and sees the writer's committed rows.
    expect((await read.select({ n: sqlCount() }).from(tables.partners))[0]?.n).toBe(before);
    expect(() => sqliteOf(read).prepare(`INSERT INTO partners (code, name, region) VALUES ('ZZZ', 'Nowhere', 'World')`).run()).toThrow(
      /readonly/i,
    );
    // The read connection's type has no insert, update or delete: a query cannot even be written to
    // write (typecheck fails on each line below without its directive). The object under the type
    // still has them, and SQLite refuses each at run time.
    // @ts-expect-error -- ReadDb has no insert
    await expect(read.insert(tables.partners).values({ code: "ZZY", name: "Nowhere", region: "World" })).rejects.toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no update
    await expect(read.update(tables.partners).set({ name: "Elsewhere" })).rejects.toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no delete
    await expect(read.delete(tables.partners)).rejects.toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no run (raw SQL reads go through rows())
    expect(() => read.run(sql`DELETE FROM partners`)).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/readonly/i) }) }),
    );
    expect(() => sqliteOf(read).exec(`DELETE FROM partners`)).toThrow(/readonly/i);
    expect(await count("partners")).toBe(before);
  });
});

describe("migrations and seed", () => {
  it("creates every table of the schema", async () => {
    const names = Object.keys(await tableCounts());
    for (const t of [
      "partners",
      "sources",
      "agreements",
      "agreement_parties",
      "agreement_events",
      "agreement_event_sources",
      "rounds",
      "round_sources",
      "users",
      "updates",
      "trade_figures",
      "record_keepers",
      "wto_rta_records",
      "tariff_eliminations",
      "audit_log",
      "login_attempts",
    ]) {
      expect(names).toContain(t);
    }
  });

  it("fills the reference tables", async () => {
    const counts = await tableCounts();
    for (const t of [
      "partners",
      "sources",
      "agreements",
      "agreement_parties",
      "agreement_events",
      "agreement_event_sources",
      "rounds",
      "round_sources",
      "updates",
      "trade_figures",
      "record_keepers",
      "wto_rta_records",
      "tariff_eliminations",
    ]) {
      expect(counts[t], t).toBeGreaterThan(0);
    }
    expect(counts.sources).toBe(SOURCES.length);
    expect(counts.users).toBe(0);
  });

  it("is idempotent: migrating and seeding again changes no row count and no preferred value", async () => {
    const before = await tableCounts();
    const preferredBefore = await db.column(`SELECT id FROM trade_figures WHERE preferred = true ORDER BY id`);
    const maxIdBefore = await db.value(`SELECT max(id) FROM trade_figures`);
    await migrateModule.runMigrations();
    const result = await seedModule.seed();
    // Rows considered, including exact duplicates in the IMF extract that the unique index folds away.
    expect(result.figures).toBeGreaterThanOrEqual(before.trade_figures!);
    expect(await tableCounts()).toEqual(before);
    expect(await db.column(`SELECT id FROM trade_figures WHERE preferred = true ORDER BY id`)).toEqual(preferredBefore);
    expect(await db.value(`SELECT max(id) FROM trade_figures`)).toBe(maxIdBefore);
  }, 30_000);

  it("seeds around rows editors made in between: their ids stay theirs, no id is used up, and a correction stays", async () => {
    const f = tables.tradeFigures;
    const maxId = await db.value<number>(`SELECT max(id) FROM trade_figures`);
    // An editor adds a source and a figure, and corrects a seeded value.
    const added = await client.writeTransaction(async (tx) => {
      await tx
        .insert(tables.sources)
        .values({ id: "editor-source", publisher: "Desk", title: "Notes", publishedOn: "2026-01-01", kind: "news_report" });
      const [row] = await tx
        .insert(f)
        .values({
          reporter: "KHM",
          partner: "THA",
          periodStart: "1951-01",
          periodEnd: "1951-12",
          flow: "exports",
          value: 7,
          unit: "USD",
          sourceId: "editor-source",
          preferred: true,
          updatedAt: SEED_TIME,
        })
        .returning({ id: f.id });
      await tx.update(f).set({ value: 12_345, version: 2 }).where(eq(f.id, 1));
      return row!.id;
    });
    // Seeding again (above, and here) inserted nothing, so it used up no id in between.
    expect(added).toBe(maxId + 1);
    await seedModule.seed();
    expect(await db.value(`SELECT max(id) FROM trade_figures`)).toBe(added);
    expect(await db.get(`SELECT value, version FROM trade_figures WHERE id = 1`)).toEqual({ value: 12_345, version: 2 });
    const next = await client.writeTransaction(async (tx) =>
      tx
        .insert(f)
        .values({
          reporter: "KHM",
          partner: "THA",
          periodStart: "1952-01",
          periodEnd: "1952-12",
          flow: "exports",
          value: 8,
          unit: "USD",
          sourceId: "editor-source",
          preferred: true,
          updatedAt: SEED_TIME,
        })
        .returning({ id: f.id }),
    );
    expect(next[0]!.id).toBe(added + 1);
  }, 30_000);

  it("keeps exactly one preferred value in every cell", async () => {
    const bad = await db.all(
      `SELECT counterpart, khm_flow, period_start, period_end, count(*) AS p FROM trade_figures WHERE preferred = true
       GROUP BY counterpart, khm_flow, period_start, period_end HAVING count(*) <> 1`,
    );
    expect(bad).toEqual([]);
    const withoutPreferred = await db.value(
      `SELECT count(*) FROM (SELECT counterpart, khm_flow, period_start, period_end FROM trade_figures
       GROUP BY counterpart, khm_flow, period_start, period_end HAVING sum(CASE WHEN preferred THEN 1 ELSE 0 END) = 0) AS cells`,
    );
    expect(withoutPreferred).toBe(0);
  });
});

describe("CKFTA rounds", () => {
  it("has rounds 1–4 with their start dates", async () => {
    const rounds = await db.all(
      `SELECT number, start_date AS start, end_date AS "end" FROM rounds WHERE agreement_id = ? ORDER BY number`,
      await ckftaId(),
    );
    expect(rounds).toEqual([
      { number: 1, start: "2020-07-30", end: "2020-07-31" },
      { number: 2, start: "2020-08-31", end: "2020-09-02" },
      { number: 3, start: "2020-10-06", end: "2020-10-08" },
      { number: 4, start: "2020-11-18", end: "2020-11-20" },
    ]);
  });

  it("keeps both reported end dates of round 2, preferring 2 September", async () => {
    const rows = await db.all<{ source: string; end: string | null; preferred: number }>(
      `SELECT rs.source_id AS source, rs.end_date AS "end", rs.preferred FROM round_sources rs
       JOIN rounds r ON r.id = rs.round_id WHERE r.agreement_id = ? AND r.number = 2 ORDER BY rs.source_id`,
      await ckftaId(),
    );
    const ends = [...new Set(rows.map((r) => r.end).filter((e) => e !== null))].sort();
    expect(ends).toEqual(["2020-09-02", "2020-09-03"]);
    const preferred = rows.filter((r) => r.preferred === 1);
    expect(preferred).toHaveLength(1);
    expect(preferred[0]).toMatchObject({ end: "2020-09-02", source: "yonhap-2020-10-05" });
    expect(rows.filter((r) => r.end === "2020-09-03")).toEqual([{ source: "ppp-2020-09-01", end: "2020-09-03", preferred: 0 }]);
  });

  it("gives every round exactly one preferred report, matching the round's own dates", async () => {
    const rows = await db.all(
      `SELECT r.number, count(*) AS n, min(CASE WHEN rs.start_date = r.start_date AND rs.end_date = r.end_date THEN 1 ELSE 0 END) AS same
       FROM rounds r JOIN round_sources rs ON rs.round_id = r.id AND rs.preferred = true WHERE r.agreement_id = ? GROUP BY r.id, r.number ORDER BY r.number`,
      await ckftaId(),
    );
    expect(rows).toEqual([1, 2, 3, 4].map((number) => ({ number, n: 1, same: 1 })));
  });
});

describe("trade figures", () => {
  it("holds the 2018 Korea total from the Post, Yonhap and the IMF on both sides, with one preferred", async () => {
    const rows = await db.all<{ source: string; side: string; value: number; preferred: number }>(
      `SELECT source_id AS source, side, value, preferred FROM trade_figures
       WHERE counterpart = 'KOR' AND khm_flow = 'total' AND period_start = '2018-01' AND period_end = '2018-12'
       ORDER BY source_id, side`,
    );
    expect(rows.map((r) => `${r.source}/${r.side}`)).toEqual([
      "imf-dots/cambodia",
      "imf-dots/partner",
      "ppp-2020-09-01/cambodia",
      "yonhap-2020-10-05/partner",
    ]);
    expect(rows.find((r) => r.source === "ppp-2020-09-01")?.value).toBe(756_000_000);
    expect(rows.filter((r) => r.preferred === 1)).toHaveLength(1);
    // The seed prefers official statistics, and Cambodia's own records.
    expect(rows.find((r) => r.preferred === 1)).toMatchObject({ source: "imf-dots", side: "cambodia" });
  });

  it("stores every value as a whole number", async () => {
    if (test.engine === "sqlite") expect(await db.value(`SELECT count(*) FROM trade_figures WHERE typeof(value) <> 'integer'`)).toBe(0);
    else
      expect(
        await db.value(`SELECT data_type FROM information_schema.columns WHERE table_name = 'trade_figures' AND column_name = 'value'`),
      ).toBe("bigint");
  });

  it("restates a partner's exports as Cambodia's imports", async () => {
    const row = await db.get(
      `SELECT counterpart, side, khm_flow, value, khm_value FROM trade_figures
       WHERE reporter = 'KOR' AND partner = 'KHM' AND flow = 'exports' AND period_start = '2019-01' AND source_id = 'yonhap-2020-07-02'`,
    );
    expect(row).toEqual({ counterpart: "KOR", side: "partner", khm_flow: "imports", value: 697_000_000, khm_value: 697_000_000 });
    const mismatched = await db.value(
      `SELECT count(*) FROM trade_figures WHERE reporter <> 'KHM' AND NOT (
         (flow = 'exports' AND khm_flow = 'imports') OR (flow = 'imports' AND khm_flow = 'exports') OR
         (flow NOT IN ('exports', 'imports') AND khm_flow = flow))`,
    );
    expect(mismatched).toBe(0);
  });

  it("restates a partner's surplus as Cambodia's deficit, and keeps Cambodia's own balance as is", async () => {
    const kor = await db.get(
      `SELECT value, khm_value FROM trade_figures
       WHERE reporter = 'KOR' AND flow = 'balance' AND period_start = '2019-01' AND source_id = 'yonhap-2020-07-02'`,
    );
    expect(kor).toEqual({ value: 361_000_000, khm_value: -361_000_000 });
    expect(await db.value(`SELECT count(*) FROM trade_figures WHERE reporter <> 'KHM' AND flow = 'balance' AND khm_value <> -value`)).toBe(
      0,
    );
    expect(await db.value(`SELECT count(*) FROM trade_figures WHERE reporter = 'KHM' AND khm_value <> value`)).toBe(0);
    const jpn = await db.get(
      `SELECT value, khm_value, side FROM trade_figures WHERE reporter = 'KHM' AND partner = 'JPN' AND flow = 'balance' AND period_start = '2024-01'`,
    );
    expect(jpn).toEqual({ value: 148_790_000, khm_value: 148_790_000, side: "cambodia" });
  });

  it("computes the generated columns for a new row and refuses to have them written", async () => {
    const f = tables.tradeFigures;
    const probe = client.writeTransaction(async (tx) => {
      const [row] = await tx
        .insert(f)
        .values({
          reporter: "JPN",
          partner: "KHM",
          periodStart: "1950-01",
          periodEnd: "1950-12",
          flow: "balance",
          value: -5,
          unit: "USD",
          sourceId: "yonhap-2020-07-02",
          updatedAt: SEED_TIME,
        })
        .returning({ id: f.id, counterpart: f.counterpart, side: f.side, khmFlow: f.khmFlow, khmValue: f.khmValue });
      expect(row).toEqual({ id: row!.id, counterpart: "JPN", side: "partner", khmFlow: "balance", khmValue: 5 });
      await expect(client.exec(tx, sql`UPDATE trade_figures SET khm_value = 0 WHERE id = ${row!.id}`)).rejects.toThrow(
        // SQLite: "cannot UPDATE generated column"; PostgreSQL: "column … can only be updated to DEFAULT".
        expect.objectContaining({
          cause: expect.objectContaining({ message: expect.stringMatching(/generated column|can only be updated to DEFAULT/i) }),
        }),
      );
      throw new RollBack();
    });
    await expect(probe).rejects.toBeInstanceOf(RollBack);
  });
});

describe.runIf(ENGINE === "sqlite")("SQLite constraints (PostgreSQL: test/pg/schema.test.ts)", () => {
  it("accepts the valid rows the rejection tests start from (control)", async () => {
    const ckfta = await ckftaId();
    await rolledBack((w) => {
      const n = (table: string) => w.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const rounds = n("rounds");
      w.prepare(INSERT_ROUND).run(ckfta, 5, "2020-12-01", "2020-12-03", SEED_TIME);
      expect(n("rounds")).toBe(rounds + 1);
      const figures = n("trade_figures");
      w.prepare(INSERT_FIGURE).run(...figure());
      w.prepare(INSERT_FIGURE).run(
        ...figure({ reporter: "KOR", partner: "KHM", start: "2018-01", end: "2018-12", flow: "total", source: "yonhap-2020-07-02" }),
      );
      expect(n("trade_figures")).toBe(figures + 2);
      const sources = n("sources");
      w.prepare(`INSERT INTO sources (id, publisher, title, published_on, kind) VALUES (?, 'P', 'T', '2020-01-01', 'news_report')`).run(
        "good-source-1",
      );
      expect(n("sources")).toBe(sources + 1);
    });
  });

  it("refuses a round that starts on an impossible day (2025-02-30)", async () => {
    await expectRefused(
      "rounds",
      INSERT_ROUND,
      [await ckftaId(), 50, "2025-02-30", "2025-03-05", SEED_TIME],
      /CHECK constraint failed: rounds_start_date/,
    );
  });

  it("refuses a round that ends before it starts", async () => {
    await expectRefused(
      "rounds",
      INSERT_ROUND,
      [await ckftaId(), 50, "2025-03-05", "2025-03-01", SEED_TIME],
      /CHECK constraint failed: rounds_order/,
    );
  });

  it("refuses a second round with the same number in one agreement", async () => {
    await expectRefused(
      "rounds",
      INSERT_ROUND,
      [await ckftaId(), 2, "2025-03-01", "2025-03-02", SEED_TIME],
      /UNIQUE constraint failed: rounds\.agreement_id, rounds\.number/,
    );
  });

  it("refuses a negative export value", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ value: -1 }), /CHECK constraint failed: trade_figures_value/);
  });

  it("refuses a fractional value stored as REAL", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ value: 1.5 }), /CHECK constraint failed: trade_figures_value/);
  });

  it("refuses a month 13 period", async () => {
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({ start: "2019-13", end: "2019-13" }),
      /CHECK constraint failed: trade_figures_period_start/,
    );
  });

  it("refuses a partner code that is not in partners (foreign key)", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ partner: "XYZ" }), /FOREIGN KEY constraint failed/);
  });

  it("refuses a second preferred value in the same cell", async () => {
    // The cell (KOR, total, 2018) already has a preferred IMF value; this one comes from another side and source.
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({
        reporter: "KOR",
        partner: "KHM",
        start: "2018-01",
        end: "2018-12",
        flow: "total",
        source: "yonhap-2020-07-02",
        preferred: 1,
      }),
      /UNIQUE constraint failed: trade_figures\.counterpart, trade_figures\.khm_flow/,
    );
  });

  it("refuses a source id with upper-case letters", async () => {
    await expectRefused(
      "sources",
      `INSERT INTO sources (id, publisher, title, published_on, kind) VALUES (?, 'P', 'T', '2020-01-01', 'news_report')`,
      ["Yonhap-2020-07-02"],
      /CHECK constraint failed: sources_id_slug/,
    );
  });

  it("refuses trade between two economies neither of which is Cambodia", async () => {
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({ reporter: "KOR", partner: "JPN" }),
      /CHECK constraint failed: trade_figures_involves_khm/,
    );
  });

  it("refuses a rank stored in US dollars", async () => {
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({ flow: "partner_rank", value: 5, unit: "USD" }),
      /CHECK constraint failed: trade_figures_value/,
    );
  });

  // Regression: this was broken before; see the commit that fixed it.
  it("refuses an update posted at hour 29", async () => {
    const insert = `INSERT INTO updates (agreement_id, posted_at, title, body, updated_at) VALUES (?, ?, 'Title', 'Body', ?)`;
    await rolledBack(async () => {
      await expectRefused(
        "updates",
        insert,
        [await ckftaId(), "2020-07-02T29:59:59Z", SEED_TIME],
        /CHECK constraint failed: updates_posted_at/,
      );
    });
  });
});

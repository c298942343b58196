import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCES } from "@/db/seed-data/newsroom";
import type Database from "better-sqlite3";
import { count as sqlCount, sql } from "drizzle-orm";

type ClientModule = typeof import("@/db/client");
type SeedModule = typeof import("@/db/seed");
type MigrateModule = typeof import("@/db/migrate");
type SchemaModule = typeof import("@/db/schema");

let dir: string;
let client: ClientModule;
let seedModule: SeedModule;
let migrateModule: MigrateModule;
let schema: SchemaModule;
let db: Database.Database;

const SEED_TIME = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-db-"));
  // lib/env.ts reads DATABASE_URL when it is first imported, so set it before importing anything from db/.
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  migrateModule = await import("@/db/migrate");
  seedModule = await import("@/db/seed");
  client = await import("@/db/client");
  schema = await import("@/db/schema");
  migrateModule.runMigrations();
  seedModule.seed();
  db = client.rawWriter();
}, 30_000);

afterAll(() => {
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * The better-sqlite3 handle under a drizzle database. drizzle() sets `$client` at runtime, but the
 * `Db` type exported by db/client.ts does not declare it.
 */
function sqliteOf(d: object): Database.Database {
  const handle = (d as { $client?: Database.Database }).$client;
  if (!handle) throw new Error("drizzle database without $client");
  return handle;
}

const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function tableCounts(): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, count(`"${t.name}"`)]));
}

/** Runs `statement`, expects SQLite to refuse it with `message`, and checks nothing was written to `table`. */
function expectRefused(table: string, statement: string, params: unknown[], message: RegExp) {
  const before = count(table);
  let error: unknown = null;
  try {
    db.prepare(statement).run(...params);
  } catch (e) {
    error = e;
  }
  expect(error, `expected SQLite to refuse: ${statement} ${JSON.stringify(params)}`).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  expect(count(table)).toBe(before);
}

/** Runs `fn` in a savepoint that is always rolled back. */
function rolledBack(fn: () => void) {
  db.exec("SAVEPOINT probe");
  try {
    fn();
  } finally {
    db.exec("ROLLBACK TO probe; RELEASE probe");
  }
}

const ckftaId = () => (db.prepare(`SELECT id FROM agreements WHERE slug = 'ckfta'`).get() as { id: number }).id;

const INSERT_ROUND = `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES (?, ?, ?, ?, 'virtual', ?)`;
const INSERT_FIGURE = `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, preferred, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** A figure no seed row occupies (IMF data start in 1960): valid unless a test changes one field. */
const figure = (over: Partial<{ reporter: string; partner: string; start: string; end: string; flow: string; value: number; unit: string; source: string; preferred: number }> = {}) => {
  const f = { reporter: "KHM", partner: "KOR", start: "1950-01", end: "1950-12", flow: "exports", value: 1_000_000, unit: "USD", source: "yonhap-2020-07-02", preferred: 0, ...over };
  return [f.reporter, f.partner, f.start, f.end, f.flow, f.value, f.unit, f.source, f.preferred, SEED_TIME];
};

describe("connections", () => {
  it("uses WAL, enforces foreign keys and syncs fully on the writer", () => {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("enforces foreign keys and full sync on the reader too", () => {
    const reader = sqliteOf(client.readDb());
    expect(reader.readonly).toBe(true);
    expect(reader.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(reader.pragma("synchronous", { simple: true })).toBe(2);
    expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("reuses one pair of connections", () => {
    expect(client.rawWriter()).toBe(db);
    expect(sqliteOf(client.migrationDb())).toBe(db);
    expect(sqliteOf(client.readDb())).toBe(sqliteOf(client.readDb()));
    expect(sqliteOf(client.readDb())).not.toBe(db);
  });

  it("reads through readDb() but refuses any write on it", () => {
    const read = client.readDb();
    const before = count("partners");
    // Reading works on the read connection and sees the writer's committed rows.
    expect(read.select({ n: sqlCount() }).from(schema.partners).get()?.n).toBe(before);
    expect(() => sqliteOf(read).prepare(`INSERT INTO partners (code, name, region) VALUES ('ZZZ', 'Nowhere', 'World')`).run()).toThrow(
      /readonly/i,
    );
    // The read connection's type has no insert, update or delete: a query cannot even be written to
    // write (typecheck fails on each line below without its directive). The object under the type
    // still has them, and SQLite refuses each at run time.
    // @ts-expect-error -- ReadDb has no insert
    expect(() => read.insert(schema.partners).values({ code: "ZZY", name: "Nowhere", region: "World" }).run()).toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no update
    expect(() => read.update(schema.partners).set({ name: "Elsewhere" }).run()).toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no delete
    expect(() => read.delete(schema.partners).run()).toThrow(/readonly/i);
    // @ts-expect-error -- ReadDb has no run (raw SQL reads go through all/get)
    expect(() => read.run(sql`DELETE FROM partners`)).toThrow(expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/readonly/i) }) }));
    expect(() => sqliteOf(read).exec(`DELETE FROM partners`)).toThrow(/readonly/i);
    expect(count("partners")).toBe(before);
  });

  it("hands out writes only as a write transaction, which can also read", () => {
    // @ts-expect-error -- a read connection is not a write transaction: no mutation accepts one
    const notATx: import("@/db/client").WriteTx = client.readDb();
    expect(notATx).toBeDefined();
    // A write transaction is a ReadDb, so a query typed against ReadDb can run inside one.
    const n = client.writeTransaction((tx) => {
      const asRead: import("@/db/client").ReadDb = tx;
      return asRead.select({ n: sqlCount() }).from(schema.partners).get()?.n;
    });
    expect(n).toBe(count("partners"));
  });
});

describe("migrations and seed", () => {
  it("creates every table of the schema", () => {
    const tables = Object.keys(tableCounts());
    for (const t of ["partners", "sources", "agreements", "agreement_parties", "agreement_events", "agreement_event_sources", "rounds", "round_sources", "users", "updates", "trade_figures", "record_keepers", "wto_rta_records", "tariff_eliminations", "audit_log", "login_attempts"]) {
      expect(tables).toContain(t);
    }
  });

  it("fills the reference tables", () => {
    const counts = tableCounts();
    for (const t of ["partners", "sources", "agreements", "agreement_parties", "agreement_events", "agreement_event_sources", "rounds", "round_sources", "updates", "trade_figures", "record_keepers", "wto_rta_records", "tariff_eliminations"]) {
      expect(counts[t], t).toBeGreaterThan(0);
    }
    expect(counts.sources).toBe(SOURCES.length);
    expect(counts.users).toBe(0);
  });

  it("is idempotent: migrating and seeding again changes no row count and no preferred value", () => {
    const before = tableCounts();
    const preferredBefore = db.prepare(`SELECT id FROM trade_figures WHERE preferred = 1 ORDER BY id`).pluck().all();
    const maxIdBefore = db.prepare(`SELECT max(id) FROM trade_figures`).pluck().get();
    migrateModule.runMigrations();
    const result = seedModule.seed();
    // Rows considered, including exact duplicates in the IMF extract that the unique index folds away.
    expect(result.figures).toBeGreaterThanOrEqual(before.trade_figures!);
    expect(tableCounts()).toEqual(before);
    expect(db.prepare(`SELECT id FROM trade_figures WHERE preferred = 1 ORDER BY id`).pluck().all()).toEqual(preferredBefore);
    expect(db.prepare(`SELECT max(id) FROM trade_figures`).pluck().get()).toBe(maxIdBefore);
  }, 20_000);

  it("keeps exactly one preferred value in every cell", () => {
    const bad = db
      .prepare(
        `SELECT counterpart, khm_flow, period_start, period_end, sum(preferred) AS p FROM trade_figures
         GROUP BY counterpart, khm_flow, period_start, period_end HAVING p <> 1`,
      )
      .all();
    expect(bad).toEqual([]);
  });
});

describe("CKFTA rounds", () => {
  it("has rounds 1–4 with their start dates", () => {
    const rounds = db
      .prepare(`SELECT number, start_date AS start, end_date AS "end" FROM rounds WHERE agreement_id = ? ORDER BY number`)
      .all(ckftaId());
    expect(rounds).toEqual([
      { number: 1, start: "2020-07-30", end: "2020-07-31" },
      { number: 2, start: "2020-08-31", end: "2020-09-02" },
      { number: 3, start: "2020-10-06", end: "2020-10-08" },
      { number: 4, start: "2020-11-18", end: "2020-11-20" },
    ]);
  });

  it("keeps both reported end dates of round 2, preferring 2 September", () => {
    const rows = db
      .prepare(
        `SELECT rs.source_id AS source, rs.end_date AS "end", rs.preferred FROM round_sources rs
         JOIN rounds r ON r.id = rs.round_id WHERE r.agreement_id = ? AND r.number = 2 ORDER BY rs.source_id`,
      )
      .all(ckftaId()) as { source: string; end: string | null; preferred: number }[];
    const ends = [...new Set(rows.map((r) => r.end).filter((e) => e !== null))].sort();
    expect(ends).toEqual(["2020-09-02", "2020-09-03"]);
    const preferred = rows.filter((r) => r.preferred === 1);
    expect(preferred).toHaveLength(1);
    expect(preferred[0]).toMatchObject({ end: "2020-09-02", source: "yonhap-2020-10-05" });
    expect(rows.filter((r) => r.end === "2020-09-03")).toEqual([{ source: "ppp-2020-09-01", end: "2020-09-03", preferred: 0 }]);
  });

  it("gives every round exactly one preferred report, matching the round's own dates", () => {
    const rows = db
      .prepare(
        `SELECT r.number, count(*) AS n, min(rs.start_date = r.start_date AND rs.end_date = r.end_date) AS same
         FROM rounds r JOIN round_sources rs ON rs.round_id = r.id AND rs.preferred = 1 WHERE r.agreement_id = ? GROUP BY r.id ORDER BY r.number`,
      )
      .all(ckftaId());
    expect(rows).toEqual([1, 2, 3, 4].map((number) => ({ number, n: 1, same: 1 })));
  });
});

describe("trade figures", () => {
  it("holds the 2018 Korea total from the Post, Yonhap and the IMF on both sides, with one preferred", () => {
    const rows = db
      .prepare(
        `SELECT source_id AS source, side, value, preferred FROM trade_figures
         WHERE counterpart = 'KOR' AND khm_flow = 'total' AND period_start = '2018-01' AND period_end = '2018-12'
         ORDER BY source_id, side`,
      )
      .all() as { source: string; side: string; value: number; preferred: number }[];
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

  it("stores every value as a whole number", () => {
    expect(db.prepare(`SELECT count(*) FROM trade_figures WHERE typeof(value) <> 'integer'`).pluck().get()).toBe(0);
  });

  it("restates a partner's exports as Cambodia's imports", () => {
    const row = db
      .prepare(
        `SELECT counterpart, side, khm_flow, value, khm_value FROM trade_figures
         WHERE reporter = 'KOR' AND partner = 'KHM' AND flow = 'exports' AND period_start = '2019-01' AND source_id = 'yonhap-2020-07-02'`,
      )
      .get();
    expect(row).toEqual({ counterpart: "KOR", side: "partner", khm_flow: "imports", value: 697_000_000, khm_value: 697_000_000 });
    const mismatched = db
      .prepare(
        `SELECT count(*) FROM trade_figures WHERE reporter <> 'KHM' AND NOT (
           (flow = 'exports' AND khm_flow = 'imports') OR (flow = 'imports' AND khm_flow = 'exports') OR
           (flow NOT IN ('exports', 'imports') AND khm_flow = flow))`,
      )
      .pluck()
      .get();
    expect(mismatched).toBe(0);
  });

  it("restates a partner's surplus as Cambodia's deficit, and keeps Cambodia's own balance as is", () => {
    const kor = db
      .prepare(
        `SELECT value, khm_value FROM trade_figures
         WHERE reporter = 'KOR' AND flow = 'balance' AND period_start = '2019-01' AND source_id = 'yonhap-2020-07-02'`,
      )
      .get();
    expect(kor).toEqual({ value: 361_000_000, khm_value: -361_000_000 });
    expect(db.prepare(`SELECT count(*) FROM trade_figures WHERE reporter <> 'KHM' AND flow = 'balance' AND khm_value <> -value`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM trade_figures WHERE reporter = 'KHM' AND khm_value <> value`).pluck().get()).toBe(0);
    const jpn = db
      .prepare(`SELECT value, khm_value, side FROM trade_figures WHERE reporter = 'KHM' AND partner = 'JPN' AND flow = 'balance' AND period_start = '2024-01'`)
      .get();
    expect(jpn).toEqual({ value: 148_790_000, khm_value: 148_790_000, side: "cambodia" });
  });

  it("computes the generated columns for a new row and refuses to have them written", () => {
    rolledBack(() => {
      const id = db.prepare(INSERT_FIGURE).run(...figure({ reporter: "JPN", partner: "KHM", flow: "balance", value: -5 })).lastInsertRowid;
      expect(db.prepare(`SELECT counterpart, side, khm_flow, khm_value FROM trade_figures WHERE id = ?`).get(id)).toEqual({
        counterpart: "JPN",
        side: "partner",
        khm_flow: "balance",
        khm_value: 5,
      });
      expect(() => db.prepare(`UPDATE trade_figures SET khm_value = 0 WHERE id = ?`).run(id)).toThrow(/generated column/i);
    });
  });
});

describe("constraints", () => {
  it("accepts the valid rows the rejection tests start from (control)", () => {
    rolledBack(() => {
      const rounds = count("rounds");
      db.prepare(INSERT_ROUND).run(ckftaId(), 5, "2020-12-01", "2020-12-03", SEED_TIME);
      expect(count("rounds")).toBe(rounds + 1);
      const figures = count("trade_figures");
      db.prepare(INSERT_FIGURE).run(...figure());
      db.prepare(INSERT_FIGURE).run(...figure({ reporter: "KOR", partner: "KHM", start: "2018-01", end: "2018-12", flow: "total", source: "yonhap-2020-07-02" }));
      expect(count("trade_figures")).toBe(figures + 2);
      const sources = count("sources");
      db.prepare(`INSERT INTO sources (id, publisher, title, published_on, kind) VALUES (?, 'P', 'T', '2020-01-01', 'news_report')`).run("good-source-1");
      expect(count("sources")).toBe(sources + 1);
    });
  });

  it("refuses a round that starts on an impossible day (2025-02-30)", () => {
    expectRefused("rounds", INSERT_ROUND, [ckftaId(), 50, "2025-02-30", "2025-03-05", SEED_TIME], /CHECK constraint failed: rounds_start_date/);
  });

  it("refuses a round that ends before it starts", () => {
    expectRefused("rounds", INSERT_ROUND, [ckftaId(), 50, "2025-03-05", "2025-03-01", SEED_TIME], /CHECK constraint failed: rounds_order/);
  });

  it("refuses a second round with the same number in one agreement", () => {
    expectRefused("rounds", INSERT_ROUND, [ckftaId(), 2, "2025-03-01", "2025-03-02", SEED_TIME], /UNIQUE constraint failed: rounds\.agreement_id, rounds\.number/);
  });

  it("refuses a negative export value", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ value: -1 }), /CHECK constraint failed: trade_figures_value/);
  });

  it("refuses a fractional value stored as REAL", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ value: 1.5 }), /CHECK constraint failed: trade_figures_value/);
  });

  it("refuses a month 13 period", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ start: "2019-13", end: "2019-13" }), /CHECK constraint failed: trade_figures_period_start/);
  });

  it("refuses a partner code that is not in partners (foreign key)", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ partner: "XYZ" }), /FOREIGN KEY constraint failed/);
  });

  it("refuses a second preferred value in the same cell", () => {
    // The cell (KOR, total, 2018) already has a preferred IMF value; this one comes from another side and source.
    expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({ reporter: "KOR", partner: "KHM", start: "2018-01", end: "2018-12", flow: "total", source: "yonhap-2020-07-02", preferred: 1 }),
      /UNIQUE constraint failed: trade_figures\.counterpart, trade_figures\.khm_flow/,
    );
  });

  it("refuses a source id with upper-case letters", () => {
    expectRefused(
      "sources",
      `INSERT INTO sources (id, publisher, title, published_on, kind) VALUES (?, 'P', 'T', '2020-01-01', 'news_report')`,
      ["Yonhap-2020-07-02"],
      /CHECK constraint failed: sources_id_slug/,
    );
  });

  it("refuses trade between two economies neither of which is Cambodia", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ reporter: "KOR", partner: "JPN" }), /CHECK constraint failed: trade_figures_involves_khm/);
  });

  it("refuses a rank stored in US dollars", () => {
    expectRefused("trade_figures", INSERT_FIGURE, figure({ flow: "partner_rank", value: 5, unit: "USD" }), /CHECK constraint failed: trade_figures_value/);
  });

  // Regression: this was broken before; see the commit that fixed it.
  it("refuses an update posted at hour 29", () => {
    const insert = `INSERT INTO updates (agreement_id, posted_at, title, body, updated_at) VALUES (?, ?, 'Title', 'Body', ?)`;
    rolledBack(() => {
      expectRefused("updates", insert, [ckftaId(), "2020-07-02T29:59:59Z", SEED_TIME], /CHECK constraint failed: updates_posted_at/);
    });
  });
});

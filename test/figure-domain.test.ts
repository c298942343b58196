/**
 * The rules of lib/domain/figure.ts hold in TypeScript and in SQL alike: the flip to Cambodia's side
 * (generated columns of trade_figures) and what counts as an annual period, checked on every row of
 * the real seed in a temporary database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import {
  CAMBODIA,
  CAMBODIA_SIDE_SQL,
  counterpartOf,
  isAnnual,
  isAnnualSql,
  khmFlowOf,
  khmValueOf,
  periodLabel,
  sideOf,
  unitOf,
  type Period,
} from "@/lib/domain/figure";
import { FLOWS, type Flow } from "@/db/schema";

let dir: string;
let client: typeof import("@/db/client");
let schema: typeof import("@/db/schema");
let db: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-domain-"));
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  (await import("@/db/migrate")).runMigrations();
  (await import("@/db/seed")).seed();
  client = await import("@/db/client");
  schema = await import("@/db/schema");
  db = client.rawWriter();
}, 30_000);

afterAll(() => {
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type StoredRow = { reporter: string; partner: string; flow: Flow; value: number; counterpart: string; side: string; khm_flow: string; khm_value: number };
const allRows = () =>
  db.prepare("SELECT reporter, partner, flow, value, counterpart, side, khm_flow, khm_value FROM trade_figures ORDER BY id").all() as StoredRow[];

/** What the TypeScript rules say each generated column holds. */
const flipped = (r: Pick<StoredRow, "reporter" | "partner" | "flow" | "value">) => ({
  counterpart: counterpartOf(r.reporter, r.partner),
  side: sideOf(r.reporter),
  khm_flow: khmFlowOf(r.reporter, r.flow),
  khm_value: khmValueOf(r.reporter, r.flow, r.value),
});

describe("Cambodia's side: TypeScript and the generated columns agree", () => {
  it("on every seeded row", () => {
    const rows = allRows();
    expect(rows.length).toBeGreaterThan(10_000);
    const disagreeing = rows.filter((r) => JSON.stringify(flipped(r)) !== JSON.stringify({ counterpart: r.counterpart, side: r.side, khm_flow: r.khm_flow, khm_value: r.khm_value }));
    expect(disagreeing).toEqual([]);
    // The seed has both sides, and the flows the flip changes.
    expect(new Set(rows.map((r) => r.side))).toEqual(new Set(["cambodia", "partner"]));
    for (const flow of ["exports", "imports", "balance"]) expect(rows.some((r) => r.reporter !== CAMBODIA && r.flow === flow), flow).toBe(true);
  });

  it("on every flow, reported by either side (rows written and rolled back)", () => {
    db.exec("SAVEPOINT every_flow");
    try {
      const insert = db.prepare(
        "INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, updated_at) VALUES (?, ?, '1950-01', '1950-12', ?, ?, ?, 'imf-dots', '2026-01-01T00:00:00Z') RETURNING reporter, partner, flow, value, counterpart, side, khm_flow, khm_value",
      );
      for (const flow of FLOWS) {
        for (const [reporter, partner] of [[CAMBODIA, "KOR"], ["KOR", CAMBODIA]] as const) {
          const value = flow === "balance" ? -1_000_000 : unitOf(flow) === "rank" ? 3 : 1_000_000;
          const r = insert.get(reporter, partner, flow, value, unitOf(flow)) as StoredRow;
          expect({ counterpart: r.counterpart, side: r.side, khm_flow: r.khm_flow, khm_value: r.khm_value }, `${reporter} ${flow}`).toEqual(flipped(r));
        }
      }
    } finally {
      db.exec("ROLLBACK TO every_flow; RELEASE every_flow");
    }
  });

  it("the migrated table computes its columns with the SQL of lib/domain/figure.ts", () => {
    // drizzle-kit does not notice a changed expression of a generated column, so compare the table itself.
    const created = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'trade_figures'").get() as { sql: string }).sql;
    const squash = (s: string) => s.replace(/\s+/g, " ");
    for (const [column, expression] of [
      ["counterpart", CAMBODIA_SIDE_SQL.counterpart],
      ["side", CAMBODIA_SIDE_SQL.side],
      ["khm_flow", CAMBODIA_SIDE_SQL.khmFlow],
      ["khm_value", CAMBODIA_SIDE_SQL.khmValue],
    ] as const) {
      expect(squash(created), column).toContain(squash(`\`${column}\` ${column === "khm_value" ? "integer" : "text"} GENERATED ALWAYS AS (${expression}) STORED`));
    }
    expect(squash(created)).toContain(squash(CAMBODIA_SIDE_SQL.involvesCambodia));
  });
});

describe("annual periods: isAnnual and isAnnualSql agree", () => {
  const edges: Period[] = [
    { start: "2019-01", end: "2019-12" },
    { start: "2019-01", end: "2019-11" },
    { start: "2019-02", end: "2019-12" },
    { start: "2019-01", end: "2020-12" },
    { start: "2018-01", end: "2019-12" },
    { start: "2019-12", end: "2019-12" },
    { start: "2019-01", end: "2019-01" },
    { start: "2024-01", end: "2024-09" },
    { start: "2023-11", end: "2024-02" },
  ];

  it("on every period stored in the seed and on the edge cases", () => {
    const read = client.readDb();
    const t = schema.tradeFigures;
    const seeded = read
      .selectDistinct({ start: t.periodStart, end: t.periodEnd, annual: sql<number>`${isAnnualSql(t.periodStart, t.periodEnd)}` })
      .from(t)
      .all();
    const values = sql.join(edges.map((p) => sql`(${p.start}, ${p.end})`), sql`, `);
    const edgeRows = read.all<{ start: string; end: string; annual: number }>(
      sql`SELECT column1 AS start, column2 AS "end", ${isAnnualSql(sql.raw("column1"), sql.raw("column2"))} AS annual FROM (VALUES ${values})`,
    );
    expect(seeded.length).toBeGreaterThan(60);
    expect(edgeRows.length).toBe(edges.length);
    const disagreeing = [...seeded, ...edgeRows].filter((p) => isAnnual(p) !== (p.annual === 1));
    expect(disagreeing).toEqual([]);
    // Both kinds occur: whole years, and months and spans that are not.
    expect(seeded.some((p) => p.annual === 1) && seeded.some((p) => p.annual === 0)).toBe(true);
  });

  it("labels exactly the annual periods by their year", () => {
    for (const p of edges) expect(/^\d{4}$/.test(periodLabel(p)), `${p.start}/${p.end}`).toBe(isAnnual(p));
  });
});

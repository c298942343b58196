/**
 * The rules of lib/domain/figure.ts hold in TypeScript and in SQL alike: the flip to Cambodia's side
 * (generated columns of trade_figures) and what counts as an annual period, checked on every row of
 * the real seed in a database of the project's engine (SQLite or PostgreSQL).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import type { RawSql } from "./support/raw-sql";
import { testDatabase, type TestDatabase } from "./support/test-database";

let test: TestDatabase;
let client: typeof import("@/db/client");
let tables: typeof import("@/db/tables");
let db: RawSql;

beforeAll(async () => {
  test = await testDatabase("domain");
  db = test.sql;
  client = await import("@/db/client");
  tables = await import("@/db/tables");
}, 30_000);

afterAll(async () => {
  await test?.dispose();
});

type StoredRow = {
  reporter: string;
  partner: string;
  flow: Flow;
  value: number;
  counterpart: string;
  side: string;
  khm_flow: string;
  khm_value: number;
};
const allRows = () =>
  db.all<StoredRow>("SELECT reporter, partner, flow, value, counterpart, side, khm_flow, khm_value FROM trade_figures ORDER BY id");

/** What the TypeScript rules say each generated column holds. */
const flipped = (r: Pick<StoredRow, "reporter" | "partner" | "flow" | "value">) => ({
  counterpart: counterpartOf(r.reporter, r.partner),
  side: sideOf(r.reporter),
  khm_flow: khmFlowOf(r.reporter, r.flow),
  khm_value: khmValueOf(r.reporter, r.flow, r.value),
});

class RollBack extends Error {}

describe("Cambodia's side: TypeScript and the generated columns agree", () => {
  it("on every seeded row", async () => {
    const rows = await allRows();
    expect(rows.length).toBeGreaterThan(10_000);
    const disagreeing = rows.filter(
      (r) =>
        JSON.stringify(flipped(r)) !==
        JSON.stringify({ counterpart: r.counterpart, side: r.side, khm_flow: r.khm_flow, khm_value: r.khm_value }),
    );
    expect(disagreeing).toEqual([]);
    // The seed has both sides, and the flows the flip changes.
    expect(new Set(rows.map((r) => r.side))).toEqual(new Set(["cambodia", "partner"]));
    for (const flow of ["exports", "imports", "balance"])
      expect(
        rows.some((r) => r.reporter !== CAMBODIA && r.flow === flow),
        flow,
      ).toBe(true);
  });

  it("on every flow, reported by either side (rows written and rolled back)", async () => {
    const f = tables.tradeFigures;
    const written = client.writeTransaction(async (tx) => {
      for (const flow of FLOWS) {
        for (const [reporter, partner] of [
          [CAMBODIA, "KOR"],
          ["KOR", CAMBODIA],
        ] as const) {
          const value = flow === "balance" ? -1_000_000 : unitOf(flow) === "rank" ? 3 : 1_000_000;
          const [r] = await tx
            .insert(f)
            .values({
              reporter,
              partner,
              periodStart: "1950-01",
              periodEnd: "1950-12",
              flow,
              value,
              unit: unitOf(flow),
              sourceId: "imf-dots",
              updatedAt: "2026-01-01T00:00:00Z",
            })
            .returning({ counterpart: f.counterpart, side: f.side, khm_flow: f.khmFlow, khm_value: f.khmValue });
          expect(r, `${reporter} ${flow}`).toEqual(flipped({ reporter, partner, flow, value }));
        }
      }
      throw new RollBack();
    });
    await expect(written).rejects.toBeInstanceOf(RollBack);
    expect(await db.value("SELECT count(*) FROM trade_figures WHERE period_start = '1950-01'")).toBe(0);
  });

  it("the migrated table computes its columns with the SQL of lib/domain/figure.ts", async () => {
    // drizzle-kit does not notice every change of a generated column's expression, so compare what
    // the migrations created: SQLite keeps the table's CREATE statement as written; PostgreSQL keeps
    // its own rewording of the expressions, so the migration files are read instead.
    const created =
      test.engine === "sqlite"
        ? await db.value<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'trade_figures'")
        : readdirSync(join(import.meta.dirname, "..", "db", "migrations", "postgres"))
            .filter((name) => name.endsWith(".sql"))
            .map((name) => readFileSync(join(import.meta.dirname, "..", "db", "migrations", "postgres", name), "utf8"))
            .join("\n");
    const squash = (s: string) => s.replace(/\s+/g, " ");
    const quote = (name: string) => (test.engine === "sqlite" ? `\`${name}\`` : `"${name}"`);
    const numeric = test.engine === "sqlite" ? "integer" : "bigint";
    for (const [column, expression] of [
      ["counterpart", CAMBODIA_SIDE_SQL.counterpart],
      ["side", CAMBODIA_SIDE_SQL.side],
      ["khm_flow", CAMBODIA_SIDE_SQL.khmFlow],
      ["khm_value", CAMBODIA_SIDE_SQL.khmValue],
    ] as const) {
      expect(squash(created), column).toContain(
        squash(`${quote(column)} ${column === "khm_value" ? numeric : "text"} GENERATED ALWAYS AS (${expression}) STORED`),
      );
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

  it("on every period stored in the seed and on the edge cases", async () => {
    const read = client.readDb();
    const t = tables.tradeFigures;
    // A boolean on PostgreSQL, 1 or 0 on SQLite: compared as "true-ish" below.
    const seeded = await read
      .selectDistinct({ start: t.periodStart, end: t.periodEnd, annual: sql<unknown>`${isAnnualSql(t.periodStart, t.periodEnd)}` })
      .from(t);
    const values = sql.join(
      edges.map((p) => sql`(${p.start}, ${p.end})`),
      sql`, `,
    );
    const edgeRows = (await client.rows(
      read,
      sql`WITH v(s, e) AS (VALUES ${values}) SELECT s AS start, e AS "end", ${isAnnualSql(sql.raw("s"), sql.raw("e"))} AS annual FROM v`,
    )) as {
      start: string;
      end: string;
      annual: unknown;
    }[];
    const truthy = (v: unknown) => v === true || v === 1;
    expect(seeded.length).toBeGreaterThan(60);
    expect(edgeRows.length).toBe(edges.length);
    const disagreeing = [...seeded, ...edgeRows].filter((p) => isAnnual(p) !== truthy(p.annual));
    expect(disagreeing).toEqual([]);
    // Both kinds occur: whole years, and months and spans that are not.
    expect(seeded.some((p) => truthy(p.annual)) && seeded.some((p) => !truthy(p.annual))).toBe(true);
  });

  it("labels exactly the annual periods by their year", () => {
    for (const p of edges) expect(/^\d{4}$/.test(periodLabel(p)), `${p.start}/${p.end}`).toBe(isAnnual(p));
  });
});

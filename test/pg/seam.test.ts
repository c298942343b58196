/**
 * The seam, proved: query functions written once (test/pg/prototypes.ts) against the shared table
 * types run on SQLite and on PostgreSQL and return the same rows, with the same JavaScript types,
 * for the same seed (the SQLite file the template was copied from, and a clone of that template).
 */
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect } from "@/db/dialect/types";
import { cloneDatabase, sqliteSeedCopy, type TestDatabase } from "./helpers";
import * as proto from "./prototypes";

let lite: Dialect;
let pgd: Dialect;
let db: TestDatabase;
let seed: ReturnType<typeof sqliteSeedCopy>;
let closeSqlite: () => void;

beforeAll(async () => {
  // lib/env.ts reads DATABASE_URL when first imported: the copy sets it, then db/ is imported.
  seed = sqliteSeedCopy("seam");
  const { sqliteDialect } = await import("@/db/dialect/sqlite");
  const { postgresDialect } = await import("@/db/dialect/postgres/client");
  closeSqlite = (await import("@/db/client")).closeDb;
  lite = sqliteDialect();
  db = await cloneDatabase("seam");
  pgd = postgresDialect(db.url);
});

afterAll(async () => {
  await lite?.close();
  closeSqlite?.();
  await pgd?.close();
  await db?.drop();
  seed?.cleanup();
});

/** Runs `query` on both engines; expects equal, non-trivial answers. */
async function same<T>(query: (d: Dialect) => Promise<T>): Promise<T> {
  const [a, b] = await Promise.all([query(lite), query(pgd)]);
  expect(b).toEqual(a);
  expect(a).not.toEqual([]);
  return a;
}

describe("one query, two engines, the same rows", () => {
  it("getCell: every value of the 2018 Korea total, with its source", async () => {
    const rows = await same((d) => proto.getCell(d, "KOR", "total", { start: "2018-01", end: "2018-12" }));
    expect(rows.length).toBe(4);
    expect(rows.filter((r) => r.preferred)).toHaveLength(1);
    expect(typeof rows[0]!.value).toBe("number");
    expect(typeof rows[0]!.preferred).toBe("boolean");
  });

  it("getAnnualSeries: both sides of Japan's trade, 1990–2020, flipped to Cambodia's side", async () => {
    const series = await same((d) => proto.getAnnualSeries(d, "JPN", "imports", 1990, 2020));
    expect(new Set(series.map((p) => p.side))).toEqual(new Set(["cambodia", "partner"]));
  });

  it("topPartners, listPartners (GROUP BY with count), latestAnnualYear (max over an expression)", async () => {
    await same((d) => proto.topPartners(d, 2019));
    const partners = await same((d) => proto.listPartners(d));
    expect(typeof partners[0]!.figures).toBe("number");
    expect(await proto.latestAnnualYear(pgd, "KOR")).toBe(await proto.latestAnnualYear(lite, "KOR"));
  });

  it("whole tables read through the shared types are equal, value for value and type for type", async () => {
    for (const table of ["partners", "sources", "agreements", "agreementEvents", "rounds", "roundSources", "updates"] as const) {
      // Every one of these tables starts with its key: ordering by the first two columns is a total order.
      await same((d) => d.read.select().from(d.t[table] as typeof d.t.partners).orderBy(sql`1, 2`));
    }
    const figures = await same((d) => d.read.select().from(d.t.tradeFigures).orderBy(asc(d.t.tradeFigures.id)));
    expect(figures.length).toBeGreaterThan(15_000);
  });
});

/**
 * The PostgreSQL tables mirror the SQLite ones: identical TypeScript row types (checked by `tsc` via
 * expectTypeOf, so `npm run typecheck` fails on any drift) and the same SQL shape (checked at run time:
 * columns, nullability, defaults, generated columns, keys, indexes, CHECK names, foreign keys).
 * One set of queries and mutations, written against one set of table types, depends on this.
 */
import { getTableColumns, getTableName, type Table } from "drizzle-orm";
import { getTableConfig as pgConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pg from "@/db/schema.pg";
import * as lite from "@/db/schema";

describe("row types", () => {
  it("are identical for every table, on select and on insert", () => {
    expectTypeOf<typeof pg.partners.$inferSelect>().toEqualTypeOf<typeof lite.partners.$inferSelect>();
    expectTypeOf<typeof pg.partners.$inferInsert>().toEqualTypeOf<typeof lite.partners.$inferInsert>();
    expectTypeOf<typeof pg.sources.$inferSelect>().toEqualTypeOf<typeof lite.sources.$inferSelect>();
    expectTypeOf<typeof pg.sources.$inferInsert>().toEqualTypeOf<typeof lite.sources.$inferInsert>();
    expectTypeOf<typeof pg.agreements.$inferSelect>().toEqualTypeOf<typeof lite.agreements.$inferSelect>();
    expectTypeOf<typeof pg.agreements.$inferInsert>().toEqualTypeOf<typeof lite.agreements.$inferInsert>();
    expectTypeOf<typeof pg.agreementParties.$inferSelect>().toEqualTypeOf<typeof lite.agreementParties.$inferSelect>();
    expectTypeOf<typeof pg.agreementParties.$inferInsert>().toEqualTypeOf<typeof lite.agreementParties.$inferInsert>();
    expectTypeOf<typeof pg.agreementEvents.$inferSelect>().toEqualTypeOf<typeof lite.agreementEvents.$inferSelect>();
    expectTypeOf<typeof pg.agreementEvents.$inferInsert>().toEqualTypeOf<typeof lite.agreementEvents.$inferInsert>();
    expectTypeOf<typeof pg.rounds.$inferSelect>().toEqualTypeOf<typeof lite.rounds.$inferSelect>();
    expectTypeOf<typeof pg.rounds.$inferInsert>().toEqualTypeOf<typeof lite.rounds.$inferInsert>();
    expectTypeOf<typeof pg.roundSources.$inferSelect>().toEqualTypeOf<typeof lite.roundSources.$inferSelect>();
    expectTypeOf<typeof pg.roundSources.$inferInsert>().toEqualTypeOf<typeof lite.roundSources.$inferInsert>();
    expectTypeOf<typeof pg.users.$inferSelect>().toEqualTypeOf<typeof lite.users.$inferSelect>();
    expectTypeOf<typeof pg.users.$inferInsert>().toEqualTypeOf<typeof lite.users.$inferInsert>();
    expectTypeOf<typeof pg.updates.$inferSelect>().toEqualTypeOf<typeof lite.updates.$inferSelect>();
    expectTypeOf<typeof pg.updates.$inferInsert>().toEqualTypeOf<typeof lite.updates.$inferInsert>();
    expectTypeOf<typeof pg.tradeFigures.$inferSelect>().toEqualTypeOf<typeof lite.tradeFigures.$inferSelect>();
    expectTypeOf<typeof pg.tradeFigures.$inferInsert>().toEqualTypeOf<typeof lite.tradeFigures.$inferInsert>();
    expectTypeOf<typeof pg.auditLog.$inferSelect>().toEqualTypeOf<typeof lite.auditLog.$inferSelect>();
    expectTypeOf<typeof pg.auditLog.$inferInsert>().toEqualTypeOf<typeof lite.auditLog.$inferInsert>();
    expectTypeOf<typeof pg.loginAttempts.$inferSelect>().toEqualTypeOf<typeof lite.loginAttempts.$inferSelect>();
    expectTypeOf<typeof pg.loginAttempts.$inferInsert>().toEqualTypeOf<typeof lite.loginAttempts.$inferInsert>();
    expectTypeOf<typeof pg.sessions.$inferSelect>().toEqualTypeOf<typeof lite.sessions.$inferSelect>();
    expectTypeOf<typeof pg.sessions.$inferInsert>().toEqualTypeOf<typeof lite.sessions.$inferInsert>();
    expectTypeOf<typeof pg.agreementEventSources.$inferSelect>().toEqualTypeOf<typeof lite.agreementEventSources.$inferSelect>();
    expectTypeOf<typeof pg.agreementEventSources.$inferInsert>().toEqualTypeOf<typeof lite.agreementEventSources.$inferInsert>();
    expectTypeOf<typeof pg.wtoRtaRecords.$inferSelect>().toEqualTypeOf<typeof lite.wtoRtaRecords.$inferSelect>();
    expectTypeOf<typeof pg.wtoRtaRecords.$inferInsert>().toEqualTypeOf<typeof lite.wtoRtaRecords.$inferInsert>();
    expectTypeOf<typeof pg.tariffEliminations.$inferSelect>().toEqualTypeOf<typeof lite.tariffEliminations.$inferSelect>();
    expectTypeOf<typeof pg.tariffEliminations.$inferInsert>().toEqualTypeOf<typeof lite.tariffEliminations.$inferInsert>();
    expectTypeOf<typeof pg.recordKeepers.$inferSelect>().toEqualTypeOf<typeof lite.recordKeepers.$inferSelect>();
    expectTypeOf<typeof pg.recordKeepers.$inferInsert>().toEqualTypeOf<typeof lite.recordKeepers.$inferInsert>();
  });

  it("would catch a difference (control: a nullable column, a string id)", () => {
    type Figure = typeof lite.tradeFigures.$inferSelect;
    // @ts-expect-error: `value` nullable is a different row type
    expectTypeOf<typeof pg.tradeFigures.$inferSelect>().toEqualTypeOf<Omit<Figure, "value"> & { value: number | null }>();
    // @ts-expect-error: a bigint read as a string (drizzle's default mode) is a different row type
    expectTypeOf<typeof pg.tradeFigures.$inferSelect>().toEqualTypeOf<Omit<Figure, "value"> & { value: string }>();
  });

  it("cover every table: both schemas export the same tables", () => {
    // A table added to one schema only would escape the checks above.
    expectTypeOf<keyof typeof pg>().toEqualTypeOf<TableKeys<typeof lite>>();
    expect(Object.keys(pg).sort()).toEqual(tableKeys(lite));
  });
});

type TableKeys<M> = { [K in keyof M]: M[K] extends Table ? K : never }[keyof M];
const tableKeys = (m: Record<string, unknown>) =>
  Object.entries(m)
    .filter(([, v]) => v !== null && typeof v === "object" && getTableColumnsSafe(v))
    .map(([k]) => k)
    .sort();
function getTableColumnsSafe(v: unknown): boolean {
  try {
    return Object.keys(getTableColumns(v as Table)).length > 0 && typeof getTableName(v as Table) === "string";
  } catch {
    return false;
  }
}

type Shape = {
  columns: Record<string, { notNull: boolean; hasDefault: boolean; generated: boolean; primary: boolean }>;
  primaryKey: string[];
  checks: string[];
  indexes: string[];
  uniques: string[];
  foreignKeys: string[];
};

function shapeOf(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  const columns: Shape["columns"] = {};
  for (const c of config.columns) {
    // An identity column has a default in all but name (SQLite's autoincrement rowid).
    const identity = "generatedIdentity" in c && Boolean(c.generatedIdentity);
    columns[c.name] = {
      notNull: c.notNull,
      hasDefault: (c.hasDefault && !c.generated) || identity || (c.primary && c.name === "id"),
      generated: Boolean(c.generated),
      primary: c.primary,
    };
  }
  const fk = config.foreignKeys.map((f) => {
    const r = f.reference();
    return `${r.columns.map((c) => c.name).join(",")}→${getTableName(r.foreignTable)}(${r.foreignColumns.map((c) => c.name).join(",")}) on delete ${f.onDelete ?? "no action"}`;
  });
  return {
    columns,
    primaryKey: config.primaryKeys.flatMap((p) => p.columns.map((c) => c.name)),
    checks: config.checks.map((c) => c.name).sort(),
    indexes: config.indexes
      .map(
        (i) =>
          `${i.config.name}(${i.config.columns.map((c) => ("name" in c ? c.name : "?")).join(",")})${i.config.unique ? " unique" : ""}${i.config.where ? " partial" : ""}`,
      )
      .sort(),
    uniques: config.columns
      .filter((c) => c.isUnique)
      .map((c) => c.name)
      .sort(),
    foreignKeys: fk.sort(),
  };
}

/** SQLite's CHECKs that only restate a column's type, which PostgreSQL's boolean and bigint types enforce themselves. */
const TYPE_ONLY_CHECKS = new Set(["round_sources_preferred", "users_disabled", "trade_figures_flags", "sources_date_inferred"]);

describe("SQL shape", () => {
  for (const key of Object.keys(pg) as (keyof typeof pg)[]) {
    it(`${key}: same columns, keys, indexes, checks and foreign keys`, () => {
      const p = shapeOf(pgConfig(pg[key] as PgTable));
      const s = shapeOf(sqliteConfig(lite[key] as SQLiteTable));
      s.checks = s.checks.filter((c) => !TYPE_ONLY_CHECKS.has(c));
      expect(getTableName(pg[key])).toBe(getTableName(lite[key]));
      expect(p).toEqual(s);
    });
  }
});

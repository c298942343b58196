/**
 * Each engine's table objects, given the one shared type (`Tables`: the PostgreSQL definitions,
 * whose row types equal SQLite's; test/pg/schema-types.test.ts). db/tables.ts picks the active
 * engine's for the data layer; each dialect hands out the same objects as `d.t`.
 */
import * as sqliteSchema from "../schema";
import * as pgSchema from "../schema.pg";
import type { EngineName, Tables } from "./types";

/**
 * The one place SQLite's tables are given the shared type. Sound because the row types are
 * identical and the shared type only exposes builder methods both engines have; the data-layer
 * tests run on both engines to catch what types cannot.
 */
const sqliteTables = sqliteSchema as unknown as Tables;

export function tablesOf(engine: EngineName): Tables {
  return engine === "postgres" ? pgSchema : sqliteTables;
}

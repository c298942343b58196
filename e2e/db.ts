import { openRawSql, type RawSql } from "../test/support/raw-sql";
import { E2E_DATABASE_URL } from "./env";

/**
 * The test server's database, whichever engine it runs on (e2e/env.ts), so tests compare pages
 * with stored values: `?` parameters, booleans as 1/0 (test/support/raw-sql.ts). Read-only on SQLite.
 */
export function testDb(): RawSql {
  return openRawSql(E2E_DATABASE_URL);
}

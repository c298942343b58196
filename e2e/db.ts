import Database from "better-sqlite3";
import { E2E_DB_PATH } from "./env";

/** Read-only view of the test server's database, so tests compare pages with stored values. */
export function testDb(): Database.Database {
  return new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true });
}

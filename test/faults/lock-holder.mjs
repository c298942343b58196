// Holds SQLite's write lock from another process: BEGIN IMMEDIATE, wait, ROLLBACK.
// Usage: node test/faults/lock-holder.mjs <db> <ms>. Prints "locked" and "released" with times.
import Database from "better-sqlite3";

const [path, ms] = process.argv.slice(2);
const db = new Database(path, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.exec("BEGIN IMMEDIATE");
console.log(`locked ${Date.now()}`);
setTimeout(() => {
  db.exec("ROLLBACK");
  console.log(`released ${Date.now()}`);
  db.close();
}, Number(ms));

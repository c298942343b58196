// Holds, from another process, the lock a save needs, then lets it go.
// Usage: node test/faults/lock-holder.mjs <DATABASE_URL> <ms>. Prints "locked" and "released" with times.
//  - file:… (SQLite): the database's one write lock, BEGIN IMMEDIATE … ROLLBACK.
//  - postgres://…: an EXCLUSIVE lock on updates (what every update save inserts into): readers,
//    whose ACCESS SHARE it allows, go on; an insert waits for it until its lock_timeout.
import Database from "better-sqlite3";
import pg from "pg";

const [url, ms] = process.argv.slice(2);
if (url.startsWith("file:")) {
  const db = new Database(url.slice("file:".length), { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  db.exec("BEGIN IMMEDIATE");
  console.log(`locked ${Date.now()}`);
  setTimeout(() => {
    db.exec("ROLLBACK");
    console.log(`released ${Date.now()}`);
    db.close();
  }, Number(ms));
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("LOCK TABLE updates IN EXCLUSIVE MODE");
  console.log(`locked ${Date.now()}`);
  setTimeout(async () => {
    await client.query("ROLLBACK");
    console.log(`released ${Date.now()}`);
    await client.end();
  }, Number(ms));
}

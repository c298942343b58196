/**
 * `npm run db:setup`: migrate, seed, then index the stories for search, on the engine DATABASE_URL
 * names (a SQLite file, created if missing; or a PostgreSQL database that exists, empty or set up
 * before). Safe to run again: it never duplicates or wipes rows (the story index is rebuilt from
 * content/ each time), and it never overwrites an editor's change.
 */
import { closeDb } from "./client";
import { databaseLabel, runMigrations } from "./migrate";
import { seed } from "./seed";
import { indexStories } from "./search-index";

try {
  await runMigrations();
  const { figures } = await seed();
  const stories = await indexStories();
  console.log(`database ready: ${databaseLabel()} (${figures} seed figures checked, ${stories} stories indexed for search)`);
} finally {
  await closeDb();
}

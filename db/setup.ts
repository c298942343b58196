/**
 * `npm run db:setup`: migrate, seed, then index the stories for search. Safe to run again: it never
 * duplicates or wipes rows (the story index is rebuilt from content/ each time).
 */
import { closeDb } from "./client";
import { runMigrations } from "./migrate";
import { seed } from "./seed";
import { indexStories } from "./search-index";
import { databasePath } from "@/lib/env";

runMigrations();
const { figures } = seed();
const stories = indexStories();
console.log(`database ready at ${databasePath} (${figures} seed figures checked, ${stories} stories indexed for search)`);
closeDb();

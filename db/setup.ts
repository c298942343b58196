/** `npm run db:setup`: migrate, then seed. Safe to run again: it never duplicates or wipes rows. */
import { closeDb } from "./client";
import { runMigrations } from "./migrate";
import { seed } from "./seed";
import { databasePath } from "@/lib/env";

runMigrations();
const { figures } = seed();
console.log(`database ready at ${databasePath} (${figures} seed figures checked)`);
closeDb();

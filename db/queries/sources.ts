import "server-only";
import { asc, eq } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { sources } from "../tables";
import { tags } from "@/lib/cache-tags";

export async function getSource(id: string) {
  "use cache";
  cacheTag(tags.source(id));
  const [row] = await readDb().select().from(sources).where(eq(sources.id, id)).limit(1);
  return row ?? null;
}

/** Every source, oldest first. */
export async function listSources() {
  "use cache";
  cacheTag(tags.allSources);
  return readDb().select().from(sources).orderBy(asc(sources.publishedOn), asc(sources.id));
}

/** Matches a story's cited report (publisher, title, date) to its source record, if stored. */
export async function findSource(publisher: string, title: string, date: string) {
  return (await listSources()).find((s) => s.publisher === publisher && s.title === title && s.publishedOn === date) ?? null;
}

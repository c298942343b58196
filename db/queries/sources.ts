import "server-only";
import { asc, eq } from "drizzle-orm";
import { cache } from "react";
import { readDb } from "../client";
import { sources } from "../schema";

export function getSource(id: string) {
  return readDb().select().from(sources).where(eq(sources.id, id)).get() ?? null;
}

/** Cached per render: a story matches each cited report against this list. */
export const listSources = cache(() => readDb().select().from(sources).orderBy(asc(sources.publishedOn)).all());

/** Matches a story's cited report (publisher, title, date) to its source record, if stored. */
export function findSource(publisher: string, title: string, date: string) {
  return listSources().find((s) => s.publisher === publisher && s.title === title && s.publishedOn === date) ?? null;
}

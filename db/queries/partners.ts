import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { partners, tradeFigures } from "../tables";
import { tags } from "@/lib/cache-tags";

// Partners (names, regions) are seed data that no editor changes: their reads carry no tag of
// their own and change only with a deploy, which starts with empty caches.

/** One economy by ISO alpha-3 code, or null. */
export async function getPartner(code: string) {
  "use cache";
  const [row] = await readDb().select().from(partners).where(eq(partners.code, code)).limit(1);
  return row ?? null;
}

/** Partners with trade figures, for the partner index and static paths. */
export async function listPartners() {
  "use cache";
  cacheTag(tags.allFigures);
  return readDb()
    .select({ code: partners.code, name: partners.name, region: partners.region, figures: sql<number>`count(${tradeFigures.id})` })
    .from(partners)
    .innerJoin(tradeFigures, eq(tradeFigures.counterpart, partners.code))
    .where(sql`${partners.code} <> 'KHM'`)
    .groupBy(partners.code)
    .orderBy(asc(partners.name));
}

export async function partnerNames(): Promise<Map<string, string>> {
  "use cache";
  return new Map((await readDb().select({ code: partners.code, name: partners.name }).from(partners)).map((p) => [p.code, p.name]));
}

import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { readDb } from "../client";
import { partners, tradeFigures } from "../schema";

/** Cached per render: every figure widget on a page names its partner. */
export const getPartner = cache((code: string) => readDb().select().from(partners).where(eq(partners.code, code)).get() ?? null);

/** Partners with trade figures, for the partner index and static paths. */
export function listPartners() {
  return readDb()
    .select({ code: partners.code, name: partners.name, region: partners.region, figures: sql<number>`count(${tradeFigures.id})` })
    .from(partners)
    .innerJoin(tradeFigures, eq(tradeFigures.counterpart, partners.code))
    .where(sql`${partners.code} <> 'KHM'`)
    .groupBy(partners.code)
    .orderBy(asc(partners.name))
    .all();
}

export function partnerNames(): Map<string, string> {
  return new Map(readDb().select({ code: partners.code, name: partners.name }).from(partners).all().map((p) => [p.code, p.name]));
}

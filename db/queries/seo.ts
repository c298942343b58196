import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { readDb } from "../client";
import { agreements, rounds, sources, tradeFigures, updates } from "../schema";

/** When each page's data last changed, for sitemap lastmod. Draft updates do not count. */
export function lastChanges() {
  const db = readDb();
  const roundRows = db
    .select({ slug: agreements.slug, at: sql<string | null>`max(${rounds.updatedAt})` })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .groupBy(agreements.slug)
    .all();
  const updateRows = db
    .select({ slug: agreements.slug, at: sql<string | null>`max(${updates.updatedAt})` })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .where(eq(updates.status, "published"))
    .groupBy(agreements.slug)
    .all();
  const agreementChanges = new Map<string, string>();
  for (const r of [...roundRows, ...updateRows]) {
    const prev = agreementChanges.get(r.slug);
    if (r.at && (!prev || Date.parse(r.at) > Date.parse(prev))) agreementChanges.set(r.slug, r.at);
  }
  const byPartner = db
    .select({ code: tradeFigures.counterpart, at: sql<string>`max(${tradeFigures.updatedAt})` })
    .from(tradeFigures)
    .groupBy(tradeFigures.counterpart)
    .all();
  const bySource = db
    .select({ id: tradeFigures.sourceId, at: sql<string>`max(${tradeFigures.updatedAt})` })
    .from(tradeFigures)
    .groupBy(tradeFigures.sourceId)
    .all();
  const all = db.select({ at: sql<string | null>`max(${tradeFigures.updatedAt})` }).from(tradeFigures).get();
  return {
    agreementChanges,
    partnerChanges: new Map(byPartner.map((r) => [r.code, r.at])),
    sourceChanges: new Map(bySource.map((r) => [r.id, r.at])),
    figuresChanged: all?.at ?? null,
  };
}

/** What a partner's trade figures cover and who supplied them, for its Dataset description. Cached per render. */
export const partnerCoverage = cache((code: string) => {
  const db = readDb();
  const row = db
    .select({
      first: sql<string | null>`min(${tradeFigures.periodStart})`,
      last: sql<string | null>`max(${tradeFigures.periodEnd})`,
      changed: sql<string | null>`max(${tradeFigures.updatedAt})`,
      count: sql<number>`count(*)`,
    })
    .from(tradeFigures)
    .where(and(eq(tradeFigures.counterpart, code), sql`${tradeFigures.unit} = 'USD'`))
    .get();
  if (!row || row.count === 0 || !row.first || !row.last) return null;
  const suppliers = db
    .selectDistinct({ id: sources.id, publisher: sources.publisher, title: sources.title, url: sources.url })
    .from(tradeFigures)
    .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
    .where(eq(tradeFigures.counterpart, code))
    .orderBy(sources.publishedOn)
    .all();
  return { first: row.first, last: row.last, changed: row.changed, count: row.count, sources: suppliers };
});

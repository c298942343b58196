import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { agreements, rounds, sources, tradeFigures, updates } from "../tables";
import { sourceTags, tags } from "@/lib/cache-tags";

/** When each page's data last changed, for sitemap lastmod. Draft updates do not count. */
export async function lastChanges() {
  "use cache";
  cacheTag(tags.allAgreements, tags.allUpdates, tags.allFigures);
  const db = readDb();
  const roundRows = await db
    .select({ slug: agreements.slug, at: sql<string | null>`max(${rounds.updatedAt})` })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .groupBy(agreements.slug)
    .orderBy(agreements.slug);
  const updateRows = await db
    .select({ slug: agreements.slug, at: sql<string | null>`max(${updates.updatedAt})` })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .where(eq(updates.status, "published"))
    .groupBy(agreements.slug)
    .orderBy(agreements.slug);
  const agreementChanges = new Map<string, string>();
  for (const r of [...roundRows, ...updateRows]) {
    const prev = agreementChanges.get(r.slug);
    if (r.at && (!prev || Date.parse(r.at) > Date.parse(prev))) agreementChanges.set(r.slug, r.at);
  }
  const byPartner = await db
    .select({ code: tradeFigures.counterpart, at: sql<string>`max(${tradeFigures.updatedAt})` })
    .from(tradeFigures)
    .groupBy(tradeFigures.counterpart)
    .orderBy(tradeFigures.counterpart);
  const bySource = await db
    .select({ id: tradeFigures.sourceId, at: sql<string>`max(${tradeFigures.updatedAt})` })
    .from(tradeFigures)
    .groupBy(tradeFigures.sourceId)
    .orderBy(tradeFigures.sourceId);
  const [all] = await db
    .select({ at: sql<string | null>`max(${tradeFigures.updatedAt})` })
    .from(tradeFigures)
    .limit(1);
  return {
    agreementChanges,
    partnerChanges: new Map(byPartner.map((r) => [r.code, r.at])),
    sourceChanges: new Map(bySource.map((r) => [r.id, r.at])),
    figuresChanged: all?.at ?? null,
  };
}

/** What a partner's trade figures cover and who supplied them, for its Dataset description. */
export async function partnerCoverage(code: string) {
  "use cache";
  cacheTag(tags.figures(code));
  const db = readDb();
  const [row] = await db
    .select({
      first: sql<string | null>`min(${tradeFigures.periodStart})`,
      last: sql<string | null>`max(${tradeFigures.periodEnd})`,
      changed: sql<string | null>`max(${tradeFigures.updatedAt})`,
      count: sql<number>`count(*)`,
    })
    .from(tradeFigures)
    .where(and(eq(tradeFigures.counterpart, code), sql`${tradeFigures.unit} = 'USD'`))
    .limit(1);
  if (!row || row.count === 0 || !row.first || !row.last) return null;
  // PostgreSQL orders a DISTINCT only by what it selects: the date comes along, then is dropped.
  const suppliers = (
    await db
      .selectDistinct({
        id: sources.id,
        publisher: sources.publisher,
        title: sources.title,
        url: sources.url,
        publishedOn: sources.publishedOn,
      })
      .from(tradeFigures)
      .innerJoin(sources, eq(sources.id, tradeFigures.sourceId))
      .where(eq(tradeFigures.counterpart, code))
      .orderBy(sources.publishedOn, sources.id)
  ).map(({ publishedOn: _date, ...s }) => s);
  cacheTag(...sourceTags(suppliers.map((s) => ({ sourceId: s.id }))));
  return { first: row.first, last: row.last, changed: row.changed, count: row.count, sources: suppliers };
}

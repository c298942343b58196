import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { agreementEvents, agreementParties, agreements, partners, rounds, sources } from "../tables";
import { roundsFor } from "./agreements";
import { currentStatus } from "@/lib/agreements";
import { sourceTags, tags } from "@/lib/cache-tags";

/** Every agreement with its parties, milestones and number of rounds, for /api/v1/agreements. */
export async function agreementsForApi() {
  "use cache";
  cacheTag(tags.allAgreements);
  const db = readDb();
  const list = await db.select().from(agreements).orderBy(asc(agreements.slug));
  const parties = await db
    .select({ agreementId: agreementParties.agreementId, code: partners.code, name: partners.name, inForceOn: agreementParties.inForceOn })
    .from(agreementParties)
    .innerJoin(partners, eq(partners.code, agreementParties.partnerCode))
    .orderBy(asc(partners.code));
  const events = await db
    .select({
      agreementId: agreementEvents.agreementId,
      status: agreementEvents.status,
      date: agreementEvents.date,
      endDate: agreementEvents.endDate,
      precision: agreementEvents.precision,
      description: agreementEvents.description,
      sourceId: agreementEvents.sourceId,
    })
    .from(agreementEvents)
    .orderBy(asc(agreementEvents.date), asc(agreementEvents.id));
  const roundCounts = new Map(
    (
      await db
        .select({ agreementId: rounds.agreementId, n: sql<number>`count(*)` })
        .from(rounds)
        .groupBy(rounds.agreementId)
    ).map((r) => [r.agreementId, r.n]),
  );
  return list.map((a) => {
    const own = events.filter((e) => e.agreementId === a.id).map(({ agreementId: _a, ...e }) => e);
    return {
      slug: a.slug,
      name: a.name,
      shortName: a.shortName,
      coverage: a.coverage,
      status: currentStatus(own),
      parties: parties.filter((p) => p.agreementId === a.id).map(({ agreementId: _a, ...p }) => p),
      milestones: own,
      rounds: roundCounts.get(a.id) ?? 0,
    };
  });
}

/** One agreement's rounds, oldest first, each with what every source says about it; null for an unknown slug. */
export async function roundsForApi(slug: string) {
  "use cache";
  const db = readDb();
  const [agreement] = await db
    .select({ id: agreements.id, slug: agreements.slug, name: agreements.name })
    .from(agreements)
    .where(eq(agreements.slug, slug))
    .limit(1);
  if (!agreement) {
    cacheTag(tags.allAgreements);
    return null;
  }
  const urls = new Map((await db.select({ id: sources.id, url: sources.url }).from(sources)).map((s) => [s.id, s.url]));
  const list = await roundsFor(agreement.id);
  cacheTag(tags.agreement(slug), ...sourceTags(list.flatMap((r) => r.reports)));
  return {
    agreement,
    rounds: list.map((r) => ({ ...r, reports: r.reports.map((x) => ({ ...x, url: urls.get(x.sourceId) ?? null })) })),
  };
}

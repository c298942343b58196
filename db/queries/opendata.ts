import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { readDb } from "../client";
import { agreementEvents, agreementParties, agreements, partners, rounds, sources } from "../schema";
import { currentStatus, roundsFor } from "./agreements";

/** Every agreement with its parties, milestones and number of rounds, for /api/v1/agreements. */
export function agreementsForApi() {
  const db = readDb();
  const list = db.select().from(agreements).orderBy(asc(agreements.slug)).all();
  const parties = db
    .select({ agreementId: agreementParties.agreementId, code: partners.code, name: partners.name, inForceOn: agreementParties.inForceOn })
    .from(agreementParties)
    .innerJoin(partners, eq(partners.code, agreementParties.partnerCode))
    .orderBy(asc(partners.code))
    .all();
  const events = db
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
    .orderBy(asc(agreementEvents.date), asc(agreementEvents.id))
    .all();
  const roundCounts = new Map(
    db
      .select({ agreementId: rounds.agreementId, n: sql<number>`count(*)` })
      .from(rounds)
      .groupBy(rounds.agreementId)
      .all()
      .map((r) => [r.agreementId, r.n]),
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
export function roundsForApi(slug: string) {
  const db = readDb();
  const agreement = db.select({ id: agreements.id, slug: agreements.slug, name: agreements.name }).from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement) return null;
  const urls = new Map(db.select({ id: sources.id, url: sources.url }).from(sources).all().map((s) => [s.id, s.url]));
  return {
    agreement,
    rounds: roundsFor(agreement.id).map((r) => ({ ...r, reports: r.reports.map((x) => ({ ...x, url: urls.get(x.sourceId) ?? null })) })),
  };
}

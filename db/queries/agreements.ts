import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { cache } from "react";
import { readDb } from "../client";
import {
  AGREEMENT_STATUSES,
  agreementEvents,
  agreementParties,
  agreements,
  partners,
  roundSources,
  rounds,
  sources,
  updates,
  type AgreementStatus,
} from "../schema";
import { z } from "zod";

const Topics = z.array(z.string());

export type RoundView = {
  id: number;
  number: number;
  startDate: string;
  endDate: string;
  format: string;
  host: string | null;
  topics: string[];
  summary: string;
  reports: { sourceId: string; publisher: string; title: string; publishedOn: string; startDate: string | null; endDate: string | null; preferred: boolean; note: string | null }[];
};

export type EventView = {
  id: number;
  status: AgreementStatus;
  date: string;
  endDate: string | null;
  precision: "day" | "month";
  description: string;
  sourceId: string;
  sourcePublisher: string;
  sourceTitle: string;
};

export type UpdateView = {
  id: number;
  postedAt: string;
  title: string;
  body: string;
  roundNumber: number | null;
  sourceId: string | null;
  sourcePublisher: string | null;
};

const statusOrder = (s: AgreementStatus) => AGREEMENT_STATUSES.indexOf(s);

/** Latest milestone wins; on the same date the later stage does. */
export function currentStatus(events: Pick<EventView, "status" | "date">[]): AgreementStatus | null {
  const sorted = [...events].sort((a, b) => b.date.localeCompare(a.date) || statusOrder(b.status) - statusOrder(a.status));
  return sorted[0]?.status ?? null;
}

export function listAgreements() {
  const db = readDb();
  const rows = db.select().from(agreements).orderBy(asc(agreements.name)).all();
  const events = db.select({ agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date }).from(agreementEvents).all();
  return rows.map((a) => ({ ...a, status: currentStatus(events.filter((e) => e.agreementId === a.id)) }));
}

function eventsFor(agreementId: number): EventView[] {
  return readDb()
    .select({
      id: agreementEvents.id,
      status: agreementEvents.status,
      date: agreementEvents.date,
      endDate: agreementEvents.endDate,
      precision: agreementEvents.precision,
      description: agreementEvents.description,
      sourceId: agreementEvents.sourceId,
      sourcePublisher: sources.publisher,
      sourceTitle: sources.title,
    })
    .from(agreementEvents)
    .innerJoin(sources, eq(sources.id, agreementEvents.sourceId))
    .where(eq(agreementEvents.agreementId, agreementId))
    .orderBy(asc(agreementEvents.date))
    .all();
}

export function roundsFor(agreementId: number): RoundView[] {
  const db = readDb();
  const rs = db.select().from(rounds).where(eq(rounds.agreementId, agreementId)).orderBy(asc(rounds.number)).all();
  if (rs.length === 0) return [];
  const reports = db
    .select({
      roundId: roundSources.roundId,
      sourceId: roundSources.sourceId,
      publisher: sources.publisher,
      title: sources.title,
      publishedOn: sources.publishedOn,
      startDate: roundSources.startDate,
      endDate: roundSources.endDate,
      preferred: roundSources.preferred,
      note: roundSources.note,
    })
    .from(roundSources)
    .innerJoin(sources, eq(sources.id, roundSources.sourceId))
    .where(inArray(roundSources.roundId, rs.map((r) => r.id)))
    .orderBy(desc(roundSources.preferred), asc(sources.publishedOn))
    .all();
  return rs.map((r) => ({
    id: r.id,
    number: r.number,
    startDate: r.startDate,
    endDate: r.endDate,
    format: r.format,
    host: r.host,
    topics: Topics.parse(JSON.parse(r.topics)),
    summary: r.summary,
    reports: reports.filter((x) => x.roundId === r.id).map(({ roundId: _roundId, ...rest }) => rest),
  }));
}

export function publishedUpdates(agreementId: number | null, limit = 20): (UpdateView & { agreementSlug: string; agreementShortName: string })[] {
  const db = readDb();
  return db
    .select({
      id: updates.id,
      postedAt: updates.postedAt,
      title: updates.title,
      body: updates.body,
      roundNumber: rounds.number,
      sourceId: updates.sourceId,
      sourcePublisher: sources.publisher,
      agreementSlug: agreements.slug,
      agreementShortName: agreements.shortName,
    })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .leftJoin(rounds, eq(rounds.id, updates.roundId))
    .leftJoin(sources, eq(sources.id, updates.sourceId))
    .where(agreementId === null ? eq(updates.status, "published") : and(eq(updates.status, "published"), eq(updates.agreementId, agreementId)))
    .orderBy(desc(updates.postedAt), desc(updates.id))
    .limit(limit)
    .all();
}

/** Cached per render: a story's timeline and each RoundDates widget share one read. */
export const getAgreement = cache((slug: string) => {
  const db = readDb();
  const agreement = db.select().from(agreements).where(eq(agreements.slug, slug)).get();
  if (!agreement) return null;
  const parties = db
    .select({ code: partners.code, name: partners.name, inForceOn: agreementParties.inForceOn })
    .from(agreementParties)
    .innerJoin(partners, eq(partners.code, agreementParties.partnerCode))
    .where(eq(agreementParties.agreementId, agreement.id))
    .orderBy(asc(partners.name))
    .all();
  const events = eventsFor(agreement.id);
  return {
    ...agreement,
    parties,
    events,
    status: currentStatus(events),
    rounds: roundsFor(agreement.id),
    updates: publishedUpdates(agreement.id, 50),
  };
});

export type AgreementDetail = NonNullable<ReturnType<typeof getAgreement>>;

export function agreementsForPartner(code: string) {
  const db = readDb();
  const rows = db
    .select({ id: agreements.id, slug: agreements.slug, name: agreements.name, shortName: agreements.shortName })
    .from(agreementParties)
    .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
    .where(eq(agreementParties.partnerCode, code))
    .orderBy(asc(agreements.name))
    .all();
  const khm = new Set(
    db.select({ id: agreementParties.agreementId }).from(agreementParties).where(eq(agreementParties.partnerCode, "KHM")).all().map((r) => r.id),
  );
  const events = rows.length
    ? db.select({ agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date }).from(agreementEvents).where(inArray(agreementEvents.agreementId, rows.map((r) => r.id))).all()
    : [];
  return rows.filter((r) => khm.has(r.id)).map((r) => ({ ...r, status: currentStatus(events.filter((e) => e.agreementId === r.id)) }));
}

export function listAgreementSlugs(): string[] {
  return readDb().select({ slug: agreements.slug }).from(agreements).all().map((r) => r.slug);
}

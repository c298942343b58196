import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { cache } from "react";
import { readDb } from "../client";
import {
  agreementEventSources,
  agreementEvents,
  agreementParties,
  agreements,
  partners,
  roundSources,
  rounds,
  sources,
  tariffEliminations,
  updates,
  wtoRtaRecords,
  type AgreementStatus,
  type Confidence,
} from "../schema";
import { z } from "zod";
import { currentStatus, lifecycleSteps, recordEnd, statusSummary } from "@/lib/agreements";

export { currentStatus };

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

/** A source as readers see it cited: publisher, headline (bracketed when rebuilt), date and address. */
export type SourceRef = {
  id: string;
  publisher: string;
  title: string;
  titleSupplied: boolean;
  publishedOn: string;
  publishedPrecision: "day" | "month" | "year";
  dateInferred: boolean;
  url: string | null;
};

export type EventView = {
  id: number;
  status: AgreementStatus;
  date: string;
  endDate: string | null;
  precision: "day" | "month";
  description: string;
  party: string | null;
  partyName: string | null;
  confidence: Confidence;
  sourceId: string;
  sourcePublisher: string;
  sourceTitle: string;
  source: SourceRef;
  /** Further sources that give the same step. */
  alsoIn: (SourceRef & { note: string | null })[];
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

const sourceRefColumns = {
  id: sources.id,
  publisher: sources.publisher,
  title: sources.title,
  titleSupplied: sources.titleSupplied,
  publishedOn: sources.publishedOn,
  publishedPrecision: sources.publishedPrecision,
  dateInferred: sources.dateInferred,
  url: sources.url,
};

/** Every agreement with its current status, since when and for whom, and its lifecycle steps. */
export function listAgreements() {
  const db = readDb();
  const rows = db.select().from(agreements).orderBy(asc(agreements.name)).all();
  const events = db
    .select({ id: agreementEvents.id, agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date, precision: agreementEvents.precision, party: agreementEvents.party })
    .from(agreementEvents)
    .all();
  const partyCounts = new Map(
    db
      .select({ agreementId: agreementParties.agreementId, n: sql<number>`count(*)` })
      .from(agreementParties)
      .groupBy(agreementParties.agreementId)
      .all()
      .map((r) => [r.agreementId, r.n]),
  );
  return rows.map((a) => {
    const own = events.filter((e) => e.agreementId === a.id);
    const n = partyCounts.get(a.id) ?? 0;
    return { ...a, status: currentStatus(own), standing: statusSummary(own, n), steps: lifecycleSteps(own, n), partyCount: n };
  });
}

function eventsFor(agreementId: number): EventView[] {
  const db = readDb();
  const rows = db
    .select({
      id: agreementEvents.id,
      status: agreementEvents.status,
      date: agreementEvents.date,
      endDate: agreementEvents.endDate,
      precision: agreementEvents.precision,
      description: agreementEvents.description,
      party: agreementEvents.party,
      partyName: partners.name,
      confidence: agreementEvents.confidence,
      sourceId: agreementEvents.sourceId,
      sourcePublisher: sources.publisher,
      sourceTitle: sources.title,
      source: sourceRefColumns,
    })
    .from(agreementEvents)
    .innerJoin(sources, eq(sources.id, agreementEvents.sourceId))
    .leftJoin(partners, eq(partners.code, agreementEvents.party))
    .where(eq(agreementEvents.agreementId, agreementId))
    .orderBy(asc(agreementEvents.date), asc(agreementEvents.id))
    .all();
  if (rows.length === 0) return [];
  const also = db
    .select({ eventId: agreementEventSources.eventId, note: agreementEventSources.note, ...sourceRefColumns })
    .from(agreementEventSources)
    .innerJoin(sources, eq(sources.id, agreementEventSources.sourceId))
    .where(inArray(agreementEventSources.eventId, rows.map((r) => r.id)))
    .orderBy(desc(sources.publishedOn))
    .all();
  return rows.map((r) => ({ ...r, alsoIn: also.filter((x) => x.eventId === r.id).map(({ eventId: _e, ...x }) => x) }));
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
  const agreementRounds = roundsFor(agreement.id);
  const agreementUpdates = publishedUpdates(agreement.id, 50);
  return {
    ...agreement,
    parties,
    events,
    status: currentStatus(events),
    standing: statusSummary(events, parties.length),
    steps: lifecycleSteps(events, parties.length),
    recordEnd: recordEnd([...events.map((e) => e.endDate ?? e.date), ...agreementRounds.map((r) => r.endDate), ...agreementUpdates.map((u) => u.postedAt)]),
    rounds: agreementRounds,
    updates: agreementUpdates,
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
    ? db
        .select({ agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date, precision: agreementEvents.precision, party: agreementEvents.party })
        .from(agreementEvents)
        .where(inArray(agreementEvents.agreementId, rows.map((r) => r.id)))
        .all()
    : [];
  const counts = new Map(
    rows.length
      ? db
          .select({ agreementId: agreementParties.agreementId, n: sql<number>`count(*)` })
          .from(agreementParties)
          .where(inArray(agreementParties.agreementId, rows.map((r) => r.id)))
          .groupBy(agreementParties.agreementId)
          .all()
          .map((c) => [c.agreementId, c.n])
      : [],
  );
  return rows
    .filter((r) => khm.has(r.id))
    .map((r) => {
      const own = events.filter((e) => e.agreementId === r.id);
      return { ...r, status: currentStatus(own), standing: statusSummary(own, counts.get(r.id) ?? 0) };
    });
}

export type WtoRecordView = typeof wtoRtaRecords.$inferSelect & { sourceTitle: string; sourceDate: string };

/** The WTO export rows behind an agreement, every vintage, newest first (table wto_rta_records). */
export async function wtoRecordsFor(agreementId: number): Promise<WtoRecordView[]> {
  const rows = await readDb()
    .select({ record: wtoRtaRecords, sourceTitle: sources.title, sourceDate: sources.publishedOn })
    .from(wtoRtaRecords)
    .innerJoin(sources, eq(sources.id, wtoRtaRecords.sourceId))
    .where(eq(wtoRtaRecords.agreementId, agreementId))
    .orderBy(desc(sources.publishedOn), asc(wtoRtaRecords.rtaId));
  return rows.map((r) => ({ ...r.record, sourceTitle: r.sourceTitle, sourceDate: r.sourceDate }));
}

/** Every row of one WTO export, with the agreement it belongs to (for /agreements). */
export async function wtoExportRows(sourceId: string) {
  return readDb()
    .select({ record: wtoRtaRecords, slug: agreements.slug, shortName: agreements.shortName })
    .from(wtoRtaRecords)
    .innerJoin(agreements, eq(agreements.id, wtoRtaRecords.agreementId))
    .where(eq(wtoRtaRecords.sourceId, sourceId))
    .orderBy(asc(wtoRtaRecords.rtaId));
}

/** One row of one WTO export by RTA ID, or null. */
export async function wtoRecord(sourceId: string, rtaId: number) {
  const rows = await readDb()
    .select({ record: wtoRtaRecords, slug: agreements.slug })
    .from(wtoRtaRecords)
    .innerJoin(agreements, eq(agreements.id, wtoRtaRecords.agreementId))
    .where(and(eq(wtoRtaRecords.sourceId, sourceId), eq(wtoRtaRecords.rtaId, rtaId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Every row of every WTO export, for comparing vintages. */
export async function allWtoRecords() {
  return readDb().select().from(wtoRtaRecords).orderBy(asc(wtoRtaRecords.rtaId));
}

export type TariffShareView = {
  id: number;
  party: string;
  partyName: string;
  shareBp: number;
  counted: "products" | "tariff_lines";
  combinedWith: { slug: string; shortName: string } | null;
  confidence: Confidence;
  note: string | null;
  source: SourceRef;
};

/** Tariff-elimination shares stored for an agreement, each with its source. */
export async function tariffSharesFor(agreementSlug: string): Promise<TariffShareView[]> {
  const db = readDb();
  const agreement = (await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, agreementSlug)).limit(1))[0];
  if (!agreement) return [];
  const rows = await db
    .select({
      id: tariffEliminations.id,
      party: tariffEliminations.party,
      partyName: partners.name,
      shareBp: tariffEliminations.shareBp,
      counted: tariffEliminations.counted,
      combinedWithId: tariffEliminations.combinedWithId,
      confidence: tariffEliminations.confidence,
      note: tariffEliminations.note,
      source: sourceRefColumns,
    })
    .from(tariffEliminations)
    .innerJoin(partners, eq(partners.code, tariffEliminations.party))
    .innerJoin(sources, eq(sources.id, tariffEliminations.sourceId))
    .where(eq(tariffEliminations.agreementId, agreement.id))
    .orderBy(asc(tariffEliminations.party), asc(tariffEliminations.id));
  const combinedIds = [...new Set(rows.map((r) => r.combinedWithId).filter((x): x is number => x !== null))];
  const combined = combinedIds.length
    ? await db.select({ id: agreements.id, slug: agreements.slug, shortName: agreements.shortName }).from(agreements).where(inArray(agreements.id, combinedIds))
    : [];
  return rows.map(({ combinedWithId, ...r }) => {
    const c = combined.find((x) => x.id === combinedWithId);
    return { ...r, combinedWith: c ? { slug: c.slug, shortName: c.shortName } : null };
  });
}

/** Milestones a source dates, for its source page. */
export async function eventsBySource(sourceId: string) {
  const db = readDb();
  const columns = {
    id: agreementEvents.id,
    date: agreementEvents.date,
    precision: agreementEvents.precision,
    status: agreementEvents.status,
    description: agreementEvents.description,
    slug: agreements.slug,
    shortName: agreements.shortName,
  };
  const own = await db
    .select(columns)
    .from(agreementEvents)
    .innerJoin(agreements, eq(agreements.id, agreementEvents.agreementId))
    .where(eq(agreementEvents.sourceId, sourceId));
  const confirmed = await db
    .select(columns)
    .from(agreementEventSources)
    .innerJoin(agreementEvents, eq(agreementEvents.id, agreementEventSources.eventId))
    .innerJoin(agreements, eq(agreements.id, agreementEvents.agreementId))
    .where(eq(agreementEventSources.sourceId, sourceId));
  return [...own, ...confirmed].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
}

export function listAgreementSlugs(): string[] {
  return readDb().select({ slug: agreements.slug }).from(agreements).all().map((r) => r.slug);
}

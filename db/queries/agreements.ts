import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import type { AgreementStatus, Confidence } from "../schema";
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
} from "../tables";
import { z } from "zod";
import { sourceTags, tags } from "@/lib/cache-tags";
import { CAMBODIA } from "@/lib/domain/figure";
import { currentStatus, lifecycleSteps, recordEnd, statusSummary } from "@/lib/agreements";

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
  reports: {
    sourceId: string;
    publisher: string;
    title: string;
    publishedOn: string;
    startDate: string | null;
    endDate: string | null;
    preferred: boolean;
    note: string | null;
  }[];
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

/** A cited SourceRef as the row `sourceTags` reads. */
const citing = (ref: { id: string }) => ({ sourceId: ref.id });

/** How many parties each agreement has, Cambodia included (the status rules need it). Uncached helper. */
async function partyCounts(agreementIds?: number[]): Promise<Map<number, number>> {
  if (agreementIds && agreementIds.length === 0) return new Map();
  const rows = await readDb()
    .select({ agreementId: agreementParties.agreementId, n: sql<number>`count(*)` })
    .from(agreementParties)
    .where(agreementIds ? inArray(agreementParties.agreementId, agreementIds) : undefined)
    .groupBy(agreementParties.agreementId);
  return new Map(rows.map((r) => [r.agreementId, r.n]));
}

/** The dated steps the status rules read, of some agreements or of all. Uncached helper. */
function datedSteps(agreementIds?: number[]) {
  return readDb()
    .select({
      id: agreementEvents.id,
      agreementId: agreementEvents.agreementId,
      status: agreementEvents.status,
      date: agreementEvents.date,
      precision: agreementEvents.precision,
      party: agreementEvents.party,
    })
    .from(agreementEvents)
    .where(agreementIds ? inArray(agreementEvents.agreementId, agreementIds) : undefined);
}

/** Every agreement with its current status, since when and for whom, and its lifecycle steps. */
export async function listAgreements() {
  "use cache";
  cacheTag(tags.allAgreements);
  const rows = await readDb().select().from(agreements).orderBy(asc(agreements.name));
  const events = await datedSteps();
  const counts = await partyCounts();
  return rows.map((a) => {
    const own = events.filter((e) => e.agreementId === a.id);
    const n = counts.get(a.id) ?? 0;
    return { ...a, status: currentStatus(own), standing: statusSummary(own, n), steps: lifecycleSteps(own, n), partyCount: n };
  });
}

/** An agreement's milestones, each with its source and the further sources that confirm it. Uncached helper. */
async function eventsFor(agreementId: number): Promise<EventView[]> {
  const db = readDb();
  const rows = await db
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
    .orderBy(asc(agreementEvents.date), asc(agreementEvents.id));
  if (rows.length === 0) return [];
  const also = await db
    .select({ eventId: agreementEventSources.eventId, note: agreementEventSources.note, ...sourceRefColumns })
    .from(agreementEventSources)
    .innerJoin(sources, eq(sources.id, agreementEventSources.sourceId))
    .where(
      inArray(
        agreementEventSources.eventId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(sources.publishedOn));
  return rows.map((r) => ({ ...r, alsoIn: also.filter((x) => x.eventId === r.id).map(({ eventId: _e, ...x }) => x) }));
}

/** An agreement's rounds with what each report says of them. Not cached itself: call it from a cached loader. */
export async function roundsFor(agreementId: number): Promise<RoundView[]> {
  const db = readDb();
  const rs = await db.select().from(rounds).where(eq(rounds.agreementId, agreementId)).orderBy(asc(rounds.number));
  if (rs.length === 0) return [];
  const reports = await db
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
    .where(
      inArray(
        roundSources.roundId,
        rs.map((r) => r.id),
      ),
    )
    .orderBy(desc(roundSources.preferred), asc(sources.publishedOn));
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

type StreamUpdate = UpdateView & { agreementSlug: string; agreementShortName: string };

/** Published updates, newest first: of one agreement, or of all when `agreementId` is null. Uncached helper. */
function publishedUpdates(agreementId: number | null, limit: number): Promise<StreamUpdate[]> {
  return readDb()
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
    .where(
      agreementId === null ? eq(updates.status, "published") : and(eq(updates.status, "published"), eq(updates.agreementId, agreementId)),
    )
    .orderBy(desc(updates.postedAt), desc(updates.id))
    .limit(limit);
}

/** The latest published updates across agreements (the front page's stream). */
export async function latestUpdates(limit: number): Promise<StreamUpdate[]> {
  "use cache";
  const rows = await publishedUpdates(null, limit);
  cacheTag(tags.allUpdates, ...sourceTags(rows));
  return rows;
}

/**
 * One agreement with its parties, milestones (and the sources confirming each), rounds and updates,
 * where it stands and where its record stops: the tracker's loader, shared by stories' timelines.
 */
export async function getAgreement(slug: string) {
  "use cache";
  const db = readDb();
  const [agreement] = await db.select().from(agreements).where(eq(agreements.slug, slug)).limit(1);
  if (!agreement) {
    cacheTag(tags.allAgreements);
    return null;
  }
  const parties = await db
    .select({ code: partners.code, name: partners.name, inForceOn: agreementParties.inForceOn })
    .from(agreementParties)
    .innerJoin(partners, eq(partners.code, agreementParties.partnerCode))
    .where(eq(agreementParties.agreementId, agreement.id))
    .orderBy(asc(partners.name));
  const events = await eventsFor(agreement.id);
  const roundList = await roundsFor(agreement.id);
  const updateList = await publishedUpdates(agreement.id, 50);
  cacheTag(
    tags.agreement(slug),
    ...sourceTags([...events, ...roundList.flatMap((r) => r.reports), ...updateList]),
    ...sourceTags(events.flatMap((e) => e.alsoIn.map(citing))),
  );
  return {
    ...agreement,
    parties,
    events,
    status: currentStatus(events),
    standing: statusSummary(events, parties.length),
    steps: lifecycleSteps(events, parties.length),
    recordEnd: recordEnd([
      ...events.map((e) => e.endDate ?? e.date),
      ...roundList.map((r) => r.endDate),
      ...updateList.map((u) => u.postedAt),
    ]),
    rounds: roundList,
    updates: updateList,
  };
}

export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

/** The agreements Cambodia shares with a partner, each with where it stands. */
export async function agreementsForPartner(code: string) {
  "use cache";
  cacheTag(tags.allAgreements);
  const db = readDb();
  const rows = await db
    .select({ id: agreements.id, slug: agreements.slug, name: agreements.name, shortName: agreements.shortName })
    .from(agreementParties)
    .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
    .where(eq(agreementParties.partnerCode, code))
    .orderBy(asc(agreements.name));
  const khm = new Set(
    (await db.select({ id: agreementParties.agreementId }).from(agreementParties).where(eq(agreementParties.partnerCode, CAMBODIA))).map(
      (r) => r.id,
    ),
  );
  const ids = rows.map((r) => r.id);
  const events = ids.length ? await datedSteps(ids) : [];
  const counts = await partyCounts(ids);
  return rows
    .filter((r) => khm.has(r.id))
    .map((r) => {
      const own = events.filter((e) => e.agreementId === r.id);
      return { ...r, status: currentStatus(own), standing: statusSummary(own, counts.get(r.id) ?? 0) };
    });
}

export type WtoRecordView = typeof wtoRtaRecords.$inferSelect & { sourceTitle: string; sourceDate: string };

/** The WTO export rows behind an agreement, every vintage, newest first (table wto_rta_records). */
export async function wtoRecordsFor(slug: string): Promise<WtoRecordView[]> {
  "use cache";
  const rows = await readDb()
    .select({ record: wtoRtaRecords, sourceTitle: sources.title, sourceDate: sources.publishedOn })
    .from(wtoRtaRecords)
    .innerJoin(agreements, eq(agreements.id, wtoRtaRecords.agreementId))
    .innerJoin(sources, eq(sources.id, wtoRtaRecords.sourceId))
    .where(eq(agreements.slug, slug))
    .orderBy(desc(sources.publishedOn), asc(wtoRtaRecords.rtaId));
  const list = rows.map((r) => ({ ...r.record, sourceTitle: r.sourceTitle, sourceDate: r.sourceDate }));
  cacheTag(tags.agreement(slug), ...sourceTags(list));
  return list;
}

/** Every row of one WTO export, with the agreement it belongs to (for /agreements). */
export async function wtoExportRows(sourceId: string) {
  "use cache";
  cacheTag(tags.allAgreements, tags.source(sourceId));
  return readDb()
    .select({ record: wtoRtaRecords, slug: agreements.slug, shortName: agreements.shortName })
    .from(wtoRtaRecords)
    .innerJoin(agreements, eq(agreements.id, wtoRtaRecords.agreementId))
    .where(eq(wtoRtaRecords.sourceId, sourceId))
    .orderBy(asc(wtoRtaRecords.rtaId));
}

/** One row of one WTO export by RTA ID, or null. */
export async function wtoRecord(sourceId: string, rtaId: number) {
  "use cache";
  const [row] = await readDb()
    .select({ record: wtoRtaRecords, slug: agreements.slug })
    .from(wtoRtaRecords)
    .innerJoin(agreements, eq(agreements.id, wtoRtaRecords.agreementId))
    .where(and(eq(wtoRtaRecords.sourceId, sourceId), eq(wtoRtaRecords.rtaId, rtaId)))
    .limit(1);
  cacheTag(tags.source(sourceId), ...(row ? [tags.agreement(row.slug)] : [tags.allAgreements]));
  return row ?? null;
}

/** Every row of every WTO export, for comparing vintages. */
export async function allWtoRecords() {
  "use cache";
  const rows = await readDb().select().from(wtoRtaRecords).orderBy(asc(wtoRtaRecords.rtaId), asc(wtoRtaRecords.id));
  cacheTag(tags.allAgreements, ...sourceTags(rows));
  return rows;
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
  "use cache";
  const db = readDb();
  const [agreement] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, agreementSlug)).limit(1);
  if (!agreement) {
    cacheTag(tags.allAgreements);
    return [];
  }
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
    ? await db
        .select({ id: agreements.id, slug: agreements.slug, shortName: agreements.shortName })
        .from(agreements)
        .where(inArray(agreements.id, combinedIds))
    : [];
  cacheTag(tags.agreement(agreementSlug), ...combined.map((c) => tags.agreement(c.slug)), ...sourceTags(rows.map((r) => citing(r.source))));
  return rows.map(({ combinedWithId, ...r }) => {
    const c = combined.find((x) => x.id === combinedWithId);
    return { ...r, combinedWith: c ? { slug: c.slug, shortName: c.shortName } : null };
  });
}

/** Milestones a source dates, as the step's own source or as a confirmation, for its source page. */
export async function eventsBySource(sourceId: string) {
  "use cache";
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
  const list = [...own, ...confirmed].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  cacheTag(tags.source(sourceId), ...Array.from(new Set(list.map((e) => tags.agreement(e.slug)))));
  return list;
}

export async function listAgreementSlugs(): Promise<string[]> {
  "use cache";
  cacheTag(tags.allAgreements);
  return (await readDb().select({ slug: agreements.slug }).from(agreements).orderBy(asc(agreements.slug))).map((r) => r.slug);
}

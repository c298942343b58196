import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { cacheTag } from "next/cache";
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
import { sourceTags, tags } from "@/lib/cache-tags";

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

export async function listAgreements() {
  "use cache";
  cacheTag(tags.allAgreements);
  const db = readDb();
  const rows = await db.select().from(agreements).orderBy(asc(agreements.name));
  const events = await db.select({ agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date }).from(agreementEvents);
  return rows.map((a) => ({ ...a, status: currentStatus(events.filter((e) => e.agreementId === a.id)) }));
}

function eventsFor(agreementId: number): Promise<EventView[]> {
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
    .orderBy(asc(agreementEvents.date));
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
    .where(inArray(roundSources.roundId, rs.map((r) => r.id)))
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
    .where(agreementId === null ? eq(updates.status, "published") : and(eq(updates.status, "published"), eq(updates.agreementId, agreementId)))
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

/** One agreement with its parties, milestones, rounds and updates: the tracker's loader, shared by stories' timelines. */
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
  cacheTag(tags.agreement(slug), ...sourceTags([...events, ...roundList.flatMap((r) => r.reports), ...updateList]));
  return {
    ...agreement,
    parties,
    events,
    status: currentStatus(events),
    rounds: roundList,
    updates: updateList,
  };
}

export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

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
    (await db.select({ id: agreementParties.agreementId }).from(agreementParties).where(eq(agreementParties.partnerCode, "KHM"))).map((r) => r.id),
  );
  const events = rows.length
    ? await db.select({ agreementId: agreementEvents.agreementId, status: agreementEvents.status, date: agreementEvents.date }).from(agreementEvents).where(inArray(agreementEvents.agreementId, rows.map((r) => r.id)))
    : [];
  return rows.filter((r) => khm.has(r.id)).map((r) => ({ ...r, status: currentStatus(events.filter((e) => e.agreementId === r.id)) }));
}

export async function listAgreementSlugs(): Promise<string[]> {
  "use cache";
  cacheTag(tags.allAgreements);
  return (await readDb().select({ slug: agreements.slug }).from(agreements)).map((r) => r.slug);
}

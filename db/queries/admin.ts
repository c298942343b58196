import "server-only";
import { and, asc, desc, eq, like, notInArray, or, sql } from "drizzle-orm";
import { readDb } from "../client";
import { agreements, auditLog, partners, recordKeepers, roundSources, rounds, sources, tradeFigures, updates, users } from "../schema";

/** Reads for the editors' desk. Public pages never call these. */

/**
 * Audit entries about accounts rather than content: users made or changed, sign-ins, sign-outs,
 * sessions ended, throttled sign-ins. Only admins see them (they name addresses and browsers).
 */
export const ACCOUNT_ENTITIES = ["user", "session", "sign-in"] as const;

/** `accounts`: include account entries (admins); otherwise content changes only. */
export function recentChanges(limit = 50, offset = 0, { accounts = false } = {}) {
  return readDb()
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, entity: auditLog.entity, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after, userName: users.name, userEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(accounts ? undefined : notInArray(auditLog.entity, [...ACCOUNT_ENTITIES]))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function countChanges({ accounts = false } = {}): number {
  return (
    readDb()
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(accounts ? undefined : notInArray(auditLog.entity, [...ACCOUNT_ENTITIES]))
      .get()?.n ?? 0
  );
}

export function agreementOptions() {
  return readDb().select({ slug: agreements.slug, shortName: agreements.shortName, id: agreements.id }).from(agreements).orderBy(asc(agreements.shortName)).all();
}

export function sourceOptions() {
  return readDb().select({ id: sources.id, publisher: sources.publisher, title: sources.title, publishedOn: sources.publishedOn }).from(sources).orderBy(desc(sources.publishedOn)).all();
}

export function listRoundsAdmin() {
  return readDb()
    .select({ id: rounds.id, number: rounds.number, startDate: rounds.startDate, endDate: rounds.endDate, format: rounds.format, agreement: agreements.shortName, slug: agreements.slug, updatedAt: rounds.updatedAt })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .orderBy(asc(agreements.shortName), desc(rounds.number))
    .all();
}

export function getRoundAdmin(id: number) {
  const db = readDb();
  const round = db
    .select({ round: rounds, slug: agreements.slug })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .where(eq(rounds.id, id))
    .get();
  if (!round) return null;
  const reports = db.select().from(roundSources).where(eq(roundSources.roundId, id)).all();
  return { ...round.round, agreementSlug: round.slug, reports };
}

export function nextRoundNumber(slug: string): number {
  const row = readDb()
    .select({ n: sql<number | null>`max(${rounds.number})` })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .where(eq(agreements.slug, slug))
    .get();
  return (row?.n ?? 0) + 1;
}

export function listUpdatesAdmin(status?: "draft" | "published") {
  return readDb()
    .select({ id: updates.id, title: updates.title, status: updates.status, postedAt: updates.postedAt, agreement: agreements.shortName, slug: agreements.slug, author: users.name })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .leftJoin(users, eq(users.id, updates.authorId))
    .where(status ? eq(updates.status, status) : undefined)
    .orderBy(desc(updates.postedAt))
    .all();
}

export function getUpdateAdmin(id: number) {
  const row = readDb()
    .select({ update: updates, slug: agreements.slug, roundNumber: rounds.number })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .leftJoin(rounds, eq(rounds.id, updates.roundId))
    .where(eq(updates.id, id))
    .get();
  return row ? { ...row.update, agreementSlug: row.slug, roundNumber: row.roundNumber } : null;
}

export function listFiguresAdmin(filter: { q?: string; source?: string; page: number; perPage: number }) {
  const db = readDb();
  const q = filter.q?.trim().toUpperCase();
  const where = and(
    q ? or(eq(tradeFigures.counterpart, q), like(tradeFigures.periodStart, `${q}%`)) : undefined,
    filter.source ? eq(tradeFigures.sourceId, filter.source) : undefined,
  );
  const rows = db
    .select()
    .from(tradeFigures)
    .where(where)
    .orderBy(desc(tradeFigures.updatedAt), desc(tradeFigures.periodStart), asc(tradeFigures.counterpart))
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(tradeFigures).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function getFigureAdmin(id: number) {
  return readDb().select().from(tradeFigures).where(eq(tradeFigures.id, id)).get() ?? null;
}

export function getSourceAdmin(id: string) {
  return readDb().select().from(sources).where(eq(sources.id, id)).get() ?? null;
}

export async function recordKeeperOptions() {
  return readDb().select().from(recordKeepers).orderBy(asc(recordKeepers.code));
}

export function partnerCodes() {
  return readDb().select({ code: partners.code, name: partners.name }).from(partners).orderBy(asc(partners.name)).all();
}

/** The desk's record pages, by the route they live at, and how to tell whether the record exists. */
const RECORD_LOOKUPS: Record<string, (raw: string) => boolean> = {
  "/admin/rounds/[id]": (raw) => /^\d{1,12}$/.test(raw) && readDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.id, Number(raw))).get() !== undefined,
  "/admin/updates/[id]": (raw) => /^\d{1,12}$/.test(raw) && readDb().select({ id: updates.id }).from(updates).where(eq(updates.id, Number(raw))).get() !== undefined,
  "/admin/figures/[id]": (raw) => /^\d{1,12}$/.test(raw) && readDb().select({ id: tradeFigures.id }).from(tradeFigures).where(eq(tradeFigures.id, Number(raw))).get() !== undefined,
  "/admin/sources/[id]": (raw) => /^[a-z0-9-]{1,64}$/.test(raw) && readDb().select({ id: sources.id }).from(sources).where(eq(sources.id, raw)).get() !== undefined,
};

/**
 * False when an address names a desk record that does not exist (proxy.ts answers 404 before the
 * page streams); true for every other address. One indexed lookup by primary key.
 */
export function deskRecordExists(route: string, pathname: string): boolean {
  const lookup = RECORD_LOOKUPS[route];
  if (!lookup) return true;
  const last = pathname.replace(/\/$/, "").split("/").pop() ?? "";
  try {
    return lookup(decodeURIComponent(last));
  } catch {
    return false; // a malformed escape names no record
  }
}

import "server-only";
import { and, asc, count, desc, eq, like, max, notInArray, or } from "drizzle-orm";
import { readDb } from "../client";
import { isRowIdNumber } from "@/lib/validation/common";
import { agreements, auditLog, partners, recordKeepers, roundSources, rounds, sources, tradeFigures, updates, users } from "../tables";

/** Reads for the editors' desk. Public pages never call these. */

/**
 * Audit entries about accounts rather than content: users made or changed, sign-ins, sign-outs,
 * sessions ended, throttled sign-ins. Only admins see them (they name addresses and browsers).
 */
export const ACCOUNT_ENTITIES = ["user", "session", "sign-in"] as const;

/** `accounts`: include account entries (admins); otherwise content changes only. */
export async function recentChanges(limit = 50, offset = 0, { accounts = false } = {}) {
  return readDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      userName: users.name,
      userEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(accounts ? undefined : notInArray(auditLog.entity, [...ACCOUNT_ENTITIES]))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
}

export async function countChanges({ accounts = false } = {}): Promise<number> {
  const [row] = await readDb()
    .select({ n: count() })
    .from(auditLog)
    .where(accounts ? undefined : notInArray(auditLog.entity, [...ACCOUNT_ENTITIES]));
  return row?.n ?? 0;
}

export async function agreementOptions() {
  return readDb()
    .select({ slug: agreements.slug, shortName: agreements.shortName, id: agreements.id })
    .from(agreements)
    .orderBy(asc(agreements.shortName));
}

export async function sourceOptions() {
  return readDb()
    .select({ id: sources.id, publisher: sources.publisher, title: sources.title, publishedOn: sources.publishedOn })
    .from(sources)
    .orderBy(desc(sources.publishedOn), asc(sources.id));
}

export async function listRoundsAdmin() {
  return readDb()
    .select({
      id: rounds.id,
      number: rounds.number,
      startDate: rounds.startDate,
      endDate: rounds.endDate,
      format: rounds.format,
      agreement: agreements.shortName,
      slug: agreements.slug,
      updatedAt: rounds.updatedAt,
    })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .orderBy(asc(agreements.shortName), desc(rounds.number));
}

export async function getRoundAdmin(id: number) {
  if (!isRowIdNumber(id)) return null;
  const db = readDb();
  const [round] = await db
    .select({ round: rounds, slug: agreements.slug })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .where(eq(rounds.id, id))
    .limit(1);
  if (!round) return null;
  const reports = await db.select().from(roundSources).where(eq(roundSources.roundId, id)).orderBy(asc(roundSources.sourceId));
  return { ...round.round, agreementSlug: round.slug, reports };
}

export async function nextRoundNumber(slug: string): Promise<number> {
  const [row] = await readDb()
    .select({ n: max(rounds.number) })
    .from(rounds)
    .innerJoin(agreements, eq(agreements.id, rounds.agreementId))
    .where(eq(agreements.slug, slug));
  return (row?.n ?? 0) + 1;
}

export async function listUpdatesAdmin(status?: "draft" | "published") {
  return readDb()
    .select({
      id: updates.id,
      title: updates.title,
      status: updates.status,
      postedAt: updates.postedAt,
      agreement: agreements.shortName,
      slug: agreements.slug,
      author: users.name,
    })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .leftJoin(users, eq(users.id, updates.authorId))
    .where(status ? eq(updates.status, status) : undefined)
    .orderBy(desc(updates.postedAt), desc(updates.id));
}

export async function getUpdateAdmin(id: number) {
  if (!isRowIdNumber(id)) return null;
  const [row] = await readDb()
    .select({ update: updates, slug: agreements.slug, roundNumber: rounds.number })
    .from(updates)
    .innerJoin(agreements, eq(agreements.id, updates.agreementId))
    .leftJoin(rounds, eq(rounds.id, updates.roundId))
    .where(eq(updates.id, id))
    .limit(1);
  return row ? { ...row.update, agreementSlug: row.slug, roundNumber: row.roundNumber } : null;
}

export async function listFiguresAdmin(filter: { q?: string; source?: string; page: number; perPage: number }) {
  const db = readDb();
  const q = filter.q?.trim().toUpperCase();
  const where = and(
    q ? or(eq(tradeFigures.counterpart, q), like(tradeFigures.periodStart, `${q}%`)) : undefined,
    filter.source ? eq(tradeFigures.sourceId, filter.source) : undefined,
  );
  const rows = await db
    .select()
    .from(tradeFigures)
    .where(where)
    .orderBy(desc(tradeFigures.updatedAt), desc(tradeFigures.periodStart), asc(tradeFigures.counterpart), asc(tradeFigures.id))
    .limit(filter.perPage)
    .offset((filter.page - 1) * filter.perPage);
  const [counted] = await db.select({ n: count() }).from(tradeFigures).where(where);
  return { rows, total: counted?.n ?? 0 };
}

export async function getFigureAdmin(id: number) {
  if (!isRowIdNumber(id)) return null;
  const [row] = await readDb().select().from(tradeFigures).where(eq(tradeFigures.id, id)).limit(1);
  return row ?? null;
}

export async function getSourceAdmin(id: string) {
  const [row] = await readDb().select().from(sources).where(eq(sources.id, id)).limit(1);
  return row ?? null;
}

export async function recordKeeperOptions() {
  return readDb().select().from(recordKeepers).orderBy(asc(recordKeepers.code));
}

export async function partnerCodes() {
  return readDb().select({ code: partners.code, name: partners.name }).from(partners).orderBy(asc(partners.name));
}

/** Whether a query found a row. */
const found = async (query: Promise<unknown[]>) => (await query).length > 0;

/** The desk's record pages, by the route they live at, and how to tell whether the record exists. */
const RECORD_LOOKUPS: Record<string, (raw: string) => Promise<boolean>> = {
  "/admin/rounds/[id]": async (raw) =>
    isRowId(raw) &&
    found(
      readDb()
        .select({ id: rounds.id })
        .from(rounds)
        .where(eq(rounds.id, Number(raw)))
        .limit(1),
    ),
  "/admin/updates/[id]": async (raw) =>
    isRowId(raw) &&
    found(
      readDb()
        .select({ id: updates.id })
        .from(updates)
        .where(eq(updates.id, Number(raw)))
        .limit(1),
    ),
  "/admin/figures/[id]": async (raw) =>
    isRowId(raw) &&
    found(
      readDb()
        .select({ id: tradeFigures.id })
        .from(tradeFigures)
        .where(eq(tradeFigures.id, Number(raw)))
        .limit(1),
    ),
  "/admin/sources/[id]": async (raw) =>
    /^[a-z0-9-]{1,64}$/.test(raw) && found(readDb().select({ id: sources.id }).from(sources).where(eq(sources.id, raw)).limit(1)),
};

/** A row id both engines can look up (lib/validation/common.ts). */
const isRowId = (raw: string) => /^\d{1,10}$/.test(raw) && isRowIdNumber(Number(raw));

/**
 * False when an address names a desk record that does not exist (proxy.ts answers 404 before the
 * page streams); true for every other address. One indexed lookup by primary key.
 */
export async function deskRecordExists(route: string, pathname: string): Promise<boolean> {
  const lookup = RECORD_LOOKUPS[route];
  if (!lookup) return true;
  const last = pathname.replace(/\/$/, "").split("/").pop() ?? "";
  let raw: string;
  try {
    raw = decodeURIComponent(last);
  } catch {
    return false; // a malformed escape names no record
  }
  return lookup(raw);
}

/**
 * PROTOTYPES for issue 13's switch, not wired into the app: queries and writes of today's db/queries
 * and db/mutations, written ONCE against the seam's shared types (db/dialect/types.ts) and run by
 * test/pg/seam.test.ts and test/pg/writes.test.ts on SQLite and on PostgreSQL. They show the shape
 * the real files take at the switch:
 *   - the engine comes in as a Dialect (`d.read`, `d.t`, `d.write`), never as a module-level import
 *   - every query is awaited; `.get()` becomes `(await q.limit(1))[0]`, `.all()` goes, `.run()` goes
 *   - counts use drizzle's count() / `sql<number>` (int8 comes back as a number on both engines)
 *   - booleans are compared with eq(col, true), never `= 1`
 *   - what only one engine can say lives in the Dialect (lockKeys, rows, exec), not here
 */
import { and, asc, count, desc, eq, gt, gte, lt, lte, sql } from "drizzle-orm";
import { ConflictError, NotAllowedError, NotFoundError } from "@/db/mutations/errors";
import type { Role } from "@/db/schema";
import type { Dialect, WriteTx } from "@/db/dialect/types";

// ---- reads (db/queries/figures.ts, db/queries/partners.ts) ------------------------------------

export function figureColumns(d: Dialect) {
  const { tradeFigures: f, sources: s } = d.t;
  return {
    id: f.id, reporter: f.reporter, partner: f.partner, counterpart: f.counterpart, side: f.side,
    periodStart: f.periodStart, periodEnd: f.periodEnd, flow: f.flow, khmFlow: f.khmFlow, value: f.value,
    khmValue: f.khmValue, unit: f.unit, note: f.note, preferred: f.preferred, estimate: f.estimate, derived: f.derived,
    sourceId: f.sourceId, sourcePublisher: s.publisher, sourceTitle: s.title, sourceDate: s.publishedOn, sourceKind: s.kind,
  };
}

/** Every value stored for one cell (getCell). */
export function getCell(d: Dialect, counterpart: string, khmFlow: string, period: { start: string; end: string }) {
  const { tradeFigures: f, sources: s } = d.t;
  return d.read
    .select(figureColumns(d))
    .from(f)
    .innerJoin(s, eq(s.id, f.sourceId))
    .where(and(eq(f.counterpart, counterpart), sql`${f.khmFlow} = ${khmFlow}`, eq(f.periodStart, period.start), eq(f.periodEnd, period.end)))
    .orderBy(asc(f.id));
}

/** Annual IMF values for one partner and flow, both sides (getAnnualSeries). */
export async function getAnnualSeries(d: Dialect, counterpart: string, khmFlow: string, fromYear: number, toYear: number) {
  const f = d.t.tradeFigures;
  const rows = await d.read
    .select({ id: f.id, periodStart: f.periodStart, side: f.side, value: f.khmValue, estimate: f.estimate })
    .from(f)
    .where(
      and(
        eq(f.counterpart, counterpart),
        sql`${f.khmFlow} = ${khmFlow}`,
        eq(f.sourceId, "imf-dots"),
        sql`substr(${f.periodEnd}, 6, 2) = '12' AND substr(${f.periodStart}, 6, 2) = '01'`,
        sql`substr(${f.periodStart}, 1, 4) = substr(${f.periodEnd}, 1, 4)`,
        gte(f.periodStart, `${fromYear}-01`),
        lte(f.periodStart, `${toYear}-01`),
      ),
    )
    .orderBy(asc(f.periodStart), asc(f.side));
  return rows.map((r) => ({ id: r.id, year: Number(r.periodStart.slice(0, 4)), side: r.side, value: r.value, estimate: r.estimate }));
}

/** Largest partners by total trade in a year, in Cambodia's records (topPartners). */
export function topPartners(d: Dialect, year: number, limit = 10) {
  const f = d.t.tradeFigures;
  return d.read
    .select({ code: f.counterpart, value: f.khmValue })
    .from(f)
    .where(and(eq(f.reporter, "KHM"), sql`${f.khmFlow} = 'total'`, eq(f.sourceId, "imf-dots"), eq(f.periodStart, `${year}-01`), eq(f.periodEnd, `${year}-12`), sql`${f.counterpart} <> 'WLD'`))
    .orderBy(desc(f.khmValue), asc(f.counterpart))
    .limit(limit);
}

/** Partners with trade figures and how many (listPartners): a GROUP BY with a count. */
export function listPartners(d: Dialect) {
  const { partners: p, tradeFigures: f } = d.t;
  return d.read
    .select({ code: p.code, name: p.name, region: p.region, figures: count(f.id) })
    .from(p)
    .innerJoin(f, eq(f.counterpart, p.code))
    .where(sql`${p.code} <> 'KHM'`)
    .groupBy(p.code)
    .orderBy(asc(p.name), asc(p.code));
}

/** The latest year with IMF values for a partner (latestAnnualYear): an aggregate over an expression. */
export async function latestAnnualYear(d: Dialect, counterpart: string): Promise<number | null> {
  const f = d.t.tradeFigures;
  const [row] = await d.read
    .select({ y: sql<string | null>`max(substr(${f.periodStart}, 1, 4))` })
    .from(f)
    .where(and(eq(f.counterpart, counterpart), eq(f.sourceId, "imf-dots")));
  return row?.y ? Number(row.y) : null;
}

// ---- writes (db/mutations/audit.ts, db/mutations/figures.ts, db/mutations/login-attempts.ts) ----

export type Actor = { id: number; sessionVersion: number; role: Role };

/** assertActor: the user re-read inside the transaction. */
export async function assertActor(d: Dialect, tx: WriteTx, actor: Actor, roles: readonly Role[]) {
  const u = d.t.users;
  const [row] = await tx.select({ disabled: u.disabled, sv: u.sessionVersion, role: u.role }).from(u).where(eq(u.id, actor.id)).limit(1);
  if (!row || row.disabled || row.sv !== actor.sessionVersion || !roles.includes(row.role)) {
    throw new NotAllowedError("Your session no longer allows this change.");
  }
}

export async function audit(d: Dialect, tx: WriteTx, actor: Actor | null, entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown }) {
  await tx.insert(d.t.auditLog).values({
    at: new Date().toISOString(),
    userId: actor?.id ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}

/** assertVersion: refuse a save over a newer version, naming who made it. */
export async function assertVersion(d: Dialect, tx: WriteTx, entity: string, entityId: string | number, stored: number, expected: number) {
  if (stored === expected) return;
  const { auditLog: a, users: u } = d.t;
  const [last] = await tx
    .select({ at: a.at, name: u.name })
    .from(a)
    .leftJoin(u, eq(u.id, a.userId))
    .where(and(eq(a.entity, entity), eq(a.entityId, String(entityId))))
    .orderBy(desc(a.id))
    .limit(1);
  throw new ConflictError(last?.name ?? "the data import", last?.at ?? "");
}

/** The core of saveFigure: read, check the version, write with version + 1, audit; all in the caller's transaction. */
export async function saveFigureValue(
  d: Dialect,
  tx: WriteTx,
  actor: Actor,
  input: { id: number; version: number; value: number },
  /** Tests only: runs between the read and the write, to make concurrent saves overlap. */
  afterRead?: () => Promise<void>,
) {
  const f = d.t.tradeFigures;
  const [current] = await tx.select().from(f).where(eq(f.id, input.id)).limit(1);
  if (!current) throw new NotFoundError();
  await afterRead?.();
  await assertVersion(d, tx, "figure", current.id, current.version, input.version);
  const [after] = await tx
    .update(f)
    .set({ value: input.value, version: current.version + 1, updatedAt: new Date().toISOString(), updatedBy: actor.id })
    .where(eq(f.id, current.id))
    .returning();
  await audit(d, tx, actor, { action: "update", entity: "figure", entityId: current.id, before: current, after });
  return after!;
}

/** One admin action: the user checked again, then the write, in one transaction (lib/auth/action.ts's order). */
export function adminWrite<T>(d: Dialect, actor: Actor, roles: readonly Role[], run: (tx: WriteTx) => Promise<T>): Promise<T> {
  return d.write(async (tx) => {
    await assertActor(d, tx, actor, roles);
    return run(tx);
  });
}

export const THROTTLE = { freePerAccount: 5, freePerAddress: 20, windowMs: 15 * 60_000, firstWaitMs: 30_000, maxWaitMs: 15 * 60_000 };

const waitFor = (failures: number, free: number) => (failures < free ? 0 : Math.min(THROTTLE.firstWaitMs * 2 ** (failures - free), THROTTLE.maxWaitMs));

export type AttemptDecision = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number };

/**
 * beginAttempt, written once. Race-free on both engines: the attempt is counted and recorded in one
 * transaction that first locks the account and the address (`lockKeys`: SQLite's BEGIN IMMEDIATE
 * already serializes; PostgreSQL takes transaction-scoped advisory locks), so parallel attempts on one
 * account queue behind each other and each sees the ones before it. READ COMMITTED on PostgreSQL:
 * after the lock every statement sees every earlier attempt's committed row, and there is nothing to
 * retry (under SERIALIZABLE, 50 parallel attempts would mostly fail and be run again).
 */
export function beginAttempt(
  d: Dialect,
  email: string,
  ip: string,
  now = new Date(),
  /** "serializable" (no locks; PostgreSQL retries what it cannot serialize) exists only to measure the alternative: test/pg/measure.ts. */
  strategy: "locks" | "serializable" = "locks",
): Promise<AttemptDecision> {
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const l = d.t.loginAttempts;
  return d.write(
    async (tx) => {
      if (strategy === "locks") await d.lockKeys(tx, [`login:account:${email}`, `login:address:${ip}`]);
      const [lastSuccess] = await tx.select({ at: l.at }).from(l).where(and(eq(l.email, email), eq(l.success, true))).orderBy(desc(l.at)).limit(1);
      const accountFrom = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
      const stats = async (column: typeof l.email | typeof l.ip, value: string, from: string) => {
        const [row] = await tx
          .select({ n: count(), last: sql<string | null>`max(${l.at})` })
          .from(l)
          .where(and(eq(column, value), eq(l.success, false), gt(l.at, from)));
        return row ?? { n: 0, last: null };
      };
      const account = await stats(l.email, email, accountFrom);
      const address = await stats(l.ip, ip, since);
      const until = Math.max(
        account.last ? Date.parse(account.last) + waitFor(account.n, THROTTLE.freePerAccount) : 0,
        address.last ? Date.parse(address.last) + waitFor(address.n, THROTTLE.freePerAddress) : 0,
      );
      const blocked = (account.n >= THROTTLE.freePerAccount || address.n >= THROTTLE.freePerAddress) && until > now.getTime();
      if (blocked) return { allowed: false as const, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
      await tx.delete(l).where(lt(l.at, new Date(now.getTime() - 86_400_000).toISOString()));
      const [row] = await tx.insert(l).values({ at: now.toISOString(), email, ip, success: false }).returning({ id: l.id });
      return { allowed: true as const, attemptId: row!.id };
    },
    { isolation: strategy === "locks" ? "read committed" : "serializable" },
  );
}

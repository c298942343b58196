import "server-only";
import { and, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { readDb, writeTransactionWhenFree, type ReadDb, type WriteTx } from "../client";
import { loginAttempts } from "../schema";
import { THROTTLE } from "@/lib/auth/limits";
import { audit } from "./audit";

export { THROTTLE };

// The limits and what they mean: lib/auth/limits.ts.
export type Scope = keyof typeof THROTTLE.free;
/** Who is trying: `device` is the device id from a cookie valid for this email, else null. */
export type AttemptKey = { email: string; ip: string; device: string | null };
export type Lock = { scope: Scope; failures: number; until: Date };
export type AttemptDecision = { allowed: true; attemptId: number } | { allowed: false; lock: Lock };

type Reader = Pick<ReadDb, "select">;

function waitFor(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.firstWaitMs * 2 ** (failures - free), THROTTLE.maxWaitMs);
}

/** Failures matching `where` after `from`: how many and the latest. */
function failuresSince(q: Reader, where: SQL | undefined, from: string) {
  return (
    q
      .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${loginAttempts.at})` })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, from)))
      .get() ?? { n: 0, last: null }
  );
}

function lastSuccess(q: Reader, where: SQL | undefined): string | null {
  return (
    q
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.success, true)))
      .orderBy(desc(loginAttempts.at))
      .limit(1)
      .get()?.at ?? null
  );
}

/** The lock that applies to `key` now (the one ending last), or null when it may try. */
export function currentLock(q: Reader, key: AttemptKey, now = new Date()): Lock | null {
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const after = (success: string | null) => (success && success > since ? success : since);
  const counts: { scope: Scope; n: number; last: string | null }[] = [];
  if (key.device) {
    const mine = and(eq(loginAttempts.email, key.email), eq(loginAttempts.device, key.device));
    counts.push({ scope: "device", ...failuresSince(q, mine, after(lastSuccess(q, mine))) });
  } else {
    const account = and(eq(loginAttempts.email, key.email), isNull(loginAttempts.device));
    counts.push({ scope: "account", ...failuresSince(q, account, after(lastSuccess(q, account))) });
    counts.push({ scope: "address", ...failuresSince(q, and(eq(loginAttempts.ip, key.ip), isNull(loginAttempts.device)), since) });
    counts.push({ scope: "everyone", ...failuresSince(q, isNull(loginAttempts.device), since) });
  }
  let lock: Lock | null = null;
  for (const c of counts) {
    if (!c.last || c.n < THROTTLE.free[c.scope]) continue;
    const until = Date.parse(c.last) + waitFor(c.n, THROTTLE.free[c.scope]);
    if (until > now.getTime() && (!lock || until > lock.until.getTime())) lock = { scope: c.scope, failures: c.n, until: new Date(until) };
  }
  return lock;
}

/**
 * Decides whether a sign-in may be tried and, if so, records it as a failure before the password
 * is checked, so fifty parallel tries cannot all slip past the count. A refusal is decided on the
 * read connection and takes no lock; an allowed try checks again and records itself in one
 * immediate transaction that waits for the write lock without blocking the event loop.
 */
export async function beginAttempt(key: AttemptKey, now = new Date()): Promise<AttemptDecision> {
  const early = currentLock(readDb(), key, now);
  if (early) return { allowed: false, lock: early };
  return writeTransactionWhenFree((tx) => {
    const lock = currentLock(tx, key, now);
    if (lock) return { allowed: false as const, lock };
    const row = tx
      .insert(loginAttempts)
      .values({ at: now.toISOString(), email: key.email, ip: key.ip, device: key.device, success: false })
      .returning({ id: loginAttempts.id })
      .get();
    return { allowed: true as const, attemptId: row.id };
  });
}

const describe = (lock: Lock, key: AttemptKey): string =>
  ({
    device: `one trusted browser of ${key.email}`,
    account: `${key.email} from untrusted browsers`,
    address: `address ${key.ip}`,
    everyone: "every untrusted browser",
  })[lock.scope];

/**
 * After a wrong password: if that failure started or lengthened a lock, the audit log says so
 * (one row per lock, not per refused try, so a flood cannot fill the log).
 */
export async function noteFailure(key: AttemptKey, now = new Date()): Promise<Lock | null> {
  const lock = currentLock(readDb(), key, now);
  if (!lock) return null;
  await writeTransactionWhenFree((tx: WriteTx) =>
    audit(tx, null, {
      action: "throttle",
      entity: "sign-in",
      entityId: describe(lock, key),
      after: { scope: lock.scope, failures: lock.failures, until: lock.until.toISOString(), address: key.ip },
    }),
  );
  return lock;
}

import "server-only";
import { and, count, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { readDb, writeTransaction, type ReadDb } from "../client";
import { loginAttempts } from "../tables";
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
async function failuresSince(q: Reader, where: SQL | undefined, from: string) {
  const [row] = await q
    .select({ n: count(), last: sql<string | null>`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, from)));
  return row ?? { n: 0, last: null };
}

async function lastSuccess(q: Reader, where: SQL | undefined): Promise<string | null> {
  const [row] = await q
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.success, true)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  return row?.at ?? null;
}

/** The lock that applies to `key` now (the one ending last), or null when it may try. */
export async function currentLock(q: Reader, key: AttemptKey, now = new Date()): Promise<Lock | null> {
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const after = (success: string | null) => (success && success > since ? success : since);
  const counts: { scope: Scope; n: number; last: string | null }[] = [];
  if (key.device) {
    const mine = and(eq(loginAttempts.email, key.email), eq(loginAttempts.device, key.device));
    counts.push({ scope: "device", ...(await failuresSince(q, mine, after(await lastSuccess(q, mine)))) });
  } else {
    const account = and(eq(loginAttempts.email, key.email), isNull(loginAttempts.device));
    counts.push({ scope: "account", ...(await failuresSince(q, account, after(await lastSuccess(q, account)))) });
    counts.push({ scope: "address", ...(await failuresSince(q, and(eq(loginAttempts.ip, key.ip), isNull(loginAttempts.device)), since)) });
    counts.push({ scope: "everyone", ...(await failuresSince(q, isNull(loginAttempts.device), since)) });
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
 * The counts a try of `key` reads, as names for WriteOptions.locks: two tries that share a count
 * must not both read it before either records itself. An untrusted try reads the "everyone" count,
 * so untrusted tries take their turns one at a time across every app process (each turn is a few
 * indexed counts and one insert); a trusted device's tries only queue behind that device's own.
 */
export function throttleLocks(key: AttemptKey): string[] {
  return key.device
    ? [`sign-in:device:${key.email}:${key.device}`]
    : [`sign-in:account:${key.email}`, `sign-in:address:${key.ip}`, "sign-in:everyone"];
}

/**
 * Decides whether a sign-in may be tried and, if so, records it as a failure before the password
 * is checked, so fifty parallel tries cannot all slip past the count. A refusal is decided on a
 * plain read and takes no lock; an allowed try checks again and records itself in one write
 * transaction that holds its counts alone (throttleLocks; on SQLite the one writer, taken without
 * blocking the event loop).
 */
export async function beginAttempt(key: AttemptKey, now = new Date()): Promise<AttemptDecision> {
  const early = await currentLock(readDb(), key, now);
  if (early) return { allowed: false, lock: early };
  return writeTransaction(
    async (tx): Promise<AttemptDecision> => {
      const lock = await currentLock(tx, key, now);
      if (lock) return { allowed: false, lock };
      const [row] = await tx
        .insert(loginAttempts)
        .values({ at: now.toISOString(), email: key.email, ip: key.ip, device: key.device, success: false })
        .returning({ id: loginAttempts.id });
      return { allowed: true, attemptId: row!.id };
    },
    { locks: throttleLocks(key) },
  );
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
  const lock = await currentLock(readDb(), key, now);
  if (!lock) return null;
  await writeTransaction((tx) =>
    audit(tx, null, {
      action: "throttle",
      entity: "sign-in",
      entityId: describe(lock, key),
      after: { scope: lock.scope, failures: lock.failures, until: lock.until.toISOString(), address: key.ip },
    }),
  );
  return lock;
}

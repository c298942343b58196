import "server-only";
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { writeTransaction } from "../client";
import { loginAttempts } from "../schema";

/**
 * A few free tries, then a wait that doubles with each further failure, up to a quarter of an hour.
 * The first wait is long enough to matter: a burst of guesses gets its free tries and then nothing,
 * not a fresh try every second.
 */
export const THROTTLE = { freePerAccount: 5, freePerAddress: 20, windowMs: 15 * 60_000, firstWaitMs: 30_000, maxWaitMs: 15 * 60_000 };

export type AttemptDecision = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number };

function waitFor(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.firstWaitMs * 2 ** (failures - free), THROTTLE.maxWaitMs);
}

/**
 * Decides whether a sign-in may be tried and, if so, records it as a failure up front, in one
 * immediate transaction. Recording before the password is checked means fifty parallel tries
 * cannot all slip past the count; `markSuccess` turns the row into a success afterwards.
 */
export function beginAttempt(email: string, ip: string, now = new Date()): AttemptDecision {
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  return writeTransaction((tx) => {
    const lastSuccess = tx
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, true)))
      .orderBy(desc(loginAttempts.at))
      .limit(1)
      .get();
    const accountFrom = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
    const stats = (column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string, from: string) =>
      tx
        .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${loginAttempts.at})` })
        .from(loginAttempts)
        .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, from)))
        .get() ?? { n: 0, last: null };
    const account = stats(loginAttempts.email, email, accountFrom);
    const address = stats(loginAttempts.ip, ip, since);
    const until = Math.max(
      account.last ? Date.parse(account.last) + waitFor(account.n, THROTTLE.freePerAccount) : 0,
      address.last ? Date.parse(address.last) + waitFor(address.n, THROTTLE.freePerAddress) : 0,
    );
    const blocked =
      (account.n >= THROTTLE.freePerAccount || address.n >= THROTTLE.freePerAddress) && until > now.getTime();
    if (blocked) return { allowed: false as const, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
    // Old rows are only needed for the window; keep the table small.
    tx.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000).toISOString())).run();
    const row = tx
      .insert(loginAttempts)
      .values({ at: now.toISOString(), email, ip, success: false })
      .returning({ id: loginAttempts.id })
      .get();
    return { allowed: true as const, attemptId: row.id };
  });
}

export function markSuccess(attemptId: number): void {
  writeTransaction((tx) => tx.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run());
}

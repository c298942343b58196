import "server-only";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { WriteTx } from "../client";
import { loginAttempts, sessions } from "../tables";
import { audit, type Actor } from "./audit";
import { NotFoundError } from "./errors";

type EndReason = NonNullable<typeof sessions.$inferSelect.endReason>;

/** What the audit log keeps of a session: never its token. */
const visible = (s: typeof sessions.$inferSelect) => ({
  userId: s.userId,
  createdAt: s.createdAt,
  expiresAt: s.expiresAt,
  endedAt: s.endedAt,
  endReason: s.endReason,
  address: s.ip,
  userAgent: s.userAgent,
});

/**
 * A successful sign-in, in one transaction: the attempt (recorded as a failure before the password
 * was checked) becomes a success, the session row is made with its absolute expiry, and the audit
 * log says who signed in, from where, and whether the browser was a trusted device.
 */
export async function startSession(
  tx: WriteTx,
  input: {
    attemptId: number;
    user: { id: number };
    tokenHash: string;
    ip: string;
    userAgent: string;
    trustedDevice: boolean;
    now: Date;
    lifetimeMs: number;
  },
): Promise<number> {
  await tx.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, input.attemptId));
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: input.tokenHash,
      userId: input.user.id,
      createdAt: input.now.toISOString(),
      expiresAt: new Date(input.now.getTime() + input.lifetimeMs).toISOString(),
      lastSeenAt: input.now.toISOString(),
      userAgent: input.userAgent.slice(0, 256),
      ip: input.ip,
    })
    .returning();
  await audit(tx, input.user, {
    action: "sign in",
    entity: "session",
    entityId: row!.id,
    after: { ...visible(row!), trustedDevice: input.trustedDevice },
  });
  return row!.id;
}

async function end(
  tx: WriteTx,
  actor: Pick<Actor, "id"> | null,
  row: typeof sessions.$inferSelect,
  reason: EndReason,
  action: string,
): Promise<void> {
  const now = new Date().toISOString();
  await tx.update(sessions).set({ endedAt: now, endReason: reason }).where(eq(sessions.id, row.id));
  await audit(tx, actor, {
    action,
    entity: "session",
    entityId: row.id,
    before: visible(row),
    after: visible({ ...row, endedAt: now, endReason: reason }),
  });
}

/** Sign-out: ends this one session (the user's other devices stay signed in). */
export async function signOutSession(tx: WriteTx, tokenHash: string): Promise<boolean> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  if (!row || row.endedAt) return false;
  await end(tx, { id: row.userId }, row, "signed out", "sign out");
  return true;
}

/** An admin ends one session of any user. Ending one already over is not an error. */
export async function endSessionByAdmin(tx: WriteTx, actor: Actor, sessionId: number): Promise<typeof sessions.$inferSelect> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).limit(1);
  if (!row) throw new NotFoundError();
  if (!row.endedAt) await end(tx, actor, row, "ended by an admin", "end session");
  return row;
}

/** Every open session of a user; returns how many were ended. */
export async function endUserSessions(tx: WriteTx, actor: Actor | null, userId: number, reason: EndReason): Promise<number> {
  const open = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date().toISOString())))
    .orderBy(sessions.id);
  for (const row of open)
    await end(tx, actor, row, reason, reason === "ended by an admin" ? "end session" : "end session (account changed)");
  return open.length;
}

/** Last seen, for the admins' list; never moves the expiry. */
export async function touchSession(tx: WriteTx, sessionId: number, now: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/**
 * Keeps the sign-in tables small: attempts older than a day (the throttle looks back 15 minutes)
 * and sessions that ended or expired more than 30 days ago (the audit log keeps their story).
 */
export async function pruneSignInRecords(tx: WriteTx, now: Date): Promise<{ attempts: number; sessions: number }> {
  const day = new Date(now.getTime() - 86_400_000).toISOString();
  const month = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const attempts = await tx.delete(loginAttempts).where(lt(loginAttempts.at, day)).returning({ id: loginAttempts.id });
  const old = await tx
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, month), lt(sessions.endedAt, month)))
    .returning({ id: sessions.id });
  return { attempts: attempts.length, sessions: old.length };
}

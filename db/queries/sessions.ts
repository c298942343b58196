import "server-only";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { readDb } from "../client";
import { sessions, users } from "../tables";

/** The session a cookie's token names, with its user, for the check on every page and action. */
export async function sessionForToken(tokenHash: string) {
  const [row] = await readDb()
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      endedAt: sessions.endedAt,
      lastSeenAt: sessions.lastSeenAt,
      name: users.name,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** Every session still open (not ended, not expired), newest first, for the admins' user list. */
export async function listOpenSessions(now = new Date()) {
  return readDb()
    .select({
      id: sessions.id,
      userId: sessions.userId,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(isNull(sessions.endedAt), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(asc(sessions.userId), desc(sessions.createdAt), desc(sessions.id));
}

import "server-only";
import { cache } from "react";
import { writeTransactionWhenFree } from "@/db/client";
import { touchSession } from "@/db/mutations/sessions";
import { sessionForToken } from "@/db/queries/sessions";
import type { Role } from "@/db/schema";
import { auth } from "./config";
import { hashSessionToken } from "./sign-in";

export type SessionUser = { id: number; name: string; email: string; role: Role; sessionVersion: number; sessionId: number };

/** "Last seen" on the admins' list is kept to the minute: at most one write a minute per session. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Who is asking, decided by the database: the cookie only names a session token and a user. The
 * session must be open (not signed out, not ended by an admin or an account change) and younger
 * than its absolute lifetime, and the user enabled; otherwise null, at once.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid || !session.sid) return null;
  const row = sessionForToken(hashSessionToken(session.sid));
  const now = new Date();
  if (!row || row.userId !== session.uid || row.endedAt !== null || row.expiresAt <= now.toISOString() || row.disabled) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    // Bookkeeping only: never waits for, or fails, the page.
    void writeTransactionWhenFree((tx) => touchSession(tx, row.sessionId, now)).catch(() => {});
  }
  return { id: row.userId, name: row.name, email: row.email, role: row.role, sessionVersion: row.sessionVersion, sessionId: row.sessionId };
});

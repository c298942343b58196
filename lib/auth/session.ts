import "server-only";
import { cache } from "react";
import { writeTransaction } from "@/db/client";
import { touchSession } from "@/db/mutations/sessions";
import { sessionForToken } from "@/db/queries/sessions";
import type { Role } from "@/db/schema";
import { auth } from "./config";
import { hashSessionToken } from "./sign-in";

export type SessionUser = { id: number; name: string; email: string; role: Role; sessionVersion: number; sessionId: number };

/** "Last seen" on the admins' list is kept to the minute: at most one write a minute per session. */
const TOUCH_EVERY_MS = 60_000;

/** The session a cookie's claims name, if it is open, unexpired and its user enabled; else null. */
export async function openSession(claims: { uid?: number; sid?: string } | null | undefined, now = new Date()) {
  if (!claims?.uid || !claims.sid) return null;
  const row = await sessionForToken(hashSessionToken(claims.sid));
  if (!row || row.userId !== claims.uid || row.endedAt !== null || row.expiresAt <= now.toISOString() || row.disabled) return null;
  return row;
}

/**
 * Who is asking, decided by the database: the cookie only names a session token and a user. The
 * session must be open (not signed out, not ended by an admin or an account change) and younger
 * than its absolute lifetime, and the user enabled; otherwise null, at once.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  // The clock is read after the cookie: a prerender stops at the cookie read (a request value).
  const claims = await auth();
  const now = new Date();
  const row = await openSession(claims, now);
  if (!row) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    // Bookkeeping only: never waits for, or fails, the page.
    void writeTransaction((tx) => touchSession(tx, row.sessionId, now)).catch(() => {});
  }
  return { id: row.userId, name: row.name, email: row.email, role: row.role, sessionVersion: row.sessionVersion, sessionId: row.sessionId };
});

import "server-only";
import { cache } from "react";
import { getUserById } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { auth } from "./config";

export type SessionUser = { id: number; name: string; email: string; role: Role; sessionVersion: number };

/**
 * Who is asking, decided by the database: the cookie only names a user and a session version.
 * A disabled user, or one whose role or password changed since sign-in, gets null at once.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid || !session.sv) return null;
  const user = getUserById(session.uid);
  if (!user || user.disabled || user.sessionVersion !== session.sv) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
});

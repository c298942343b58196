import "server-only";
import { asc, eq } from "drizzle-orm";
import { readDb } from "../client";
import { users } from "../schema";

/** The one read that returns a password hash: for sign-in only. */
export function findUserForSignIn(email: string) {
  return readDb().select().from(users).where(eq(users.email, email.toLowerCase())).get() ?? null;
}

export function getUserById(id: number) {
  return (
    readDb()
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, id))
      .get() ?? null
  );
}

export function listUsers() {
  return readDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.name))
    .all();
}

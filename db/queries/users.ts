import "server-only";
import { asc, eq } from "drizzle-orm";
import { readDb } from "../client";
import { users } from "../tables";

/** The one read that returns a password hash: for sign-in only. */
export async function findUserForSignIn(email: string) {
  const [row] = await readDb().select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function getUserById(id: number) {
  const [row] = await readDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

export async function listUsers() {
  return readDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.name), asc(users.id));
}

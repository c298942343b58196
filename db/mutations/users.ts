import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import type { WriteTx } from "../client";
import type { Role } from "../schema";
import { users } from "../tables";
import { audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { endUserSessions } from "./sessions";

/** Never put a password hash in the audit log. */
const visible = (u: typeof users.$inferSelect) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  sessionVersion: u.sessionVersion,
});

export async function createUser(
  tx: WriteTx,
  actor: Actor | null,
  input: { email: string; name: string; role: Role; passwordHash: string },
): Promise<number> {
  if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1)).length)
    throw new FieldError("email", "A user with this email already exists.");
  const [row] = await tx
    .insert(users)
    .values({ ...input, createdAt: new Date().toISOString() })
    .returning();
  await audit(tx, actor, { action: actor ? "create" : "create (command line)", entity: "user", entityId: row!.id, after: visible(row!) });
  return row!.id;
}

async function load(tx: WriteTx, id: number) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/** At least one enabled admin must remain, or nobody could manage users again. */
async function assertOtherAdmin(tx: WriteTx, id: number) {
  const [others] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, id)));
  if (!others || others.n === 0) throw new FieldError("role", "This is the last active admin; make someone else admin first.");
}

/**
 * Role, disabled flag and password changes end every open session of the user (and bump
 * session_version, which an action already past its first check re-reads in its transaction).
 */
export async function updateUser(
  tx: WriteTx,
  actor: Actor,
  id: number,
  change: { role?: Role; disabled?: boolean; passwordHash?: string },
): Promise<void> {
  const before = await load(tx, id);
  if (before.role === "admin" && (change.role === "editor" || change.disabled === true)) await assertOtherAdmin(tx, id);
  await tx
    .update(users)
    .set({ ...change, sessionVersion: before.sessionVersion + 1 })
    .where(eq(users.id, id));
  await endUserSessions(tx, actor, id, "account changed");
  const after = await load(tx, id);
  const action = change.passwordHash ? "password" : change.disabled !== undefined ? (change.disabled ? "disable" : "enable") : "role";
  await audit(tx, actor, { action, entity: "user", entityId: id, before: visible(before), after: visible(after) });
}

import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { WriteTx } from "../client";
import { users, type Role } from "../schema";
import { audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";
import { endUserSessions } from "./sessions";

/** Never put a password hash in the audit log. */
const visible = (u: typeof users.$inferSelect) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, sessionVersion: u.sessionVersion });

export function createUser(tx: WriteTx, actor: Actor | null, input: { email: string; name: string; role: Role; passwordHash: string }): number {
  if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) throw new FieldError("email", "A user with this email already exists.");
  const row = tx.insert(users).values({ ...input, createdAt: new Date().toISOString() }).returning().get();
  audit(tx, actor, { action: actor ? "create" : "create (command line)", entity: "user", entityId: row.id, after: visible(row) });
  return row.id;
}

function load(tx: WriteTx, id: number) {
  const row = tx.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new NotFoundError();
  return row;
}

/** At least one enabled admin must remain, or nobody could manage users again. */
function assertOtherAdmin(tx: WriteTx, id: number) {
  const others = tx.select({ n: sql<number>`count(*)` }).from(users).where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, id))).get();
  if (!others || others.n === 0) throw new FieldError("role", "This is the last active admin; make someone else admin first.");
}

/**
 * Role, disabled flag and password changes end every open session of the user (and bump
 * session_version, which an action already past its first check re-reads in its transaction).
 */
export function updateUser(tx: WriteTx, actor: Actor, id: number, change: { role?: Role; disabled?: boolean; passwordHash?: string }): void {
  const before = load(tx, id);
  if (before.role === "admin" && (change.role === "editor" || change.disabled === true)) assertOtherAdmin(tx, id);
  tx.update(users)
    .set({ ...change, sessionVersion: before.sessionVersion + 1 })
    .where(eq(users.id, id))
    .run();
  endUserSessions(tx, actor, id, "account changed");
  const after = load(tx, id);
  const action = change.passwordHash ? "password" : change.disabled !== undefined ? (change.disabled ? "disable" : "enable") : "role";
  audit(tx, actor, { action, entity: "user", entityId: id, before: visible(before), after: visible(after) });
}

import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { WriteTx } from "../client";
import { auditLog, sessions, users } from "../tables";
import type { Role } from "../schema";
import { ConflictError, NotAllowedError } from "./errors";

/** `sessionId` is the signed-in session the action came from (absent for the command line and tests). */
export type Actor = { id: number; sessionVersion: number; role: Role; sessionId?: number };

/**
 * Re-reads the acting user (and their session) inside the write transaction, so a user disabled,
 * demoted or signed out a moment ago cannot slip a write in between the action's check and the commit.
 */
export async function assertActor(tx: WriteTx, actor: Actor, roles: readonly Role[]): Promise<void> {
  const [row] = await tx
    .select({ disabled: users.disabled, sv: users.sessionVersion, role: users.role })
    .from(users)
    .where(eq(users.id, actor.id))
    .limit(1);
  if (!row || row.disabled || row.sv !== actor.sessionVersion || !roles.includes(row.role)) {
    throw new NotAllowedError("Your session no longer allows this change.");
  }
  if (actor.sessionId !== undefined) {
    const [open] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.id, actor.sessionId),
          eq(sessions.userId, actor.id),
          isNull(sessions.endedAt),
          gt(sessions.expiresAt, new Date().toISOString()),
        ),
      )
      .limit(1);
    if (!open) throw new NotAllowedError("Your session has ended. Sign in again in another tab; your text is kept below.");
  }
}

/** `actor` is who did it: null for the command line (`npm run user:create`) and the sign-in throttle. */
export async function audit(
  tx: WriteTx,
  actor: Pick<Actor, "id"> | null,
  entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.insert(auditLog).values({
    at: new Date().toISOString(),
    userId: actor?.id ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}

/**
 * Throws ConflictError when the stored version is not the one the editor started from, naming who
 * saved the newer one and when.
 */
export async function assertVersion(
  tx: WriteTx,
  entity: string,
  entityId: string | number,
  stored: number,
  expected: number,
): Promise<void> {
  if (stored === expected) return;
  const last = await lastChange(tx, entity, entityId);
  throw new ConflictError(last.byName, last.at);
}

/** Who last wrote a record and when, from the audit log, which every write goes through. */
export async function lastChange(tx: WriteTx, entity: string, entityId: string | number): Promise<{ byName: string; at: string }> {
  const [last] = await tx
    .select({ at: auditLog.at, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return { byName: last?.name ?? "the data import", at: last?.at ?? "" };
}

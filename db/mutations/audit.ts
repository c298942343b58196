import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { WriteTx } from "../client";
import { auditLog, users } from "../schema";
import type { Role } from "../schema";
import { ConflictError, NotAllowedError } from "./errors";

export type Actor = { id: number; sessionVersion: number; role: Role };

/**
 * Re-reads the acting user inside the write transaction, so a user disabled (or demoted) a moment
 * ago cannot slip a write in between the action's check and the commit.
 */
export function assertActor(tx: WriteTx, actor: Actor, roles: readonly Role[]): void {
  const row = tx.select({ disabled: users.disabled, sv: users.sessionVersion, role: users.role }).from(users).where(eq(users.id, actor.id)).get();
  if (!row || row.disabled || row.sv !== actor.sessionVersion || !roles.includes(row.role)) {
    throw new NotAllowedError("Your session no longer allows this change.");
  }
}

/** `actor` is null only for the command line (`npm run user:create`). */
export function audit(
  tx: WriteTx,
  actor: Actor | null,
  entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): void {
  tx.insert(auditLog)
    .values({
      at: new Date().toISOString(),
      userId: actor?.id ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}

/**
 * Throws ConflictError when the stored version is not the one the editor started from, naming who
 * saved the newer one and when.
 */
export function assertVersion(tx: WriteTx, entity: string, entityId: string | number, stored: number, expected: number): void {
  if (stored === expected) return;
  const last = lastChange(tx, entity, entityId);
  throw new ConflictError(last.byName, last.at);
}

/** Who last wrote a record and when, from the audit log, which every write goes through. */
export function lastChange(tx: WriteTx, entity: string, entityId: string | number): { byName: string; at: string } {
  const last = tx
    .select({ at: auditLog.at, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  return { byName: last?.name ?? "the data import", at: last?.at ?? "" };
}

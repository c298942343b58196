import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { readDb } from "../client";
import { agreements, rounds, updates } from "../schema";

/**
 * A short fingerprint of what a tracker shows live: its published updates and its rounds. Open
 * pages poll it and refresh themselves when it changes. Null when the agreement does not exist.
 */
export function liveStamp(slug: string | null): string | null {
  const db = readDb();
  let agreementId: number | null = null;
  if (slug) {
    const a = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, slug)).get();
    if (!a) return null;
    agreementId = a.id;
  }
  const u = db
    .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${updates.updatedAt})` })
    .from(updates)
    .where(and(eq(updates.status, "published"), agreementId === null ? undefined : eq(updates.agreementId, agreementId)))
    .get();
  const r = db
    .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${rounds.updatedAt})` })
    .from(rounds)
    .where(agreementId === null ? undefined : eq(rounds.agreementId, agreementId))
    .get();
  return `${u?.n ?? 0}.${u?.last ?? ""}.${r?.n ?? 0}.${r?.last ?? ""}`;
}

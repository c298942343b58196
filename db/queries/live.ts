import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { cacheTag } from "next/cache";
import { readDb } from "../client";
import { agreements, rounds, updates } from "../tables";
import { tags } from "@/lib/cache-tags";

/**
 * A short fingerprint of what a tracker shows live: its published updates and its rounds. Open
 * pages poll it and refresh themselves when it changes. Null when the agreement does not exist.
 * Tagged like the pages it stands for, so it changes the moment they do.
 */
export async function liveStamp(slug: string | null): Promise<string | null> {
  "use cache";
  cacheTag(...(slug ? [tags.agreement(slug)] : [tags.allUpdates, tags.allAgreements]));
  const db = readDb();
  let agreementId: number | null = null;
  if (slug) {
    const [a] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, slug)).limit(1);
    if (!a) return null;
    agreementId = a.id;
  }
  const [u] = await db
    .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${updates.updatedAt})` })
    .from(updates)
    .where(and(eq(updates.status, "published"), agreementId === null ? undefined : eq(updates.agreementId, agreementId)))
    .limit(1);
  const [r] = await db
    .select({ n: sql<number>`count(*)`, last: sql<string | null>`max(${rounds.updatedAt})` })
    .from(rounds)
    .where(agreementId === null ? undefined : eq(rounds.agreementId, agreementId))
    .limit(1);
  return `${u?.n ?? 0}.${u?.last ?? ""}.${r?.n ?? 0}.${r?.last ?? ""}`;
}

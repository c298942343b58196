import "server-only";
import { and, eq } from "drizzle-orm";
import type { WriteTx } from "../client";
import { agreements, rounds, sources, updates } from "../tables";
import type { UpdateInput } from "@/lib/validation/update";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

/** Creates or edits a live-blog entry. Published entries show on the tracker and front page. */
export async function saveUpdate(tx: WriteTx, actor: Actor, input: UpdateInput): Promise<{ id: number; agreementSlugs: string[] }> {
  const [agreement] = await tx
    .select({ id: agreements.id, slug: agreements.slug })
    .from(agreements)
    .where(eq(agreements.slug, input.agreement))
    .limit(1);
  if (!agreement) throw new FieldError("agreement", "Unknown agreement.");
  let roundId: number | null = null;
  if (input.round !== undefined) {
    const [round] = await tx
      .select({ id: rounds.id })
      .from(rounds)
      .where(and(eq(rounds.agreementId, agreement.id), eq(rounds.number, input.round)))
      .limit(1);
    if (!round) throw new FieldError("round", `This agreement has no round ${input.round} yet; add the round first or leave this empty.`);
    roundId = round.id;
  }
  if (input.source && !(await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, input.source)).limit(1)).length) {
    throw new FieldError("source", "Unknown source.");
  }
  const now = new Date().toISOString();
  const fields = {
    agreementId: agreement.id,
    roundId,
    postedAt: input.postedAt,
    title: input.title,
    body: input.body,
    status: input.status,
    sourceId: input.source ?? null,
    updatedAt: now,
  };
  if (input.id !== undefined) {
    const [current] = await tx.select().from(updates).where(eq(updates.id, input.id)).limit(1);
    if (!current) throw new NotFoundError();
    await assertVersion(tx, "update", current.id, current.version, input.version ?? -1);
    await tx
      .update(updates)
      .set({ ...fields, version: current.version + 1 })
      .where(eq(updates.id, current.id));
    const [after] = await tx.select().from(updates).where(eq(updates.id, current.id)).limit(1);
    await audit(tx, actor, { action: "update", entity: "update", entityId: current.id, before: current, after });
    // The old agreement's pages change too when an update is moved.
    const [old] = await tx.select({ slug: agreements.slug }).from(agreements).where(eq(agreements.id, current.agreementId)).limit(1);
    return { id: current.id, agreementSlugs: old && old.slug !== agreement.slug ? [agreement.slug, old.slug] : [agreement.slug] };
  }
  const [row] = await tx
    .insert(updates)
    .values({ ...fields, authorId: actor.id })
    .returning();
  await audit(tx, actor, { action: "create", entity: "update", entityId: row!.id, after: row });
  return { id: row!.id, agreementSlugs: [agreement.slug] };
}

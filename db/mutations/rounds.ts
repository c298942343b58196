import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { WriteTx } from "../client";
import { agreements, roundSources, rounds, sources } from "../tables";
import type { RoundInput } from "@/lib/validation/round";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

/**
 * Creates or updates a round and the reports behind its dates. Returns the slugs of the agreements
 * whose trackers show a change: the round's agreement, and the one it left if it was moved.
 */
export async function saveRound(
  tx: WriteTx,
  actor: Actor,
  input: RoundInput,
): Promise<{ id: number; agreementSlugs: string[]; created: boolean }> {
  const [agreement] = await tx
    .select({ id: agreements.id, slug: agreements.slug })
    .from(agreements)
    .where(eq(agreements.slug, input.agreement))
    .limit(1);
  if (!agreement) throw new FieldError("agreement", "Unknown agreement.");
  if (input.sources.length > 0) {
    const known = await tx.select({ id: sources.id }).from(sources).where(inArray(sources.id, input.sources));
    const missing = input.sources.filter((s) => !known.some((k) => k.id === s));
    if (missing.length) throw new FieldError("sources", `Unknown source: ${missing.join(", ")}.`);
  }
  const [clash] = await tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.agreementId, agreement.id), eq(rounds.number, input.number), input.id ? ne(rounds.id, input.id) : undefined))
    .limit(1);
  if (clash) throw new FieldError("number", `Round ${input.number} of this agreement already exists; edit it instead.`);

  const now = new Date().toISOString();
  const fields = {
    agreementId: agreement.id,
    number: input.number,
    startDate: input.startDate,
    endDate: input.endDate,
    format: input.format,
    host: input.host ?? null,
    topics: JSON.stringify(input.topics),
    summary: input.summary.trim(),
    updatedAt: now,
    updatedBy: actor.id,
  };

  let id: number;
  let before: unknown;
  const agreementSlugs = [agreement.slug];
  if (input.id !== undefined) {
    const [current] = await tx.select().from(rounds).where(eq(rounds.id, input.id)).limit(1);
    if (!current) throw new NotFoundError();
    if (current.agreementId !== agreement.id) {
      const [left] = await tx.select({ slug: agreements.slug }).from(agreements).where(eq(agreements.id, current.agreementId)).limit(1);
      if (left) agreementSlugs.push(left.slug);
    }
    await assertVersion(tx, "round", current.id, current.version, input.version ?? -1);
    before = { ...current, sources: await reportsOf(tx, current.id) };
    await tx
      .update(rounds)
      .set({ ...fields, version: current.version + 1 })
      .where(eq(rounds.id, current.id));
    id = current.id;
  } else {
    const [inserted] = await tx.insert(rounds).values(fields).returning({ id: rounds.id });
    id = inserted!.id;
  }

  // Reports already linked keep the dates they gave; newly ticked ones are recorded with these dates.
  const existing = await reportsOf(tx, id);
  const dropped = existing.filter((r) => !input.sources.includes(r.sourceId)).map((r) => r.sourceId);
  if (dropped.length) await tx.delete(roundSources).where(and(eq(roundSources.roundId, id), inArray(roundSources.sourceId, dropped)));
  await tx.update(roundSources).set({ preferred: false }).where(eq(roundSources.roundId, id));
  const preferred = input.preferredSource ?? input.sources[0];
  for (const sourceId of input.sources) {
    const had = existing.find((r) => r.sourceId === sourceId);
    if (had) {
      await tx
        .update(roundSources)
        .set({ preferred: sourceId === preferred })
        .where(and(eq(roundSources.roundId, id), eq(roundSources.sourceId, sourceId)));
    } else {
      await tx
        .insert(roundSources)
        .values({ roundId: id, sourceId, startDate: input.startDate, endDate: input.endDate, preferred: sourceId === preferred });
    }
  }

  const [saved] = await tx.select().from(rounds).where(eq(rounds.id, id)).limit(1);
  const after = { ...saved, sources: await reportsOf(tx, id) };
  await audit(tx, actor, { action: input.id ? "update" : "create", entity: "round", entityId: id, before, after });
  return { id, agreementSlugs, created: input.id === undefined };
}

/** The reports linked to a round, in a fixed order (the audit log records them). */
function reportsOf(tx: WriteTx, roundId: number) {
  return tx.select().from(roundSources).where(eq(roundSources.roundId, roundId)).orderBy(roundSources.sourceId);
}

import "server-only";
import { eq } from "drizzle-orm";
import type { WriteTx } from "../client";
import { sources } from "../tables";
import type { SourceInput } from "@/lib/validation/source";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

export async function saveSource(tx: WriteTx, actor: Actor, input: SourceInput): Promise<{ id: string }> {
  const fields = {
    publisher: input.publisher,
    title: input.title,
    titleSupplied: input.titleSupplied,
    publishedOn: input.publishedOn,
    publishedPrecision: input.publishedPrecision,
    dateInferred: input.dateInferred,
    kind: input.kind,
    url: input.url ?? null,
    note: input.note ?? null,
  };
  const [current] = await tx.select().from(sources).where(eq(sources.id, input.id)).limit(1);
  if (input.mode === "create") {
    if (current) throw new FieldError("id", "A source with this id already exists; choose another.");
    const [row] = await tx
      .insert(sources)
      .values({ id: input.id, ...fields })
      .returning();
    await audit(tx, actor, { action: "create", entity: "source", entityId: row!.id, after: row });
    return { id: row!.id };
  }
  if (!current) throw new NotFoundError();
  await assertVersion(tx, "source", current.id, current.version, input.version ?? -1);
  await tx
    .update(sources)
    .set({ ...fields, version: current.version + 1 })
    .where(eq(sources.id, current.id));
  const [after] = await tx.select().from(sources).where(eq(sources.id, current.id)).limit(1);
  await audit(tx, actor, { action: "update", entity: "source", entityId: current.id, before: current, after });
  return { id: current.id };
}

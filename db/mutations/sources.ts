import "server-only";
import { eq } from "drizzle-orm";
import type { WriteTx } from "../client";
import { sources } from "../schema";
import type { SourceInput } from "@/lib/validation/source";
import { assertVersion, audit, type Actor } from "./audit";
import { FieldError, NotFoundError } from "./errors";

export function saveSource(tx: WriteTx, actor: Actor, input: SourceInput): { id: string } {
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
  const current = tx.select().from(sources).where(eq(sources.id, input.id)).get();
  if (input.mode === "create") {
    if (current) throw new FieldError("id", "A source with this id already exists; choose another.");
    const row = tx.insert(sources).values({ id: input.id, ...fields }).returning().get();
    audit(tx, actor, { action: "create", entity: "source", entityId: row.id, after: row });
    return { id: row.id };
  }
  if (!current) throw new NotFoundError();
  assertVersion(tx, "source", current.id, current.version, input.version ?? -1);
  tx.update(sources).set({ ...fields, version: current.version + 1 }).where(eq(sources.id, current.id)).run();
  const after = tx.select().from(sources).where(eq(sources.id, current.id)).get();
  audit(tx, actor, { action: "update", entity: "source", entityId: current.id, before: current, after });
  return { id: current.id };
}

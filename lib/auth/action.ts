import "server-only";
import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isBusy, isUnavailable, writeTransaction, type WriteTx } from "@/db/client";
import { assertActor } from "@/db/mutations/audit";
import { ConflictError, FieldError, NotAllowedError, NotFoundError } from "@/db/mutations/errors";
import { formatDateTime } from "@/lib/format/date";
import { expireEverywhere } from "@/lib/cache/purge";
import { formValues } from "@/lib/validation/common";
import type { FormState } from "@/lib/form-state";
import { allows, ROLES_FOR, type Permission } from "./access";
import { currentUser, type SessionUser } from "./session";

export type ActionResult = {
  /** Cache tags of the public pages that show what changed (lib/cache-tags.ts). */
  tags?: string[];
  message: string;
  redirectTo?: string;
};

/** What a handler answers: an ActionResult, "error" for a refusal that is not an exception (a preview with problems), and data for its form. */
export type ActionAnswer<Data> = ActionResult & { status?: "ok" | "error"; data?: Data };

/** Runs `fn` in the one write transaction of this action, after re-checking the user inside it. */
export type Write = <T>(fn: (tx: WriteTx) => Promise<T>) => Promise<T>;

/**
 * Every admin write goes through here, in this order: who is asking (from the database), may they
 * (role), is the input valid (the same zod schema the form is built from), then one immediate
 * transaction that re-checks the user, writes and audits, and only after the commit the cache tags
 * of the affected pages: expired in Next's caches (on every app process, through the shared store)
 * and purged as surrogate keys from the HTTP cache in front, before the action returns. Any failure
 * before the commit returns a message and the editor's own text; nothing is written.
 */
export function adminAction<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  run: (tx: WriteTx, input: z.output<S>, user: SessionUser) => Promise<ActionResult>,
) {
  return adminFormAction(permission, schema, (input, user, write) => write((tx) => run(tx, input, user)));
}

/**
 * The general form of adminAction, for a form that does more than one thing (the CSV import:
 * "preview" reads, "import" writes). The same checks and the same parse run first; then `handle`
 * may read through db/queries and may write through `write`, which is the transaction adminAction
 * uses (user re-checked inside it). `keepValues: false` leaves the submitted text out of an error
 * answer, for forms that keep it themselves (a large file need not travel back).
 */
export function adminFormAction<S extends z.ZodType, Data = never>(
  permission: Permission,
  schema: S,
  handle: (input: z.output<S>, user: SessionUser, write: Write) => ActionAnswer<Data> | Promise<ActionAnswer<Data>>,
  opts: { keepValues?: boolean } = {},
) {
  return async (_prev: FormState<Data>, formData: FormData): Promise<FormState<Data>> => {
    const values = opts.keepValues === false ? {} : formValues(formData);
    // Passwords are never sent back to the browser.
    delete values.password;
    const keep = (rest: Omit<FormState, "values" | "seq">): FormState => ({ ...rest, values, seq: Date.now() });
    let user: SessionUser | null;
    try {
      user = await currentUser();
    } catch (error) {
      // The session is read from the database: when it cannot be reached (PostgreSQL restarting),
      // the editor gets the same message as for a write that could not be confirmed, not a 500.
      if (!isUnavailable(error)) throw error;
      console.error("admin action: the database did not answer the session check", error);
      return keep({
        status: "error",
        message: "The database did not answer, so nothing was saved. Your text is kept below; try again in a moment.",
      });
    }
    if (!user) return keep({ status: "error", message: "You are signed out. Sign in again in another tab; your text is kept below." });
    if (!allows(permission, user)) return keep({ status: "error", message: "Your role does not allow this change." });

    // Async so a schema may do slow work (hashing a password) after the checks above, before the transaction.
    const parsed = await schema.safeParseAsync(formValues(formData));
    if (!parsed.success) {
      return keep({
        status: "error",
        message: "Nothing was saved: check the fields marked below.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      });
    }

    // One transaction of the active engine (db/client.ts): on SQLite BEGIN IMMEDIATE, waiting for
    // another process's write lock without stopping the server; on PostgreSQL SERIALIZABLE, run again
    // when it collided with another save (so the user check below runs again too). Past about 5 s of
    // waiting it gives up as busy, answered below.
    const write: Write = (fn) =>
      writeTransaction(async (tx) => {
        await assertActor(tx, user, ROLES_FOR[permission]);
        return fn(tx);
      });
    let result: ActionAnswer<Data>;
    try {
      result = await handle(parsed.data, user, write);
    } catch (error) {
      if (error instanceof ConflictError) {
        const when = error.at ? ` at ${formatDateTime(error.at)}` : "";
        return keep({
          status: "error",
          conflict: true,
          message:
            error.userMessage ??
            `Not saved: this was changed by ${error.byName}${when} after you opened it. Your text is kept below; reload to see their version, then apply your changes again.`,
        });
      }
      if (error instanceof FieldError)
        return keep({
          status: "error",
          message: "Nothing was saved: check the fields marked below.",
          fieldErrors: { [error.field]: [error.message] },
        });
      if (error instanceof NotAllowedError) return keep({ status: "error", message: error.message });
      if (error instanceof NotFoundError) return keep({ status: "error", message: "That record no longer exists." });
      if (isBusy(error))
        return keep({ status: "error", message: "The database is busy with another save. Nothing was written; try again in a moment." });
      if (isUnavailable(error)) {
        console.error("admin action: the database did not answer", error);
        return keep({
          status: "error",
          message: "The database did not answer, so your change was not confirmed. Reload to see what is stored, then try again.",
        });
      }
      console.error("admin action failed", error);
      return keep({ status: "error", message: "Something went wrong; nothing was saved. Try again." });
    }

    const expired = [...new Set(result.tags ?? [])];
    for (const tag of expired) updateTag(tag);
    // Right after updateTag: the shared cache store and the HTTP cache in front, before the action
    // returns. A failed purge is logged and never un-acknowledges the committed save (lib/cache/purge.ts).
    await expireEverywhere(expired);
    if (result.redirectTo) redirect(result.redirectTo);
    return { status: result.status ?? "ok", message: result.message, data: result.data, seq: Date.now() };
  };
}

import { z } from "zod";
import { UPDATE_STATUSES } from "@/db/schema";
import { line, markdown, optional, recordId, slug, version, wholeNumber } from "./common";

/** Editors work in Phnom Penh time (UTC+7, no daylight saving); the database keeps UTC. */
export const NEWSROOM_OFFSET_HOURS = 7;

export function localToUtc(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y = 0, mo = 0, d = 0, h = 0, mi = 0] = m.map(Number);
  const t = Date.UTC(y, mo - 1, d, h - NEWSROOM_OFFSET_HOURS, mi);
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function utcToLocal(iso: string): string {
  const t = new Date(Date.parse(iso) + NEWSROOM_OFFSET_HOURS * 3_600_000);
  return t.toISOString().slice(0, 16);
}

export const UpdateSchema = z
  .object({
    id: optional(recordId),
    version: optional(version),
    agreement: slug,
    round: optional(wholeNumber("Round", 1, 200)),
    postedAt: z
      .string()
      .trim()
      .transform((s, ctx) => {
        const utc = localToUtc(s);
        if (!utc) {
          ctx.addIssue({ code: "custom", message: "Use a real date and time, e.g. 2026-11-21T14:30." });
          return z.NEVER;
        }
        return utc;
      }),
    title: line("The title", 200),
    body: markdown("The text").pipe(z.string().trim().min(1, "Write the update.")),
    status: z.enum(UPDATE_STATUSES, "Choose draft or published."),
    source: optional(slug),
  })
  .refine((r) => (r.id === undefined) === (r.version === undefined), { path: ["version"], message: "Reload the page and try again." });

export type UpdateInput = z.infer<typeof UpdateSchema>;

"use server";

import { saveUpdate } from "@/db/mutations/updates";
import { adminAction } from "@/lib/auth/action";
import { tags } from "@/lib/cache-tags";
import { UpdateSchema } from "@/lib/validation/update";

const tagsOf = (saved: { agreementSlugs: string[] }) => [...saved.agreementSlugs.map(tags.agreement), tags.allUpdates];

export const saveUpdateAction = adminAction("content", UpdateSchema, async (tx, input, user) => {
  const saved = await saveUpdate(tx, user, input);
  return {
    tags: tagsOf(saved),
    message: input.status === "published" ? "Update published." : "Draft saved.",
    redirectTo: `/admin/updates/${saved.id}?saved=1`,
  };
});

/** The dashboard's quick form: same schema and write, but it stays on the dashboard. */
export const quickUpdateAction = adminAction("content", UpdateSchema, async (tx, input, user) => {
  const saved = await saveUpdate(tx, user, input);
  return {
    tags: tagsOf(saved),
    message: input.status === "published" ? `Published: “${input.title}”.` : `Draft saved: “${input.title}”.`,
  };
});

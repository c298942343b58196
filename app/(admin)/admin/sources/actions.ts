"use server";

import { saveSource } from "@/db/mutations/sources";
import { adminAction } from "@/lib/auth/action";
import { tags } from "@/lib/cache-tags";
import { SourceSchema } from "@/lib/validation/source";

export const saveSourceAction = adminAction("content", SourceSchema, async (tx, input, user) => {
  const saved = await saveSource(tx, user, input);
  // Pages showing this source (beside its figures, rounds, updates) carry its tag; lists of all sources carry the other.
  return { tags: [tags.source(saved.id), tags.allSources], message: "Source saved.", redirectTo: `/admin/sources/${saved.id}?saved=1` };
});

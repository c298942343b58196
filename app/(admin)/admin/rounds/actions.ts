"use server";

import { saveRound } from "@/db/mutations/rounds";
import { adminAction } from "@/lib/auth/action";
import { tags } from "@/lib/cache-tags";
import { RoundSchema } from "@/lib/validation/round";

export const saveRoundAction = adminAction("content", RoundSchema, async (tx, input, user) => {
  const saved = await saveRound(tx, user, input);
  return {
    // A round moved to another agreement leaves the old tracker too.
    tags: [...saved.agreementSlugs.map(tags.agreement), tags.allAgreements],
    message: saved.created ? `Round ${input.number} added.` : `Round ${input.number} saved.`,
    redirectTo: `/admin/rounds/${saved.id}?saved=1`,
  };
});

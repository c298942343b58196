"use server";

import { saveSource } from "@/db/mutations/sources";
import { adminAction } from "@/lib/auth/action";
import { SourceSchema } from "@/lib/validation/source";

export const saveSourceAction = adminAction("content", SourceSchema, (tx, input, user) => {
  const saved = saveSource(tx, user, input);
  // A source's name and link appear beside figures on nearly every page: expire them all.
  return { everything: true, message: "Source saved.", redirectTo: `/admin/sources/${saved.id}?saved=1` };
});

import { z } from "zod";
import { liveStamp } from "@/db/queries/live";
import { surrogateKeys, tags } from "@/lib/cache-tags";
import { SURROGATE_KEY_HEADER } from "@/lib/http-cache.mjs";

const Query = z
  .object({
    agreement: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .optional(),
  })
  .strict();

/** GET /api/live?agreement=ckfta → { stamp }. Polled by open trackers (components/site/LiveRefresh). */
export async function GET(request: Request) {
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json(
      { error: "Bad parameter: agreement must be an agreement slug; nothing else is accepted." },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  const slug = parsed.data.agreement ?? null;
  const stamp = await liveStamp(slug);
  if (stamp === null) return Response.json({ error: "Unknown agreement." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  // Shared caches may hold it for a second (thousands of open tabs cost one read a second); ours
  // is purged with the tracker it stands for.
  return Response.json(
    { stamp },
    {
      headers: {
        "Cache-Control": "public, max-age=0, s-maxage=1",
        "Surrogate-Control": "max-age=60",
        [SURROGATE_KEY_HEADER]: surrogateKeys(slug ? [tags.agreement(slug)] : [tags.allUpdates, tags.allAgreements]),
      },
    },
  );
}

import { z } from "zod";
import { liveStamp } from "@/db/queries/live";

export const dynamic = "force-dynamic";

const Query = z.object({ agreement: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() }).strict();

/** GET /api/live?agreement=ckfta → { stamp }. Polled by open trackers (components/site/LiveRefresh). */
export function GET(request: Request) {
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Bad parameter: agreement must be an agreement slug; nothing else is accepted." }, { status: 400 });
  const stamp = liveStamp(parsed.data.agreement ?? null);
  if (stamp === null) return Response.json({ error: "Unknown agreement." }, { status: 404 });
  // A shared cache may hold it for a second: thousands of open tabs cost one query a second.
  return Response.json({ stamp }, { headers: { "Cache-Control": "public, max-age=0, s-maxage=1" } });
}

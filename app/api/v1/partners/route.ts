import type { NextRequest } from "next/server";
import { explorerOptions } from "@/db/queries/explorer";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { badRequest, jsonResponse } from "@/lib/api/http";
import { SITE } from "@/lib/site";
import { tags } from "@/lib/cache-tags";
import { readQuery } from "@/lib/validation/query-string";
import { apiHandler } from "@/lib/api/handler";

/** GET /api/v1/partners: the codes /api/v1/figures accepts, and the years it covers. */
export const GET = apiHandler("/api/v1/partners", async (request: NextRequest): Promise<Response> => {
  const query = readQuery(request.nextUrl.searchParams, API_ENDPOINTS.partners.query(), "reject");
  if (!query.ok) return badRequest(query.issues);
  const { partners, ctx } = await explorerOptions();
  return jsonResponse(
    {
      years: { from: ctx.minYear, to: ctx.maxYear },
      count: partners.length,
      data: partners.map((p) => ({ code: p.code, name: p.name, region: p.region, page: `${SITE.url}/partners/${p.code}` })),
    },
    { keys: [tags.allFigures] },
  );
});

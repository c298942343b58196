import type { NextRequest } from "next/server";
import { agreementsForApi } from "@/db/queries/opendata";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { badRequest, jsonResponse } from "@/lib/api/http";
import { SITE } from "@/lib/site";
import { tags } from "@/lib/cache-tags";
import { readQuery } from "@/lib/validation/query-string";
import { apiHandler } from "@/lib/api/handler";

/** GET /api/v1/agreements: every agreement Cambodia is party to or negotiating, with parties and milestones. */
export const GET = apiHandler("/api/v1/agreements", async (request: NextRequest): Promise<Response> => {
  const query = readQuery(request.nextUrl.searchParams, API_ENDPOINTS.agreements.query(), "reject");
  if (!query.ok) return badRequest(query.issues);
  const list = await agreementsForApi();
  return jsonResponse(
    {
      count: list.length,
      data: list.map((a) => ({
        slug: a.slug,
        name: a.name,
        short_name: a.shortName,
        coverage: a.coverage,
        status: a.status,
        parties: a.parties.map((p) => ({ code: p.code, name: p.name, in_force_on: p.inForceOn })),
        milestones: a.milestones.map((m) => ({
          status: m.status,
          date: m.date,
          end_date: m.endDate,
          precision: m.precision,
          description: m.description,
          source_id: m.sourceId,
          source_url: `${SITE.url}/sources/${m.sourceId}`,
        })),
        rounds: a.rounds,
        page: `${SITE.url}/agreements/${a.slug}`,
        rounds_url: `${SITE.url}/api/v1/agreements/${a.slug}/rounds`,
      })),
    },
    { keys: [tags.allAgreements] },
  );
});

import type { NextRequest } from "next/server";
import { roundsForApi } from "@/db/queries/opendata";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { badRequest, jsonResponse, notFound } from "@/lib/api/http";
import { SITE } from "@/lib/site";
import { tags } from "@/lib/cache-tags";
import { echo, readQuery } from "@/lib/validation/query-string";
import { apiHandler } from "@/lib/api/handler";

/** GET /api/v1/agreements/[slug]/rounds: the negotiating rounds in order, with dates, format, topics and sources. */
export const GET = apiHandler(
  "/api/v1/agreements/[slug]/rounds",
  async (request: NextRequest, { params }: { params: Promise<{ slug: string }> }): Promise<Response> => {
    const raw = await params;
    const path = API_ENDPOINTS.rounds.pathParams.safeParse(raw);
    const found = path.success ? await roundsForApi(path.data.slug) : null;
    if (!found) return notFound(`no agreement with slug ${echo(raw.slug)}; the list is at /api/v1/agreements`);
    const query = readQuery(request.nextUrl.searchParams, API_ENDPOINTS.rounds.query(), "reject");
    if (!query.ok) return badRequest(query.issues);
    return jsonResponse(
      {
        agreement: { slug: found.agreement.slug, name: found.agreement.name, page: `${SITE.url}/agreements/${found.agreement.slug}` },
        count: found.rounds.length,
        data: found.rounds.map((r) => ({
          number: r.number,
          start_date: r.startDate,
          end_date: r.endDate,
          format: r.format,
          host: r.host,
          topics: r.topics,
          summary: r.summary,
          page: `${SITE.url}/agreements/${found.agreement.slug}#round-${r.number}`,
          sources: r.reports.map((s) => ({
            id: s.sourceId,
            publisher: s.publisher,
            title: s.title,
            published_on: s.publishedOn,
            reported_start_date: s.startDate,
            reported_end_date: s.endDate,
            preferred: s.preferred,
            note: s.note,
            url: s.url,
            page: `${SITE.url}/sources/${s.sourceId}`,
          })),
        })),
      },
      { keys: [tags.agreement(found.agreement.slug), tags.allSources] },
    );
  },
);

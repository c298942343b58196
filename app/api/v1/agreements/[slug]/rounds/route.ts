import type { NextRequest } from "next/server";
import { roundsForApi } from "@/db/queries/opendata";
import { badRequest, jsonResponse, notFound, unknownParams } from "@/lib/api/http";
import { echo } from "@/lib/explorer/params";
import { SITE } from "@/lib/site";
import { tags } from "@/lib/cache-tags";

const SLUG = /^[a-z0-9-]{1,80}$/;

/** GET /api/v1/agreements/[slug]/rounds: the negotiating rounds in order, with dates, format, topics and sources. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const found = SLUG.test(slug) ? await roundsForApi(slug) : null;
  if (!found) return notFound(`no agreement with slug ${echo(slug)}; the list is at /api/v1/agreements`);
  const issues = unknownParams(request.nextUrl.searchParams);
  if (issues.length > 0) return badRequest(issues);
  return jsonResponse({
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
  }, { keys: [tags.agreement(found.agreement.slug), tags.allSources] });
}

import type { NextRequest } from "next/server";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { badRequest, fileResponse, jsonResponse, jsonText } from "@/lib/api/http";
import { EXPLORER_KEYS } from "@/lib/cache-tags";
import { figuresFilename, figuresJson, parseFiguresRequest, type ApiFormat } from "@/lib/explorer/figuresApi";
import type { ExplorerQuery } from "@/lib/explorer/params";
import { figuresCsv } from "@/lib/explorer/serialize";
import { SITE } from "@/lib/site";
import { apiHandler } from "@/lib/api/handler";

/** GET /api/v1/figures: the explorer's selection as JSON (default) or CSV. Documented at /data/api. */
export const GET = apiHandler("/api/v1/figures", async (request: NextRequest): Promise<Response> => {
  const parsed = parseFiguresRequest(request.nextUrl.searchParams, (await explorerOptions()).ctx);
  if (!parsed.ok) return badRequest(parsed.issues);
  const body = await figuresBody(parsed.query, parsed.format);
  if (parsed.format === "csv")
    return fileResponse(body, "text/csv; charset=utf-8; header=present", figuresFilename(parsed.query, "csv"), EXPLORER_KEYS);
  return jsonResponse(body, { keys: EXPLORER_KEYS });
});

/** The answer's text for one parsed selection: cached by it, so every spelling of the same question shares one. */
async function figuresBody(query: ExplorerQuery, format: ApiFormat): Promise<string> {
  "use cache";
  const data = await loadExplorer(query);
  if (format === "csv") return figuresCsv(data.rows, SITE.url);
  return jsonText(figuresJson(data, { siteName: SITE.name, siteUrl: SITE.url, retrieved: new Date().toISOString().slice(0, 10) }));
}

import type { NextRequest } from "next/server";
import { explorerOptions, loadExplorer } from "@/db/queries/explorer";
import { badRequest, fileResponse, jsonResponse } from "@/lib/api/http";
import { figuresFilename, figuresJson, parseFiguresRequest } from "@/lib/explorer/figuresApi";
import { figuresCsv } from "@/lib/explorer/serialize";
import { SITE } from "@/lib/site";

/** GET /api/v1/figures: the explorer's selection as JSON (default) or CSV. Documented at /data/api. */
export function GET(request: NextRequest): Response {
  const parsed = parseFiguresRequest(request.nextUrl.searchParams, explorerOptions().ctx);
  if (!parsed.ok) return badRequest(parsed.issues);
  const data = loadExplorer(parsed.query);
  if (parsed.format === "csv") {
    return fileResponse(figuresCsv(data.rows, SITE.url), "text/csv; charset=utf-8; header=present", figuresFilename(parsed.query, "csv"));
  }
  return jsonResponse(figuresJson(data, { siteName: SITE.name, siteUrl: SITE.url, retrieved: new Date().toISOString().slice(0, 10) }));
}

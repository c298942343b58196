import type { NextRequest } from "next/server";
import { explorerOptions } from "@/db/queries/explorer";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { badRequest, jsonResponse } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { tags } from "@/lib/cache-tags";
import { readQuery } from "@/lib/validation/query-string";
import { apiHandler } from "@/lib/api/handler";

/** GET /api/v1/openapi.json: the API described for machines, generated from the handlers' own schemas (lib/api/openapi.ts). */
export const GET = apiHandler("/api/v1/openapi.json", async (request: NextRequest): Promise<Response> => {
  const query = readQuery(request.nextUrl.searchParams, API_ENDPOINTS.openapi.query(), "reject");
  if (!query.ok) return badRequest(query.issues);
  // Partner codes and years come from the figures, so the document is purged with them.
  return jsonResponse(openApiDocument((await explorerOptions()).ctx), { keys: [tags.allFigures] });
});

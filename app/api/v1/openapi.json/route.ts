import type { NextRequest } from "next/server";
import { explorerOptions } from "@/db/queries/explorer";
import { API_ENDPOINTS } from "@/lib/api/endpoints";
import { badRequest, jsonResponse } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { readQuery } from "@/lib/validation/query-string";

/** GET /api/v1/openapi.json: the API described for machines, generated from the handlers' own schemas (lib/api/openapi.ts). */
export function GET(request: NextRequest): Response {
  const query = readQuery(request.nextUrl.searchParams, API_ENDPOINTS.openapi.query(), "reject");
  if (!query.ok) return badRequest(query.issues);
  return jsonResponse(openApiDocument(explorerOptions().ctx));
}

import type { Problem } from "@/lib/api/schemas";
import { SITE } from "@/lib/site";
import type { ParamIssue } from "@/lib/validation/query-string";

/**
 * Public answers may be kept by a CDN for a minute and served stale for five more while it
 * fetches a fresh copy; browsers revalidate every time, so an editor's correction shows at once
 * to anyone not behind a shared cache.
 */
export const PUBLIC_CACHE = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";

const COMMON: Record<string, string> = {
  // Open data: any site may read it from the browser. Nothing here depends on cookies.
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
};

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status: init.status ?? 200,
    headers: { ...COMMON, "Content-Type": "application/json; charset=utf-8", "Cache-Control": PUBLIC_CACHE, ...init.headers },
  });
}

export function fileResponse(body: string, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: {
      ...COMMON,
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": PUBLIC_CACHE,
    },
  });
}

/** The problem types of this API; each `type` URI opens its explanation on /data/api. */
export const PROBLEM_TYPES = {
  badParameter: { anchor: "bad-parameter", title: "A query parameter is not valid", status: 400 },
  notFound: { anchor: "not-found", title: "Not found", status: 404 },
} as const;

export const problemTypeUri = (anchor: string) => `${SITE.url}/data/api#${anchor}`;

/**
 * An error as RFC 9457 problem details (application/problem+json): `type`, `title`, `status` and
 * `detail`, and for bad parameters `parameter` (the first) and `errors` (every one, by name).
 * Errors are never cached.
 */
export function problemResponse(body: Problem): Response {
  return jsonResponse(body, { status: body.status, headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store" } });
}

/** 400 naming the first bad parameter, with every problem found listed in `errors`. */
export function badRequest(issues: readonly ParamIssue[]): Response {
  const first = issues[0] ?? { parameter: "query", message: "the query string could not be read" };
  const t = PROBLEM_TYPES.badParameter;
  return problemResponse({
    type: problemTypeUri(t.anchor),
    title: t.title,
    status: t.status,
    detail: first.message,
    parameter: first.parameter,
    errors: issues.map((i) => ({ parameter: i.parameter, detail: i.message })),
  });
}

export function notFound(detail: string): Response {
  const t = PROBLEM_TYPES.notFound;
  return problemResponse({ type: problemTypeUri(t.anchor), title: t.title, status: t.status, detail });
}

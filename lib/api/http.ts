import type { ParamIssue } from "@/lib/explorer/params";
import { echo } from "@/lib/explorer/params";

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

/** 400 naming the first bad parameter, with every problem found listed in `issues`. */
export function badRequest(issues: readonly ParamIssue[]): Response {
  const first = issues[0] ?? { parameter: "query", message: "bad request" };
  return jsonResponse(
    { error: { status: 400, code: "bad_parameter", parameter: first.parameter, message: first.message, issues } },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

export function notFound(message: string): Response {
  return jsonResponse({ error: { status: 404, code: "not_found", message } }, { status: 404, headers: { "Cache-Control": "no-store" } });
}

/** For endpoints that take no parameters (or only `allowed`): every other name is an error, never ignored. */
export function unknownParams(params: URLSearchParams, allowed: readonly string[] = []): ParamIssue[] {
  const names = [...new Set(params.keys())].filter((n) => !allowed.includes(n));
  return names.map((name) => ({
    parameter: name,
    message: allowed.length
      ? `unknown parameter ${echo(name)}; the parameters are ${allowed.join(", ")}`
      : `unknown parameter ${echo(name)}; this endpoint takes no parameters`,
  }));
}

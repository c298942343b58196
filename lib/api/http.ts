import type { ParamIssue } from "@/lib/explorer/params";
import { echo } from "@/lib/explorer/params";
import { surrogateKeys } from "@/lib/cache-tags";
import { PUBLIC_CACHE_CONTROL, SURROGATE_CONTROL, SURROGATE_KEY_HEADER } from "@/lib/http-cache.mjs";

/**
 * Public answers: our HTTP cache keeps them until a save purges their surrogate keys; any other
 * shared cache for a few seconds (lib/http-cache.mjs); browsers revalidate every time.
 */
const PUBLIC: Record<string, string> = { "Cache-Control": PUBLIC_CACHE_CONTROL, "Surrogate-Control": SURROGATE_CONTROL };

/** The cache headers of a public answer built from data carrying these tags. */
export function publicHeaders(keys: readonly string[]): Record<string, string> {
  return { ...PUBLIC, [SURROGATE_KEY_HEADER]: surrogateKeys(keys) };
}

const COMMON: Record<string, string> = {
  // Open data: any site may read it from the browser. Nothing here depends on cookies.
  "Access-Control-Allow-Origin": "*",
  "X-Content-Type-Options": "nosniff",
};

/** JSON as the API writes it (indented, newline at the end); cached loaders keep answers in this form. */
export const jsonText = (body: unknown) => `${JSON.stringify(body, null, 2)}\n`;

/**
 * A JSON answer. `keys` are the cache tags of the data in it, sent as surrogate keys; an answer
 * with none (errors) must say how it may be cached in `headers`.
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string>; keys?: readonly string[] } = {}): Response {
  const status = init.status ?? 200;
  return new Response(typeof body === "string" ? body : jsonText(body), {
    status,
    // Only successful answers are public; errors say `no-store` in their own headers.
    headers: { ...COMMON, "Content-Type": "application/json; charset=utf-8", ...(status < 300 ? publicHeaders(init.keys ?? []) : {}), ...init.headers },
  });
}

export function fileResponse(body: string, contentType: string, filename: string, keys: readonly string[]): Response {
  return new Response(body, {
    headers: {
      ...COMMON,
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      ...publicHeaders(keys),
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

import type { Problem } from "@/lib/api/schemas";
import { surrogateKeys } from "@/lib/cache-tags";
import { PUBLIC_CACHE_CONTROL, SURROGATE_CONTROL, SURROGATE_KEY_HEADER } from "@/lib/http-cache.mjs";
import { SITE } from "@/lib/site";
import type { ParamIssue } from "@/lib/validation/query-string";

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
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string>; keys?: readonly string[] } = {},
): Response {
  const status = init.status ?? 200;
  return new Response(typeof body === "string" ? body : jsonText(body), {
    status,
    // Only successful answers are public; errors say `no-store` in their own headers.
    headers: {
      ...COMMON,
      "Content-Type": "application/json; charset=utf-8",
      ...(status < 300 ? publicHeaders(init.keys ?? []) : {}),
      ...init.headers,
    },
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

/** The problem types of this API; each `type` URI opens its explanation on /data/api. */
export const PROBLEM_TYPES = {
  badParameter: { anchor: "bad-parameter", title: "A query parameter is not valid", status: 400 },
  notFound: { anchor: "not-found", title: "Not found", status: 404 },
  serverError: { anchor: "server-error", title: "The server could not answer", status: 500 },
} as const;

export const problemTypeUri = (anchor: string) => `${SITE.url}/data/api#${anchor}`;

/**
 * An error as RFC 9457 problem details (application/problem+json): `type`, `title`, `status` and
 * `detail`, and for bad parameters `parameter` (the first) and `errors` (every one, by name).
 * Errors are never cached.
 */
export function problemResponse(body: Problem): Response {
  return jsonResponse(body, {
    status: body.status,
    headers: { "Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store" },
  });
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

/** 500 for a handler that failed (lib/api/handler.ts): what to quote when reporting it, nothing of the cause. */
export function serverError(reference: string): Response {
  const t = PROBLEM_TYPES.serverError;
  return problemResponse({
    type: problemTypeUri(t.anchor),
    title: t.title,
    status: t.status,
    detail: `Something went wrong on our side while answering this request. Please try again later; if it keeps failing, report it quoting reference ${reference}.`,
    reference,
  });
}

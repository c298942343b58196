import { unstable_rethrow } from "next/navigation";
import type { NextRequest } from "next/server";
import { logServerError, newErrorId } from "@/lib/errors/log";
import { errorDigest } from "@/lib/errors/reference";
import { serverError } from "./http";

/**
 * The one wrapper every /api/v1 handler is exported through. A handler that throws (a database
 * that cannot be read, a bug) would otherwise leave Next to answer with its plain-text 500; this
 * answers as the API's other errors do, problem details (application/problem+json, not cached),
 * carrying a `reference`, and logs the error as one JSON line with that reference as its id
 * (lib/errors/log.ts), so a report quoting it leads to the line (and, for an error a cached loader
 * threw, to Next's own report of it, which carries the same digest). Next's own control-flow errors
 * (notFound(), redirects, prerender bailouts) pass through untouched.
 *
 * `route` is the handler's route as the app names it, for the log line.
 */
export function apiHandler<Context>(route: string, handler: (request: NextRequest, context: Context) => Promise<Response>) {
  return async (request: NextRequest, context: Context): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      unstable_rethrow(error);
      // An error from a cached loader ('use cache') reaches us in production as Next's redacted
      // stand-in ("An error occurred in the Server Components render…") whose digest is the one Next
      // printed beside the real error ("⨯ SqliteError: … digest: '…'"): that digest is the reference,
      // so the problem's reference leads to both lines. Other errors get a fresh id.
      const id = errorDigest(error) ?? newErrorId();
      const proxyRequestId = request.headers.get("x-request-id");
      logServerError(id, error, {
        method: request.method,
        path: `${request.nextUrl.pathname}${request.nextUrl.search}`,
        route,
        routeType: "route",
        ...(proxyRequestId ? { proxyRequestId } : {}),
      });
      return serverError(id);
    }
  };
}

/**
 * One server error, one JSON line on stderr, for whoever is on call to search. `id` is the
 * reference the reader is shown (an error page's "Reference …", an API problem's `reference`), so
 * a reader's report leads straight to the line. Written by instrumentation.ts for errors Next
 * catches, and by the API's handler wrapper (lib/api/handler.ts) for errors it answers itself.
 * Headers are not logged: they carry cookies. No Node.js imports: instrumentation.ts is also
 * compiled for the Edge runtime.
 */
export type ErrorContext = {
  method: string;
  path: string;
  /** The route as the app names it ("/search", "/api/v1/agreements/[slug]/rounds"). */
  route: string;
  routeType: string;
  /** A reverse proxy's X-Request-Id, when one was sent. */
  proxyRequestId?: string;
  renderSource?: string;
  revalidateReason?: string;
};

/** A fresh reference for an error that Next has not stamped with a digest (Web Crypto, as on the Edge). */
export const newErrorId = (): string => crypto.randomUUID();

export function errorLogLine(id: string, error: unknown, at: ErrorContext, time = new Date()): string {
  const { proxyRequestId, renderSource, revalidateReason, ...where } = at;
  return JSON.stringify({
    level: "error",
    time: time.toISOString(),
    id,
    ...(proxyRequestId ? { proxyRequestId: proxyRequestId.slice(0, 200) } : {}),
    ...where,
    ...(renderSource ? { renderSource } : {}),
    ...(revalidateReason ? { revalidateReason } : {}),
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) },
  });
}

export function logServerError(id: string, error: unknown, at: ErrorContext): void {
  console.error(errorLogLine(id, error, at));
}

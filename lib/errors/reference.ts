/**
 * The reference that ties what a reader sees on an error page to the line in the server's log.
 * Next stamps every error thrown while rendering on the server with a `digest` (a hash of the
 * error) before it reaches `onRequestError` (instrumentation.ts); in production the browser
 * receives only that digest, never the message. Shared by the logger and the error pages.
 */
export function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" && error.digest !== "" ? error.digest : undefined;
}

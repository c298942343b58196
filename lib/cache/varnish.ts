/**
 * Requests to the HTTP cache in front (Varnish, deploy/varnish.vcl): where it listens and how a
 * request to it is sent. Shared by the purges after a save (purge.ts) and the ban of a failed
 * answer (ban-failed.ts). No Node-only imports: instrumentation.ts, which bans, is also compiled
 * for the Edge runtime.
 *
 *   VARNISH_PURGE_URL  where Varnish listens, e.g. http://127.0.0.1:4170 (several: comma-separated)
 *   PURGE_TOKEN        the secret Varnish expects in `X-Purge-Token` (it also only accepts loopback)
 */

/** Every Varnish to tell; none without VARNISH_PURGE_URL (`npm start` alone). */
export function varnishTargets(): string[] {
  return (process.env.VARNISH_PURGE_URL ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One PURGE or BAN to one Varnish, with the token, bounded by `timeoutMs`. */
export function askVarnish(target: string, method: "PURGE" | "BAN", headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  return fetch(new URL("/", target), {
    method,
    headers: { ...headers, "x-purge-token": process.env.PURGE_TOKEN ?? "" },
    signal: AbortSignal.timeout(timeoutMs),
  });
}

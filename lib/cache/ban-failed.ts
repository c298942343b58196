/**
 * A page whose render failed after its first byte went out still leaves with status 200 and its
 * Surrogate-Control (Cache Components streams every page; README, "Serving and caching"), so the
 * HTTP cache in front would keep the error page until one of its keys is purged, up to a day.
 * instrumentation.ts calls this for every failed page render: once the answer has had time to
 * finish and be stored, that one address is banned from Varnish (deploy/varnish.vcl, BAN with
 * `x-ban-url`), so the next reader gets a fresh render. Without VARNISH_PURGE_URL (npm start
 * alone, whose own response cache never keeps a failed answer) there is nothing to do.
 *
 * No Node-only imports: Next also compiles instrumentation.ts for the Edge runtime.
 */
import { askVarnish, varnishTargets } from "./varnish";

/** After the failed answer is complete and stored, and once more in case it was slow. */
export const BAN_FAILED_AFTER_MS = [1000, 5000] as const;

export function banFailedAnswer(path: string): void {
  const targets = varnishTargets();
  if (targets.length === 0 || !path.startsWith("/")) return;
  for (const delay of BAN_FAILED_AFTER_MS) {
    const timer = setTimeout(() => {
      for (const target of targets) {
        askVarnish(target, "BAN", { "x-ban-url": path }, 500)
          .then((res) => (res.ok ? undefined : console.error(`[purge] ban of failed answer ${path} at ${target}: HTTP ${res.status}`)))
          .catch((error: unknown) =>
            console.error(
              `[purge] ban of failed answer ${path} at ${target} failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
      }
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  }
}

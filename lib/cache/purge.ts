import "server-only";
import { buildId } from "./entry.mjs";
import { cacheStore } from "./store.mjs";
import { askVarnish, varnishTargets } from "./varnish";

/**
 * Purges surrogate keys from the HTTP cache in front (Varnish with xkey, deploy/varnish.vcl), so
 * that every page carrying one of an editor's expired tags is fetched afresh from an app process.
 * Called by the action wrapper (lib/auth/action.ts) right after `updateTag`, before the action
 * returns. Without VARNISH_PURGE_URL (`npm start` alone) there is nothing to purge (varnish.ts).
 *
 * A purge that fails or times out does not undo the save (it is committed, and Next's own caches
 * already expired the tags): it is logged, and readers behind the proxy may see the old page until
 * it is purged by a later save touching the same keys or leaves Varnish (at most a day, the
 * Surrogate-Control lifetime). A second purge follows shortly after, for answers that an app
 * process was still rendering from the old data when the first purge arrived (Varnish stores them
 * after it).
 */

const TIMEOUT_MS = 500;
/** Answers in flight at the first purge finish within this, except under extreme load. */
export const SECOND_PURGE_AFTER_MS = 400;

export type PurgeOutcome = { target: string; ok: boolean; purged?: number; error?: string };

async function purgeOne(target: string, keys: string[]): Promise<PurgeOutcome> {
  try {
    const res = await askVarnish(target, "PURGE", { "xkey-purge": keys.join(" ") }, TIMEOUT_MS);
    const text = await res.text();
    if (!res.ok) return { target, ok: false, error: `HTTP ${res.status} ${text.slice(0, 120).trim()}` };
    return { target, ok: true, purged: Number(/(\d+)/.exec(text)?.[1] ?? Number.NaN) };
  } catch (error) {
    return { target, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function purgeAll(keys: string[], when: string): Promise<PurgeOutcome[]> {
  const outcomes = await Promise.all(varnishTargets().map((t) => purgeOne(t, keys)));
  for (const o of outcomes.filter((x) => !x.ok)) {
    console.error(
      `[purge] ${when} purge of ${keys.join(" ")} at ${o.target} failed: ${o.error}; the save stands, but readers behind that cache may see the old page until it is purged again or expires`,
    );
  }
  return outcomes;
}

/**
 * Expires `tags` everywhere, for the action wrapper right after `updateTag`: in the store Next's
 * caches share (at once: `updateTag` itself only takes effect once the action has returned, and a
 * page fetched again in between must not come from the old entries), then in the HTTP cache.
 */
export async function expireEverywhere(tags: readonly string[]): Promise<PurgeOutcome[]> {
  const list = [...new Set(tags)].filter(Boolean);
  if (list.length === 0) return [];
  await cacheStore(buildId()).expireTags(list, Date.now());
  return purgeSurrogateKeys(list);
}

/** Purges `keys` now (awaited, bounded by a short timeout) and once more shortly after (not awaited). */
export async function purgeSurrogateKeys(keys: readonly string[]): Promise<PurgeOutcome[]> {
  const list = [...new Set(keys)].filter(Boolean);
  if (list.length === 0 || varnishTargets().length === 0) return [];
  const outcomes = await purgeAll(list, "first");
  setTimeout(() => void purgeAll(list, "second"), SECOND_PURGE_AFTER_MS).unref();
  return outcomes;
}

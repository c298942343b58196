// Next's incremental cache handler (next.config.mjs `cacheHandler`): whole prerendered pages and
// route answers (ISR), kept in the process's store (lib/cache/store.mjs), memory for `npm start`
// or Redis when REDIS_URL is set. Interface documented at
// node_modules/next/dist/docs/01-app/03-api-reference/05-config/01-next-config-js/incrementalCacheHandlerPath.md
//
// Two things beyond keeping entries:
// - Freshness across processes. A page entry carries the tags of every loader it was rendered from
//   (Next stores them in its `x-next-cache-tags` header). `get` reports a miss when any of them was
//   expired after the page was rendered, by this process or any other, so the next request renders
//   it afresh. An entry's time is when the render started (the `get` that missed), not when it was
//   stored: a save landing during a render makes the result stale at once.
// - Surrogate keys. Next does not send `x-next-cache-tags` outside its own hosting ("minimal mode"),
//   but it sends every other header of a cache entry. So the entry gets an `xkey` header with its
//   data tags: on `get` (every cached answer) and on `set` (the first answer, built from the same
//   value object right after it is stored). Varnish purges by these keys (deploy/varnish.vcl).
import { buildId, surrogateKeyHeader } from "./entry.mjs";
import { cacheStore } from "./store.mjs";

const TAGS_HEADER = "x-next-cache-tags";
const KEY_HEADER = "xkey";
const KEY = "ic:";
/** Kept this long when Next gives no lifetime (seconds). */
const DEFAULT_TTL = 24 * 3600;

/** When this process last asked for each key: the start of the render that follows a miss. */
const askedAt = new Map();

/** @param {any} value @param {string[] | undefined} fetchTags */
function tagsOf(value, fetchTags) {
  const header = value?.headers?.[TAGS_HEADER];
  if (typeof header === "string" && header.length) return header.split(",");
  return fetchTags ?? [];
}

/** Adds the surrogate-key header to a page or route value that carries tags. */
function withSurrogateKeys(value) {
  if (!value || typeof value !== "object" || !value.headers) return value;
  const keys = surrogateKeyHeader(tagsOf(value));
  if (keys) value.headers[KEY_HEADER] = keys;
  return value;
}

export default class CacheHandler {
  /** @param {{ serverDistDir?: string }} _ctx */
  constructor(_ctx) {
    this.store = cacheStore(buildId());
  }

  /** @param {string} key @param {{ kind?: string; tags?: string[]; softTags?: string[] }} ctx */
  async get(key, ctx) {
    if (askedAt.size > 10_000) askedAt.clear(); // keys asked for and never stored again
    askedAt.set(key, Date.now());
    const entry = await this.store.get(KEY + key);
    if (!entry) return null;
    const tags = [...tagsOf(entry.value, ctx?.tags), ...(ctx?.softTags ?? [])];
    const since = await this.store.validSince(tags);
    if (since === null || entry.lastModified <= since) return null;
    // A copy with its own headers: the stored value is shared by every request that reads it.
    const value =
      entry.value && typeof entry.value === "object"
        ? { ...entry.value, headers: entry.value.headers ? { ...entry.value.headers } : entry.value.headers }
        : entry.value;
    return { ...entry, value: withSurrogateKeys(value) };
  }

  /** @param {string} key @param {any} data @param {{ cacheControl?: { revalidate?: number | false; expire?: number }; tags?: string[] }} ctx */
  async set(key, data, ctx) {
    // Before anything is awaited: Next sends the answer it is storing right after this call.
    withSurrogateKeys(data);
    const startedAt = Math.min(askedAt.get(key) ?? Date.now(), Date.now());
    askedAt.delete(key);
    if (!data) return;
    const expire = ctx?.cacheControl?.expire;
    const ttl = typeof expire === "number" && expire > 0 ? expire : DEFAULT_TTL;
    await this.store.set(KEY + key, { lastModified: startedAt, value: data, cacheControl: ctx?.cacheControl }, ttl);
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    await this.store.expireTags(typeof tags === "string" ? [tags] : tags, Date.now());
  }

  resetRequestCache() {}
}

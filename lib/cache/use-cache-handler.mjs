// Next's handler for 'use cache' (next.config.mjs `cacheHandlers.default` and `.remote`): the
// cached loaders of db/queries and the cached components. Entries and tag expirations live in the
// process's store (lib/cache/store.mjs): memory for `npm start`, Redis when REDIS_URL is set.
// Interface: node_modules/next/dist/server/lib/cache-handlers/types.d.ts (Next 16.4).
import { buildId, bytesOf, streamOf } from "./entry.mjs";
import { cacheStore } from "./store.mjs";

const store = () => cacheStore(buildId());
const KEY = "uc:";

/** Sets in progress, so a `get` for the same key waits for the value instead of missing. */
const inFlight = new Map();

/** @type {import("next/cache").CacheHandler} */
const handler = {
  async get(cacheKey) {
    await inFlight.get(cacheKey);
    const entry = await store().get(KEY + cacheKey);
    if (!entry) return undefined;
    const { value, ...meta } = entry;
    // Stale if any of its tags was expired (by this process or another) after it was computed.
    const since = await store().validSince(meta.tags);
    if (since === null || meta.timestamp <= since) return undefined;
    return { ...meta, value: streamOf(value) };
  },

  async set(cacheKey, pendingEntry) {
    let done = () => {};
    inFlight.set(cacheKey, new Promise((resolve) => (done = resolve)));
    try {
      const entry = await pendingEntry;
      // `expire: 0` marks a dynamic entry that Next recomputes on every read: nothing to keep.
      if (entry.expire === 0) return;
      const value = await bytesOf(entry.value);
      const { value: _stream, ...meta } = entry;
      await store().set(KEY + cacheKey, { ...meta, value }, Number.isFinite(meta.expire) ? meta.expire : 7 * 24 * 3600);
    } catch {
      // A failed computation or stream: keep nothing; the next read computes it again.
    } finally {
      done();
      inFlight.delete(cacheKey);
    }
  },

  // The store is asked on every read, so there is no local copy of tags to refresh.
  async refreshTags() {},

  // The latest expiration of a route's implicit tags (revalidatePath). Unknown (Redis down): now,
  // so Next treats every entry as expired rather than trust one nobody can vouch for.
  async getExpiration(tags) {
    const since = await store().validSince(tags);
    return since ?? Date.now();
  },

  async updateTags(tags) {
    await store().expireTags(tags, Date.now());
  },
};

export default handler;

// The ISR cache handler `next start` uses (next.config.mjs `cacheHandler`). Plain JS: Next loads it
// by path at run time, outside the app bundle.
//
// The problem it solves: when an editor saves, the action expires the pages' cache tags, but Next
// keeps the record of expired tags in this process's memory only. Pages rendered before the save
// stay on disk (.next/server/route-cache, or the build's copies in .next/server/app), and after a
// restart nothing says they are out of date, so they were served for up to their 60 s revalidate.
//
// The rule here: a cached page or data entry is trusted only if this process wrote it. Anything
// older than the process (the build's pages, pages from the previous run, a file half written
// when the server was killed) is reported as missing, so Next renders it afresh while the first
// visitor waits, and stores the new copy. After that, everything is Next's own file-system cache
// (memory LRU of `cacheMaxMemorySize`, default 50 MB, in front of the disk), including its
// in-memory tag expiry, which is complete for entries written by this process.
//
// Cost: the first request for each page after a restart is a render instead of a cached copy.
// In exchange, any change the previous process acknowledged (or made behind its back, such as
// `npm run db:restore`) is shown from the first request on.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Next's own handler, pinned with next@16.4.6 (an internal module: test/next-cache-handler.test.ts
// fails loudly if an upgrade moves or reshapes it).
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

/**
 * True when a cache entry was written after `startedAt` (ms since the epoch). Entries with no
 * usable time are treated as old: a miss costs one render, a stale page breaks the promise.
 * @param {{ lastModified?: unknown } | null | undefined} entry
 * @param {number} startedAt
 */
export function writtenSince(entry, startedAt) {
  const at = entry?.lastModified;
  return typeof at === "number" && Number.isFinite(at) && at > startedAt;
}

export default class RestartSafeCacheHandler extends FileSystemCache {
  /** Wall-clock time this process started; entries older than this are not served. */
  static startedAt = Math.floor(performance.timeOrigin);

  /** @param {string} key @param {unknown} ctx */
  async get(key, ctx) {
    const entry = await super.get(key, ctx);
    if (entry && !writtenSince(entry, RestartSafeCacheHandler.startedAt)) return null;
    return entry;
  }
}

// Gives memory back when a burst of requests is over: used by server.mjs (`npm start`, and each app
// process of the cluster). Plain JavaScript so the server entry can import it without a build step.
//
// Why (measured with `process.memoryUsage()`, /proc/PID/smaps and glibc's malloc_stats() on a
// process after `npm run bench`'s load; README, "Performance"):
// - V8 grows its heap to what the burst needed (heapTotal 250–310 MB for 60–75 MB live) and keeps
//   it: Node gives V8 no idle-time notifications, so nothing shrinks it while no request arrives.
//   A full garbage collection once the burst is over lets V8 return the pages (heapTotal → 75–95 MB).
// - Rendering a page allocates its chunks as ArrayBuffers outside V8's heap (malloc). Those that
//   outlive a render are freed only by a full collection, scattered over glibc's main arena, which
//   then holds 80–95 MB of which about 25 MB is in use; glibc returns free pages in the middle of its
//   heap only when asked (`malloc_trim`). Without it the process stays near 400 MB long after load.
//
// So: when no request has been in flight for QUIET_MS after at least one was served, collect
// garbage (twice: V8 shrinks its old space on the collection after the one that freed it) and ask
// glibc to return its free pages. Each takes tens of milliseconds of one core, once per burst, when
// nothing waits for the process; a request that arrives meanwhile waits at most that long.
//
//   MEMORY_RELEASE_QUIET_MS  quiet time before memory is given back (default 1000; 0 turns it off)
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createRequire } from "node:module";

/** V8's collector as a function (what `node --expose-gc` exposes), or null if it cannot be had. */
export function collector() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  try {
    // Exposes `gc` to contexts created from now on: a new one hands it over.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc");
    return typeof gc === "function" ? gc : null;
  } catch {
    return null;
  }
}

/**
 * glibc's `malloc_trim(0)` (returns every free page of every arena to the system), through koffi,
 * a maintained FFI library; null on other C libraries (musl, macOS, Windows), where it is not needed
 * or not there.
 */
export function mallocTrim() {
  if (process.platform !== "linux") return null;
  try {
    // glibc only: musl has no malloc_trim (and does not keep freed pages this way).
    if (!process.report?.getReport?.().header?.glibcVersionRuntime) return null;
    const koffi = createRequire(import.meta.url)("koffi");
    const trim = koffi.load("libc.so.6").func("int malloc_trim(size_t pad)");
    return () => trim(0);
  } catch {
    return null;
  }
}

/**
 * Watches the requests of an HTTP server and gives memory back after each burst.
 * `begin()` when a request arrives, `end()` when its response is finished or its socket closed.
 * @param {{ quietMs?: number; gc?: (() => void) | null; trim?: (() => unknown) | null; now?: () => number; onRelease?: (info: { ms: number; before: number; after: number }) => void }} [opts]
 */
export function idleRelease(opts = {}) {
  const quietMs = opts.quietMs ?? Number(process.env.MEMORY_RELEASE_QUIET_MS ?? 1000);
  const gc = opts.gc === undefined ? collector() : opts.gc;
  const trim = opts.trim === undefined ? mallocTrim() : opts.trim;
  const now = opts.now ?? (() => performance.now());
  let inFlight = 0;
  let served = 0;
  let timer = null;
  const state = { releases: 0, enabled: quietMs > 0 && (gc !== null || trim !== null) };

  function release() {
    timer = null;
    if (inFlight > 0 || served === 0) return;
    served = 0;
    const t0 = now();
    const before = process.memoryUsage.rss();
    gc?.();
    gc?.();
    trim?.();
    state.releases++;
    opts.onRelease?.({ ms: now() - t0, before, after: process.memoryUsage.rss() });
  }

  return {
    state,
    begin() {
      inFlight++;
      served++;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
    },
    end() {
      inFlight = Math.max(0, inFlight - 1);
      if (!state.enabled || inFlight > 0 || timer) return;
      timer = setTimeout(release, quietMs);
      timer.unref?.();
    },
    /** For tests: run the release now if it is due. */
    flush() {
      if (timer) {
        clearTimeout(timer);
        release();
      }
    },
  };
}

// How long caches may keep a public answer: one policy for pages (next.config.mjs), route handlers
// (lib/api/http.ts) and the HTTP cache in front (deploy/varnish.vcl). Plain JavaScript so that
// next.config.mjs can import it.
//
// Two audiences, two headers:
// - Surrogate-Control is for our own HTTP cache (Varnish), which every editor's save purges by
//   surrogate key before the save returns: it may keep an answer for a day. Varnish removes the
//   header before the answer leaves it.
// - Cache-Control is for everyone else: browsers, and any CDN or proxy that nobody purges. Such a
//   cache may reuse an answer for 5 s and serve it stale for 10 s more while it fetches a new one,
//   so behind a CDN that does not purge, a correction reaches readers within 15 s. Browsers keep
//   nothing (max-age=0).

/** For caches nobody purges. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=10";
/** For our own HTTP cache, purged by surrogate key on every save. */
export const SURROGATE_CONTROL = "max-age=86400";
/** Pages and answers that must never be stored by any cache (admin, sign-in, errors). */
export const NO_STORE = "private, no-store";
/** The header carrying an answer's cache tags to the HTTP cache (Varnish's xkey module reads it). */
export const SURROGATE_KEY_HEADER = "xkey";

export const publicCacheHeaders = [
  { key: "Cache-Control", value: PUBLIC_CACHE_CONTROL },
  { key: "Surrogate-Control", value: SURROGATE_CONTROL },
];

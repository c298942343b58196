// Whole answers kept in front of Next, for `npm start` alone (the embedded default, no REDIS_URL):
// what Varnish does for the cluster (deploy/varnish.vcl), in the server process itself. Used by
// server.mjs. Plain JavaScript so the server entry can import it without a build step.
//
// Why: a page Next serves from its own cache still goes through its whole request pipeline
// (routing, the cache handler, the response headers, compression): 0.7–1.0 ms of CPU per request for
// the front page and a story, against 0.3 ms for a plain `next start` sending a static file of the
// same bytes (`npm run bench`, alternating rounds). An answer that Next marked public (Surrogate-
// Control) and that carries its cache tags (the `xkey` header, lib/cache/incremental-handler.mjs and
// proxy.ts) is kept here as bytes and sent again without Next until one of its tags is expired.
//
// The rules are the VCL's: only GET and HEAD, never /admin or /api/auth, never a request with a
// session cookie (other cookies are ignored, as Varnish strips them: public answers do not read
// them), never an answer with Set-Cookie, without Surrogate-Control, or without tags. React Server
// Component requests (the headers Next varies on) go to Next. Variants are kept per Accept-Encoding.
// An answer counts from the moment its request arrived: a save whose tags are expired after that
// (lib/cache/purge.ts, through the store every handler shares) makes it stale, even if the render
// read the new data. It is also dropped after TTL_MS, so Next's own revalidation times still apply.
//
//   RESPONSE_CACHE_MB  bytes of answers kept (default 8; 0 turns it off)

/** Request headers Next varies a page's answer on (beyond Accept-Encoding): such requests go to Next. */
const NEXT_VARY = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "range"];
const SESSION_COOKIE = /(^|;\s*)(__Secure-)?authjs\.session-token/;
const NEVER = /^\/(admin|api\/auth)(\/|\?|$)/;
/** Headers of the stored answer that belong to one connection or one send. */
const PER_SEND = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
/**
 * The request header server.mjs numbers each kept-candidate request with (any value a client sends
 * is replaced), and the set in which instrumentation.ts notes the numbers of requests whose render
 * failed: Next streams a page that fails after its first byte with status 200, the error only in
 * its payload, and such an answer must not be sent again.
 */
export const ANSWER_HEADER = "x-ctm-answer";
const FAILED = Symbol.for("ctm.response-cache.failed");

/** The numbers of requests whose render failed (shared with instrumentation.ts through globalThis). */
export function failedAnswers() {
  const g = /** @type {Record<symbol, Set<string> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[FAILED] ??= new Set());
}

let numbered = 0;

/** Kept at most this long whatever the tags say (Next revalidates by time too). */
export const TTL_MS = 60_000;
/** Answers larger than this are not kept. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

/** Whether a request may be answered from (and its answer kept in) the cache. */
export function cacheableRequest(req) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (NEVER.test(req.url ?? "")) return false;
  const h = req.headers;
  if (h.authorization || SESSION_COOKIE.test(h.cookie ?? "")) return false;
  for (const name of NEXT_VARY) if (h[name] !== undefined) return false;
  return true;
}

/** The cache key: the URL and the encodings the client takes (the variant Next chose by them). */
export const keyOf = (req) => `${req.url}\n${req.headers["accept-encoding"] ?? ""}`;

/**
 * The tags of an answer Next marked public, or null if it may not be kept.
 * @param {number} status @param {Record<string, string | string[] | number | undefined>} headers lower-case names
 */
export function keepableTags(status, headers) {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  if (!/max-age=\d+/.test(String(headers["surrogate-control"] ?? ""))) return null;
  if (/private|no-store/.test(String(headers["cache-control"] ?? ""))) return null;
  const keys = String(headers.xkey ?? "")
    .split(/\s+/)
    .filter(Boolean);
  return keys.length ? keys : null;
}

/**
 * @param {{ store: { validSince(tags: string[]): Promise<number | null> }; maxBytes?: number; ttlMs?: number; now?: () => number }} opts
 */
export function responseCache(opts) {
  const maxBytes = opts.maxBytes ?? Number(process.env.RESPONSE_CACHE_MB ?? 8) * 1024 * 1024;
  const ttlMs = opts.ttlMs ?? TTL_MS;
  const now = opts.now ?? Date.now;
  /** @type {Map<string, { headers: Record<string, string | string[]>; body: Buffer; tags: string[]; at: number }>} */
  const entries = new Map();
  let bytes = 0;
  const stats = { hits: 0, stored: 0 };

  function drop(key) {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.body.length;
  }

  function keep(key, entry) {
    drop(key);
    if (entry.body.length > Math.min(MAX_ENTRY_BYTES, maxBytes / 4)) return;
    entries.set(key, entry);
    bytes += entry.body.length;
    stats.stored++;
    for (const [oldest] of entries) {
      if (bytes <= maxBytes) break;
      drop(oldest);
    }
  }

  return {
    stats,
    get size() {
      return entries.size;
    },
    enabled: maxBytes > 0,

    /**
     * Answers `req` from the cache if a fresh answer is kept; true when it did.
     * @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res
     */
    async serve(req, res) {
      if (maxBytes <= 0 || !cacheableRequest(req)) return false;
      const key = keyOf(req);
      const hit = entries.get(key);
      if (!hit) return false;
      if (now() - hit.at > ttlMs) {
        drop(key);
        return false;
      }
      const since = await opts.store.validSince(hit.tags);
      if (since === null || hit.at <= since) {
        drop(key);
        return false;
      }
      // Most recently used last.
      entries.delete(key);
      entries.set(key, hit);
      stats.hits++;
      res.writeHead(200, { ...hit.headers, "content-length": String(hit.body.length) });
      res.end(req.method === "HEAD" ? undefined : hit.body);
      return true;
    },

    /**
     * Keeps what Next answers to `req`, if it may be kept: the bytes as sent (compressed where the
     * client asked for it), from a request that arrived at `arrivedAt`.
     * @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {number} arrivedAt
     */
    capture(req, res, arrivedAt = now()) {
      if (maxBytes <= 0 || req.method !== "GET" || !cacheableRequest(req)) return;
      const key = keyOf(req);
      const answer = String(++numbered);
      req.headers[ANSWER_HEADER] = answer;
      const failed = failedAnswers();
      if (failed.size > 10_000) failed.clear(); // numbers noted after their answer was gone
      /** @type {Buffer[]} */
      let chunks = [];
      let size = 0;
      const take = (chunk, encoding) => {
        if (!chunks || chunk === undefined || chunk === null || typeof chunk === "function") return;
        const b = Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === "string"
            ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8")
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        size += b.length;
        if (size > MAX_ENTRY_BYTES) chunks = null;
        else chunks.push(Buffer.from(b)); // a copy: the caller may reuse its buffer once written
      };
      const write = res.write;
      const end = res.end;
      res.write = function (chunk, encoding, cb) {
        take(chunk, encoding);
        return write.call(this, chunk, encoding, cb);
      };
      res.end = function (chunk, encoding, cb) {
        take(chunk, encoding);
        return end.call(this, chunk, encoding, cb);
      };
      res.once("close", () => failed.delete(answer));
      res.once("finish", () => {
        if (failed.delete(answer)) return;
        if (!chunks) return;
        const headers = res.getHeaders();
        const tags = keepableTags(res.statusCode, headers);
        if (!tags) return;
        /** @type {Record<string, string | string[]>} */
        const kept = {};
        for (const [name, value] of Object.entries(headers))
          if (!PER_SEND.has(name) && value !== undefined) kept[name] = Array.isArray(value) ? value : String(value);
        keep(key, { headers: kept, body: Buffer.concat(chunks), tags, at: arrivedAt });
      });
    },
  };
}

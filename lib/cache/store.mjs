// Where Next's caches keep their entries and when each cache tag was last expired: the one store
// behind both cache handlers (lib/cache/incremental-handler.mjs for whole pages and route answers,
// lib/cache/use-cache-handler.mjs for 'use cache' loaders). Plain JavaScript: Next loads the
// handlers by path at run time, outside the app bundle.
//
// - Without REDIS_URL (`npm start`, one process): memory. Entries live in a size-bounded LRU and
//   tag expirations in a Map, both empty at start-up, so a restart never serves anything rendered
//   before it (no page older than an acknowledged save can come back).
// - With REDIS_URL (several processes): Redis holds entries and tag expirations, so a save taken by
//   one process is seen by all. Every call has a timeout; while Redis is unreachable, reads are
//   misses (pages are rendered afresh, never from an entry nobody can vouch for) and tag
//   expirations are kept and retried every second until they are written.
//
// An entry is valid while its timestamp is later than the floor (`ctm:floor`, raised by the cluster
// when an app process dies: it may have committed a save without expiring its tags) and than the
// last expiration of every tag it carries (`validSince`).
import { deserialize, serialize } from "node:v8";
import { createClient, RESP_TYPES } from "redis";

/** Bytes of entries kept in memory by the embedded store (both handlers share it). */
const MEMORY_BYTES = Number(process.env.CACHE_MEMORY_MB ?? 48) * 1024 * 1024;
/** How long a read may wait for Redis before it counts as a miss, and a write before it gives up. */
// Generous enough that a busy event loop (a saturated machine delays the timer and the reply
// alike) is not mistaken for a dead server; a hung server then costs one timeout per second, since
// Redis is left alone for a second after each failure.
const READ_TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS ?? 500);
const WRITE_TIMEOUT_MS = Math.max(READ_TIMEOUT_MS, 1000);
/** Entries are kept at most this long in Redis whatever their own lifetime says (seconds). */
const MAX_TTL_SECONDS = 7 * 24 * 3600;

const log = (...args) => console.warn("[cache]", ...args);

/** @typedef {{ get(key: string): Promise<any>; set(key: string, value: unknown, ttlSeconds: number): Promise<void>; validSince(tags: string[]): Promise<number | null>; expireTags(tags: string[], at: number): Promise<void>; describe(): string }} Store */

/** Bytes an entry holds: its strings and buffers (what the LRU bound counts). */
export function sizeOf(value, depth = 0) {
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.byteLength;
  if (!value || typeof value !== "object" || depth > 4) return 8;
  let n = 0;
  for (const v of value instanceof Map ? value.values() : Object.values(value)) n += sizeOf(v, depth + 1);
  return n;
}

/**
 * Size-bounded LRU of entries, kept as the objects Next handed over (never copied or re-encoded:
 * Next reads them and does not change them), with tag expirations in a Map. One process only.
 */
export class MemoryStore {
  /** @param {number} maxBytes */
  constructor(maxBytes = MEMORY_BYTES) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    /** @type {Map<string, { value: unknown; size: number; until: number }>} */
    this.entries = new Map();
    /** @type {Map<string, number>} */
    this.tagTimes = new Map();
  }

  describe() {
    return `memory (${Math.round(this.maxBytes / 2 ** 20)} MB, this process only)`;
  }

  /** @param {string} key */
  async get(key) {
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until < Date.now()) {
      this.#drop(key);
      return null;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** @param {string} key @param {unknown} value @param {number} ttlSeconds */
  async set(key, value, ttlSeconds) {
    this.#drop(key);
    const size = sizeOf(value);
    if (size > this.maxBytes / 4) return; // one entry may not push out most of the others
    this.entries.set(key, { value, size, until: Date.now() + Math.min(ttlSeconds, MAX_TTL_SECONDS) * 1000 });
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.#drop(oldest);
    }
  }

  /** @param {string[]} tags */
  async validSince(tags) {
    let latest = 0;
    for (const tag of tags) latest = Math.max(latest, this.tagTimes.get(tag) ?? 0);
    return latest;
  }

  /** @param {string[]} tags @param {number} at */
  async expireTags(tags, at) {
    for (const tag of tags) this.tagTimes.set(tag, Math.max(at, this.tagTimes.get(tag) ?? 0));
  }

  /** @param {string} key */
  #drop(key) {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.size;
  }
}

/**
 * Rejects with a timeout error if `promise` has not settled within `ms`.
 * @template T @param {Promise<T>} promise @param {number} ms @param {string} what @returns {Promise<T>}
 */
export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Entries and tag expirations in Redis, shared by every app process that uses the same URL and build. */
export class RedisStore {
  /** @param {string} url @param {string} namespace keys are prefixed with it (the build id: another build's pages are never served) */
  constructor(url, namespace) {
    this.url = url;
    this.prefix = `ctm:${namespace}:`;
    this.tagsKey = "ctm:tags";
    this.floorKey = "ctm:floor";
    /** Tag expirations not yet written (Redis was unreachable or slow), tag → time. */
    this.pending = new Map();
    /** After a failed call, Redis is left alone until then (ms): a hung server costs one timeout a second, not one per request. */
    this.skipUntil = 0;
    this.warned = false;
    this.client = createClient({
      url,
      // Commands fail at once while the connection is down instead of queueing until it is back.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
    });
    this.client.on("error", (error) => this.#failed("connection", error));
    this.client.on("ready", () => {
      if (this.warned) log(`Redis at ${url} is back`);
      this.warned = false;
      this.skipUntil = 0;
      void this.#flush();
    });
    /** The same connection, answering bulk strings as Buffers (entries are bytes). */
    this.binary = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    this.connecting = this.client.connect().catch((error) => this.#failed("connect", error));
    // Tag expirations that could not be written are retried until they are.
    this.retry = setInterval(() => void this.#flush(), 1000);
    this.retry.unref?.();
  }

  describe() {
    return `Redis at ${this.url.replace(/\/\/[^@]*@/, "//")} (shared by every app process)`;
  }

  /** For tests and scripts: close the connection. */
  async close() {
    clearInterval(this.retry);
    await this.connecting;
    if (this.client.isOpen) await this.client.close();
  }

  /** The client when it is connected and not resting after a failure, else null (the caller degrades). */
  #ready() {
    return this.client.isReady && Date.now() >= this.skipUntil ? this.client : null;
  }

  #failed(what, error) {
    this.skipUntil = Date.now() + 1000;
    if (!this.warned) log(`Redis at ${this.url}: ${what} failed (${error?.message ?? error}); uncached renders until it answers`);
    this.warned = true;
  }

  /** Writes the tag expirations that could not be written before. */
  async #flush() {
    if (this.pending.size === 0) return;
    const redis = this.client.isReady ? this.client : null;
    if (!redis) return;
    const batch = new Map(this.pending);
    try {
      await within(
        redis.hSet(this.tagsKey, Object.fromEntries([...batch].map(([tag, at]) => [tag, String(at)]))),
        WRITE_TIMEOUT_MS,
        "write pending tags",
      );
      for (const [tag, at] of batch) if (this.pending.get(tag) === at) this.pending.delete(tag);
      log(`wrote ${batch.size} tag expiration(s) kept while Redis did not answer`);
    } catch (error) {
      this.#failed("writing pending tags", error);
    }
  }

  /** @param {string} key */
  async get(key) {
    const redis = this.#ready();
    if (!redis) return null;
    try {
      const value = await within(this.binary.get(this.prefix + key), READ_TIMEOUT_MS, "get");
      // Entries hold strings, Buffers, Maps and plain objects: V8's serializer keeps them all.
      return Buffer.isBuffer(value) ? deserialize(value) : null;
    } catch (error) {
      this.#failed("get", error);
      return null;
    }
  }

  /** @param {string} key @param {unknown} value @param {number} ttlSeconds */
  async set(key, value, ttlSeconds) {
    const redis = this.#ready();
    if (!redis) return;
    const bytes = serialize(value);
    try {
      const ttl = Math.max(1, Math.min(Math.ceil(ttlSeconds), MAX_TTL_SECONDS));
      await within(redis.set(this.prefix + key, bytes, { expiration: { type: "EX", value: ttl } }), WRITE_TIMEOUT_MS, "set");
    } catch (error) {
      this.#failed("set", error);
    }
  }

  /** @param {string[]} tags */
  async validSince(tags) {
    const redis = this.#ready();
    if (!redis) return null;
    try {
      const [floor, times] = await within(
        Promise.all([redis.get(this.floorKey), tags.length ? redis.hmGet(this.tagsKey, tags) : Promise.resolve([])]),
        READ_TIMEOUT_MS,
        "tag times",
      );
      let latest = Number(floor ?? 0);
      for (const t of times) if (t !== null && t !== undefined) latest = Math.max(latest, Number(t));
      for (const tag of tags) latest = Math.max(latest, this.pending.get(tag) ?? 0);
      return latest;
    } catch (error) {
      this.#failed("reading tag times", error);
      return null;
    }
  }

  /** @param {string[]} tags @param {number} at */
  async expireTags(tags, at) {
    if (tags.length === 0) return;
    for (const tag of tags) this.pending.set(tag, Math.max(at, this.pending.get(tag) ?? 0));
    // Written whatever the rest period says: a save's expirations should not wait.
    const redis = this.client.isReady ? this.client : null;
    if (!redis) {
      log(`Redis unreachable: expiration of ${tags.join(", ")} kept, written when it answers`);
      return;
    }
    const batch = Object.fromEntries(tags.map((tag) => [tag, this.pending.get(tag) ?? at]));
    try {
      await within(
        redis.hSet(this.tagsKey, Object.fromEntries(Object.entries(batch).map(([t, v]) => [t, String(v)]))),
        WRITE_TIMEOUT_MS,
        "expire tags",
      );
      for (const [tag, v] of Object.entries(batch)) if (this.pending.get(tag) === v) this.pending.delete(tag);
    } catch (error) {
      this.#failed("expire tags", error);
      log(`expiration of ${tags.join(", ")} kept, written when Redis answers`);
    }
  }
}

const STORE = Symbol.for("ctm.cache.store");

/**
 * The process's store, made on first use. `namespace` (the build id) keeps one build's entries
 * from being served by another.
 * @param {string} namespace @returns {Store}
 */
export function cacheStore(namespace) {
  const g = /** @type {Record<symbol, Store | undefined>} */ (/** @type {unknown} */ (globalThis));
  if (!g[STORE]) {
    const url = process.env.REDIS_URL;
    // `next build` prerenders into its own output; it never needs (or waits for) Redis.
    const building = process.env.NEXT_PHASE === "phase-production-build";
    g[STORE] = url && !building ? new RedisStore(url, namespace) : new MemoryStore();
    if (process.env.NEXT_PHASE !== "phase-production-build") console.log(`[cache] Next's caches: ${g[STORE].describe()}`);
  }
  return g[STORE];
}

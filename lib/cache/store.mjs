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
//   expirations are kept to be written when it is back. After an outage, the first process back
//   raises a floor that makes every entry written before it invalid, since a save taken meanwhile
//   could not record its tags.
//
// An entry is valid while its timestamp is later than the floor and than the last expiration of
// every tag it carries (`validSince`).
import { createClient, RESP_TYPES } from "redis";

/** Bytes of entries kept in memory by the embedded store (both handlers share it). */
const MEMORY_BYTES = Number(process.env.CACHE_MEMORY_MB ?? 48) * 1024 * 1024;
/** How long a read may wait for Redis before it counts as a miss, and a write before it gives up. */
const READ_TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS ?? 150);
const WRITE_TIMEOUT_MS = Math.max(READ_TIMEOUT_MS, 500);
/** Entries are kept at most this long in Redis whatever their own lifetime says (seconds). */
const MAX_TTL_SECONDS = 7 * 24 * 3600;

const log = (...args) => console.warn("[cache]", ...args);

/** @typedef {{ get(key: string): Promise<Buffer | null>; set(key: string, bytes: Buffer, ttlSeconds: number): Promise<void>; validSince(tags: string[]): Promise<number | null>; expireTags(tags: string[], at: number): Promise<void>; describe(): string }} Store */

/** Size-bounded LRU of byte strings, with tag expirations in a Map. One process only. */
export class MemoryStore {
  /** @param {number} maxBytes */
  constructor(maxBytes = MEMORY_BYTES) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    /** @type {Map<string, { bytes: Buffer; until: number }>} */
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
    return hit.bytes;
  }

  /** @param {string} key @param {Buffer} bytes @param {number} ttlSeconds */
  async set(key, bytes, ttlSeconds) {
    this.#drop(key);
    if (bytes.length > this.maxBytes / 4) return; // one entry may not push out most of the others
    this.entries.set(key, { bytes, until: Date.now() + Math.min(ttlSeconds, MAX_TTL_SECONDS) * 1000 });
    this.bytes += bytes.length;
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
    this.bytes -= old.bytes.length;
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
    /** Tag expirations not yet written (Redis was unreachable), tag → time. */
    this.pending = new Map();
    /** Set when a call failed; cleared once the floor has been raised after reconnecting. */
    this.sawOutage = false;
    this.client = createClient({
      url,
      // Commands fail at once while the connection is down instead of queueing until it is back.
      disableOfflineQueue: true,
      socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) },
    });
    this.client.on("error", (error) => {
      if (!this.sawOutage) log(`Redis at ${url} unreachable (${error?.message ?? error}); serving uncached renders until it is back`);
      this.sawOutage = true;
    });
    this.client.on("ready", () => void this.#recover());
    /** The same connection, answering bulk strings as Buffers (entries are bytes). */
    this.binary = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    this.connecting = this.client.connect().catch((error) => log(`cannot connect to Redis at ${url}: ${error?.message ?? error}`));
  }

  describe() {
    return `Redis at ${this.url.replace(/\/\/[^@]*@/, "//")} (shared by every app process)`;
  }

  /** For tests and scripts: close the connection. */
  async close() {
    await this.connecting;
    if (this.client.isOpen) await this.client.close();
  }

  /** The client when it is connected, else null (and the caller degrades). */
  #ready() {
    return this.client.isReady ? this.client : null;
  }

  #failed(what, error) {
    if (!this.sawOutage) log(`${what} failed: ${error?.message ?? error}`);
    this.sawOutage = true;
  }

  /** After an outage: write the tag expirations that could not be written, then raise the floor. */
  async #recover() {
    if (!this.sawOutage && this.pending.size === 0) return;
    const redis = this.#ready();
    if (!redis) return;
    try {
      const now = Date.now();
      if (this.pending.size) {
        const entries = Object.fromEntries([...this.pending].map(([tag, at]) => [tag, String(at)]));
        await within(redis.hSet(this.tagsKey, entries), WRITE_TIMEOUT_MS, "write pending tags");
        this.pending.clear();
      }
      // Entries written before the outage may predate a save whose tags nobody could record.
      const floor = Number((await within(redis.get(this.floorKey), WRITE_TIMEOUT_MS, "read floor")) ?? 0);
      if (floor < now) await within(redis.set(this.floorKey, String(now)), WRITE_TIMEOUT_MS, "raise floor");
      this.sawOutage = false;
      log(`Redis at ${this.url} is back; entries written before ${new Date(now).toISOString()} are no longer served`);
    } catch (error) {
      this.#failed("recovery", error);
    }
  }

  /** @param {string} key */
  async get(key) {
    const redis = this.#ready();
    if (!redis || this.sawOutage) return null;
    try {
      const value = await within(this.binary.get(this.prefix + key), READ_TIMEOUT_MS, "get");
      return Buffer.isBuffer(value) ? value : null;
    } catch (error) {
      this.#failed("get", error);
      return null;
    }
  }

  /** @param {string} key @param {Buffer} bytes @param {number} ttlSeconds */
  async set(key, bytes, ttlSeconds) {
    const redis = this.#ready();
    if (!redis || this.sawOutage) return;
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
    if (!redis || this.sawOutage) return null;
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
      this.#failed("tag times", error);
      return null;
    }
  }

  /** @param {string[]} tags @param {number} at */
  async expireTags(tags, at) {
    if (tags.length === 0) return;
    for (const tag of tags) this.pending.set(tag, Math.max(at, this.pending.get(tag) ?? 0));
    const redis = this.#ready();
    if (!redis) {
      this.sawOutage = true;
      log(`Redis unreachable: expiration of ${tags.join(", ")} kept to be written when it is back`);
      return;
    }
    try {
      await within(redis.hSet(this.tagsKey, Object.fromEntries(tags.map((tag) => [tag, String(this.pending.get(tag) ?? at)]))), WRITE_TIMEOUT_MS, "expire tags");
      for (const tag of tags) if ((this.pending.get(tag) ?? 0) <= at) this.pending.delete(tag);
    } catch (error) {
      this.#failed("expire tags", error);
      log(`expiration of ${tags.join(", ")} kept to be written when Redis answers`);
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

export type Store = {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** The latest expiration among these tags (and the store's floor), or null when the store cannot answer. */
  validSince(tags: string[]): Promise<number | null>;
  expireTags(tags: string[], at: number): Promise<void>;
  describe(): string;
};
export class MemoryStore implements Store {
  constructor(maxBytes?: number);
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  validSince(tags: string[]): Promise<number | null>;
  expireTags(tags: string[], at: number): Promise<void>;
  describe(): string;
}
export class RedisStore implements Store {
  constructor(url: string, namespace: string);
  connecting: Promise<unknown>;
  pending: Map<string, number>;
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  validSince(tags: string[]): Promise<number | null>;
  expireTags(tags: string[], at: number): Promise<void>;
  describe(): string;
  close(): Promise<void>;
}
export function sizeOf(value: unknown): number;
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
export function cacheStore(namespace: string): Store;

export function writtenSince(entry: { lastModified?: unknown } | null | undefined, startedAt: number): boolean;

export default class RestartSafeCacheHandler {
  static startedAt: number;
  constructor(ctx: Record<string, unknown>);
  get(key: string, ctx: Record<string, unknown>): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, data: unknown, ctx: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}

import type { IncomingMessage, ServerResponse } from "node:http";
export const TTL_MS: number;
export const ANSWER_HEADER: string;
export function failedAnswers(): Set<string>;
export function cacheableRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">): boolean;
export function keyOf(req: Pick<IncomingMessage, "url" | "headers">): string;
export function keepableTags(status: number, headers: Record<string, string | string[] | number | undefined>): string[] | null;
export type ResponseCache = {
  stats: { hits: number; stored: number };
  readonly size: number;
  enabled: boolean;
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  capture(req: IncomingMessage, res: ServerResponse, arrivedAt?: number): void;
};
export function responseCache(opts: {
  store: { validSince(tags: string[]): Promise<number | null> };
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
}): ResponseCache;

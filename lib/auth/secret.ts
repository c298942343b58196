import "server-only";
import { databasePath, env } from "@/lib/env";
import { loadAuthSecret } from "./secret-file.mjs";

let cached: string | undefined;

/**
 * The key that signs and encrypts session cookies (and, derived from it, device cookies).
 * AUTH_SECRET wins when set; otherwise `.auth-secret` beside the database, made on first start.
 * Shorter than 32 characters is refused (lib/auth/secret-file.mjs); server.mjs checks before it listens.
 */
export function authSecret(): string {
  cached ??= loadAuthSecret(databasePath, process.env.AUTH_SECRET, env.DATABASE_URL);
  return cached;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath } from "@/lib/env";

/**
 * The key that signs and encrypts session cookies. AUTH_SECRET wins when set; otherwise a random
 * one is made on first start and kept beside the database (outside git: `.auth-secret` is ignored),
 * readable only by this user. Its value is never logged.
 */
export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  if (fromEnv) throw new Error("AUTH_SECRET is set but shorter than 32 characters; unset it to have one generated.");
  const file = join(dirname(databasePath), ".auth-secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // "wx" fails if another process wrote it first; then we read theirs so both agree.
  try {
    writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, "utf8").trim();
  }
}

// The key that signs and encrypts session cookies and signs device cookies. Plain JavaScript so
// that server.mjs can check it before the server listens (a short key stops start-up, not the
// first sign-in), and lib/auth/secret.ts uses the same rule at run time.

import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const AUTH_SECRET_MIN_LENGTH = 32;

/** `.auth-secret` beside the database file (ignored by git). */
export function authSecretFile(databasePath) {
  return join(dirname(databasePath), ".auth-secret");
}

function refuse(where) {
  return new Error(
    `${where} is shorter than ${AUTH_SECRET_MIN_LENGTH} characters, too short to sign sessions. ` +
      `Set AUTH_SECRET to ${AUTH_SECRET_MIN_LENGTH}+ random characters (openssl rand -base64 32), or delete the file to have one generated.`,
  );
}

/**
 * AUTH_SECRET when set; otherwise the contents of `.auth-secret`, which is made (32 random bytes,
 * mode 600) when missing. Either one shorter than 32 characters is refused with an error: it is
 * never used, and never silently replaced (that would end every session without saying why).
 * On PostgreSQL (`databaseUrl` postgres://…) AUTH_SECRET is required: app servers on several
 * machines share the database but not a file, and each would make its own key, so a session
 * signed by one would be refused by the next. The value is never logged.
 */
export function loadAuthSecret(databasePath, fromEnv = process.env.AUTH_SECRET, databaseUrl = process.env.DATABASE_URL) {
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < AUTH_SECRET_MIN_LENGTH) throw refuse("AUTH_SECRET");
    return fromEnv;
  }
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      `AUTH_SECRET is required with a PostgreSQL DATABASE_URL: every app server must sign sessions with the same key, ` +
        `and a key generated into .auth-secret would differ on each machine. Set AUTH_SECRET to the same ` +
        `${AUTH_SECRET_MIN_LENGTH}+ random characters everywhere (openssl rand -base64 32).`,
    );
  }
  const file = authSecretFile(databasePath);
  const stored = readIfPresent(file);
  if (stored !== null) {
    if (stored.length < AUTH_SECRET_MIN_LENGTH) throw refuse(file);
    return stored;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx" fails if another process wrote it first; then we read theirs so both agree.
    writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    const theirs = readIfPresent(file) ?? "";
    if (theirs.length < AUTH_SECRET_MIN_LENGTH) throw refuse(file);
    return theirs;
  }
}

function readIfPresent(file) {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if (error && error.code === "ENOENT") return null;
    throw error;
  }
}

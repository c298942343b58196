import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { CredentialsSignin } from "next-auth";
import { readDb, writeTransaction } from "@/db/client";
import { beginAttempt, currentLock, noteFailure, type AttemptKey, type Lock } from "@/db/mutations/login-attempts";
import { pruneSignInRecords, startSession } from "@/db/mutations/sessions";
import { findUserForSignIn } from "@/db/queries/users";
import { env } from "@/lib/env";
import { SignInSchema } from "@/lib/validation/auth";
import { clientAddress } from "./client-address";
import { DEVICE_COOKIE, cookieValue, issueDeviceCookie, trustedDevice } from "./device";
import { verifyPassword } from "./password";
import { enterCheck, leaveCheck, rememberLock, signInDoor } from "./sign-in-door.mjs";

/** Too many failures for this account, device, address or everyone; the code travels in the URL and names none of them. */
export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** Every password-check slot of this process is taken: try again in a second. */
export class BusySignIn extends CredentialsSignin {
  code = "busy";
}

/** How long a refused client should wait, for the 429 answer of /api/auth/callback/credentials. */
export const signInOutcome = new AsyncLocalStorage<{ retryAfterSeconds?: number }>();

export const SESSION_LIFETIME_MS = env.SESSION_MAX_AGE_HOURS * 3_600_000;

/** The session token is random; only its SHA-256 is stored, so a copy of the database opens nothing. */
export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("hex");

// Argon2id is slow on purpose (about 19 MiB and a few milliseconds of a core each), and a sign-in
// costs more than a page before it even gets here. A flood of them must not queue, or take the CPU
// from readers: server.mjs lets untrusted sign-ins in one at a time and a few a second
// (SIGN_IN_CONCURRENCY, SIGN_IN_CHECKS_PER_SECOND; sign-in-door.mjs) and answers the rest 429; here
// at most SIGN_IN_CONCURRENCY password checks run at once, one more for a trusted device, and a try
// that finds no slot is refused at once. Node runs JavaScript on one thread: no lock needed.
const door = signInDoor();
door.limit = env.SIGN_IN_CONCURRENCY;
door.perSecond = env.SIGN_IN_CHECKS_PER_SECOND;

// Old attempts and sessions go on a timer, never in the path of a sign-in. Started with the first
// sign-in of the process (nothing grows before one), once per process.
const PRUNE_EVERY_MS = 10 * 60_000;
const globalForPrune = globalThis as unknown as { __ctmPruneTimer?: NodeJS.Timeout };
function ensurePruning(): void {
  if (globalForPrune.__ctmPruneTimer) return;
  const prune = () =>
    void writeTransaction((tx) => pruneSignInRecords(tx, new Date())).catch((error: unknown) =>
      console.error("[auth] pruning sign-in records failed", error),
    );
  globalForPrune.__ctmPruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  globalForPrune.__ctmPruneTimer.unref();
  prune();
}

function refuse(error: CredentialsSignin, retryAfterSeconds: number): never {
  const outcome = signInOutcome.getStore();
  if (outcome) outcome.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  throw error;
}

/** Locks the door can apply on its own (it knows the address, not the account): tell it. */
function tellDoor(lock: Lock | null, key: AttemptKey): void {
  if (lock && key.device === null && (lock.scope === "everyone" || lock.scope === "address"))
    rememberLock(lock.scope, key.ip, lock.until.getTime());
}

/**
 * next-auth's `authorize` for the credentials provider. In order: the input, the throttle (a read),
 * a password-check slot, the attempt recorded, the password, then the session and a new device
 * cookie. Unknown, disabled and wrong-password all get the same answer after the same work.
 */
export async function authorizeSignIn(
  raw: Partial<Record<string, unknown>>,
  request: Request,
): Promise<{ id: string; sessionToken: string } | null> {
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  ensurePruning();
  const ip = clientAddress(request.headers);
  const device = trustedDevice(cookieValue(request.headers.get("cookie"), DEVICE_COOKIE), email);
  const key: AttemptKey = { email, ip, device };

  const now = new Date();
  const lock = await currentLock(readDb(), key, now);
  tellDoor(lock, key);
  if (lock) refuse(new ThrottledSignIn(), (lock.until.getTime() - now.getTime()) / 1000);
  if (!enterCheck(device !== null)) refuse(new BusySignIn(), 1);
  try {
    const attempt = await beginAttempt(key, now);
    if (!attempt.allowed) {
      tellDoor(attempt.lock, key);
      refuse(new ThrottledSignIn(), (attempt.lock.until.getTime() - Date.now()) / 1000);
    }
    const user = await findUserForSignIn(email);
    const ok = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password);
    if (!ok || !user || user.disabled) {
      tellDoor(await noteFailure(key), key);
      return null;
    }
    const token = randomBytes(32).toString("base64url");
    await writeTransaction((tx) =>
      startSession(tx, {
        attemptId: attempt.attemptId,
        user,
        tokenHash: hashSessionToken(token),
        ip,
        userAgent: request.headers.get("user-agent") ?? "",
        trustedDevice: device !== null,
        now: new Date(),
        lifetimeMs: SESSION_LIFETIME_MS,
      }),
    );
    const cookie = issueDeviceCookie(email);
    (await cookies()).set(cookie.name, cookie.value, cookie.options);
    return { id: String(user.id), sessionToken: token };
  } finally {
    leaveCheck();
  }
}

// The door in front of sign-in: one small object per process, shared by the app (lib/auth/sign-in.ts,
// which counts the password checks running and learns of locks) and server.mjs (which answers a
// sign-in it already knows the app would refuse with 429 before Next handles the request at all).
//
// A sign-in that reaches Next costs several times what a cached page does (routing, the proxy,
// next-auth's body and CSRF handling) before the app can even refuse it; a flood of them would
// take the CPU from readers. At the door a refusal costs next to nothing. The door only refuses
// what the app would refuse anyway, and never a browser with a genuine device cookie: those always
// reach the app, which keeps a password-check slot for them and decides per account.

const KEY = Symbol.for("ctm.sign-in-door");
const MAX_REMEMBERED_ADDRESSES = 10_000;

/** The paths a sign-in is posted to: next-auth's endpoint and the desk's sign-in form (a server action). */
export const SIGN_IN_PATHS = new Set(["/api/auth/callback/credentials", "/admin/sign-in"]);

/**
 * This process's door. For untrusted sign-ins (no genuine device cookie), server.mjs admits at most
 * `limit` at a time into Next (`admitted`) and at most `perSecond` a second (a bucket of `tokens`),
 * so however fast they come they take a bounded share of the CPU. The app counts the password checks
 * `running` (the same `limit`, one more for trusted devices), which also holds where no server.mjs
 * stands in front (`next dev`). `everyoneUntil` (ms) while every untrusted client is locked out,
 * and locked `addresses`, as the app last saw them.
 */
export function signInDoor() {
  globalThis[KEY] ??= {
    admitted: 0,
    running: 0,
    limit: 1,
    perSecond: 2,
    tokens: 2,
    refilledAt: Date.now(),
    everyoneUntil: 0,
    addresses: new Map(),
  };
  return globalThis[KEY];
}

/**
 * server.mjs, for an untrusted sign-in from `address`: a refusal with the seconds to wait, or null
 * when it is admitted (then `leaveDoor` must be called when its response is done).
 */
export function admitAtDoor(address, now = Date.now()) {
  const door = signInDoor();
  const until = Math.max(door.everyoneUntil, door.addresses.get(address) ?? 0);
  if (until > now) return { reason: "throttled", retryAfterSeconds: Math.ceil((until - now) / 1000) };
  // The bucket holds a second's worth, and at least one (a rate under one a second still admits).
  door.tokens = Math.min(Math.max(1, door.perSecond), door.tokens + ((now - door.refilledAt) / 1000) * door.perSecond);
  door.refilledAt = now;
  if (door.admitted >= door.limit || door.tokens < 1) return { reason: "busy", retryAfterSeconds: 1 };
  door.tokens -= 1;
  door.admitted++;
  return null;
}

export function leaveDoor() {
  signInDoor().admitted--;
}

/** The app: a password-check slot, or false; a trusted device may use one more. Then `leaveCheck`. */
export function enterCheck(trusted) {
  const door = signInDoor();
  if (door.running >= door.limit + (trusted ? 1 : 0)) return false;
  door.running++;
  return true;
}

export function leaveCheck() {
  signInDoor().running--;
}

/** The app saw a lock (scope "everyone" or "address") that lasts until `until` (ms). */
export function rememberLock(scope, address, until) {
  const door = signInDoor();
  if (scope === "everyone") door.everyoneUntil = Math.max(door.everyoneUntil, until);
  if (scope !== "address") return;
  if (door.addresses.size >= MAX_REMEMBERED_ADDRESSES) {
    const now = Date.now();
    for (const [a, t] of door.addresses) if (t <= now) door.addresses.delete(a);
    // Still full: forget the oldest; the app's own check (in the database) still holds.
    if (door.addresses.size >= MAX_REMEMBERED_ADDRESSES) door.addresses.delete(door.addresses.keys().next().value);
  }
  door.addresses.set(address, Math.max(door.addresses.get(address) ?? 0, until));
}

/** What the desk's sign-in form shows when the door refuses its request. */
export const DOOR_MESSAGES = {
  throttled: "Too many attempts. Wait a few minutes, then try again, or sign in from a browser you have used here before.",
  busy: "Many sign-ins are being checked right now. Try again in a moment.",
};

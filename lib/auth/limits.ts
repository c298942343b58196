/**
 * The sign-in throttle, after OWASP's device-cookie pattern. Every scope gets a few free failures
 * in a 15-minute window, then a wait that doubles with each further failure, up to 15 minutes.
 *
 * - A trusted device (a browser carrying a device cookie valid for this email) is limited on its
 *   own: its failures lock that device only, and no other limit applies to it.
 * - Every other client is untrusted, and three limits apply: the account (all untrusted clients
 *   share one lockout per account, so a stranger's guesses lock out strangers, never the owner's
 *   trusted browser), the client address, and everyone together (so spraying one password over
 *   many accounts from many addresses still stops).
 * A success clears its own scope: a trusted device's success its device count, an untrusted one
 * the account's untrusted count.
 */
// Applied by db/mutations/login-attempts.ts; plain data, so the load test (test/flood) reads it too.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  firstWaitMs: 30_000,
  maxWaitMs: 15 * 60_000,
  free: { device: 5, account: 5, address: 20, everyone: 100 },
} as const;

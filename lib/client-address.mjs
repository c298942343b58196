// Who is at the other end of a request: the one rule, used by server.mjs (which decides) and by
// lib/auth/client-address.ts (which reads the decision). Plain JavaScript so the server entry can
// import it without a build step.
//
// `next start` does `x-forwarded-for ??= socket address` (next/dist/server/base-server.js), so a
// client that sends the header itself chooses its own address. server.mjs instead decides from
// the socket, trusting X-Forwarded-For only as far as TRUST_PROXY_HOPS says, and passes the
// answer to the app in CLIENT_ADDRESS_HEADER, overwriting whatever the client sent under that name.

import { isIP } from "node:net";

/** Set by server.mjs on every request; any value the client sent is replaced. */
export const CLIENT_ADDRESS_HEADER = "x-ctm-client-address";

/** Forwarding headers that describe the client; untrusted (and dropped) unless TRUST_PROXY_HOPS > 0. */
export const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "forwarded",
  "x-real-ip",
];

const MAX_HOPS = 16;

/**
 * TRUST_PROXY_HOPS: how many reverse proxies stand between the internet and this process, each
 * appending the address it saw to X-Forwarded-For (Varnish, nginx's $proxy_add_x_forwarded_for
 * and most load balancers do). 0, the default, trusts no forwarded header at all.
 */
export function parseTrustProxyHops(raw) {
  if (raw === undefined || raw === "") return 0;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > MAX_HOPS) {
    throw new Error(
      `TRUST_PROXY_HOPS must be a whole number from 0 to ${MAX_HOPS} (the number of proxies in front of the app); got "${raw}".`,
    );
  }
  return Number(raw);
}

/** An IP address as the throttle keys it (IPv4-mapped IPv6 as plain IPv4), or "unknown". */
export function normaliseAddress(raw) {
  if (typeof raw !== "string") return "unknown";
  let a = raw.trim();
  // "[2001:db8::1]:443" and "192.0.2.1:443" as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  a = a.toLowerCase();
  return a.length <= 64 && isIP(a) !== 0 ? a : "unknown";
}

/**
 * The client's address. With `hops` = 0: the socket's peer. With `hops` = N: the Nth entry from the
 * right of the chain "X-Forwarded-For entries, then the socket's peer", which is the address the
 * outermost of N appending proxies saw; entries further left were written by the client and are
 * ignored. A chain shorter than that (the request skipped a proxy) yields its leftmost entry, so
 * the app must only be reachable through its proxies when TRUST_PROXY_HOPS is set.
 */
export function clientAddressFrom(forwardedFor, socketAddress, hops) {
  if (!hops) return normaliseAddress(socketAddress);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socketAddress ?? "",
  ];
  return normaliseAddress(chain[Math.max(0, chain.length - 1 - hops)]);
}

const MARK = Symbol.for("ctm.client-address-from-server-entry");

/** Called once by server.mjs: requests in this process carry CLIENT_ADDRESS_HEADER set by it. */
export function markServerEntry() {
  globalThis[MARK] = true;
}

/** True when this process was started through server.mjs (`npm start`), false under `next dev`. */
export function startedFromServerEntry() {
  return globalThis[MARK] === true;
}

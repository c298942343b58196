// `npm start`: the production server. It is `next start` (Next's documented custom-server entry,
// https://nextjs.org/docs/app/guides/custom-server, runs the same request handlers) plus one step
// before Next sees a request: the client's address is decided from the socket, trusting
// X-Forwarded-For only as far as TRUST_PROXY_HOPS says (lib/client-address.mjs). `next start`
// alone keeps a client-sent X-Forwarded-For, so any client could pick its own throttling bucket.
//
//   node server.mjs [-p PORT] [-H HOSTNAME]     (PORT from the environment works too; default 3000)
//
// Alone (no REDIS_URL), public answers Next marked cacheable are kept as bytes and sent again
// without Next until a save expires one of their tags (lib/cache/response-cache.mjs). And one step
// after: when a burst of requests is over, the memory it needed is given back
// (lib/memory/idle-release.mjs).
//
// Environment: TRUST_PROXY_HOPS (README, "Behind a proxy"), AUTH_SECRET, DATABASE_URL, SITE_URL,
// MEMORY_RELEASE_QUIET_MS, RESPONSE_CACHE_MB.
// Start-up stops with a message when TRUST_PROXY_HOPS is malformed or the session key is too short.

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import {
  CLIENT_ADDRESS_HEADER,
  FORWARDING_HEADERS,
  clientAddressFrom,
  markServerEntry,
  parseTrustProxyHops,
} from "./lib/client-address.mjs";
import { loadAuthSecret } from "./lib/auth/secret-file.mjs";
import { DEVICE_COOKIE_NAMES, cookieValue, deviceKey, readDeviceCookieValue } from "./lib/auth/device-cookie.mjs";
import { DOOR_MESSAGES, SIGN_IN_PATHS, admitAtDoor, leaveDoor, signInDoor } from "./lib/auth/sign-in-door.mjs";
import { idleRelease } from "./lib/memory/idle-release.mjs";
import { responseCache } from "./lib/cache/response-cache.mjs";
import { cacheStore } from "./lib/cache/store.mjs";
import { buildId } from "./lib/cache/entry.mjs";

// As `next start` does: production React, the Node runtime.
process.env.NODE_ENV ??= "production";
process.env.NEXT_RUNTIME ??= "nodejs";
process.env.NEXT_PRIVATE_START_TIME ??= Date.now().toString();

function fail(message) {
  console.error(`server.mjs: ${message}`);
  process.exit(1);
}

let options;
try {
  options = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } }, strict: true }).values;
} catch (error) {
  fail(`${error.message}\nUsage: node server.mjs [-p PORT] [-H HOSTNAME]`);
}
const port = Number(options.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port "${options.port ?? process.env.PORT}"`);
const hostname = options.hostname;

let hops;
let devices;
try {
  hops = parseTrustProxyHops(process.env.TRUST_PROXY_HOPS);
  // lib/env.ts validates DATABASE_URL fully when the app loads; the secret only needs its folder.
  const databaseUrl = process.env.DATABASE_URL || "file:data/portal.db";
  devices = deviceKey(loadAuthSecret(databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : "data/portal.db"));
} catch (error) {
  fail(error.message);
}

/** A browser with a genuine device cookie (for some account) always reaches the app. */
const hasDeviceCookie = (cookie) =>
  readDeviceCookieValue(devices, cookieValue(cookie, DEVICE_COOKIE_NAMES.plain)) !== null ||
  readDeviceCookieValue(devices, cookieValue(cookie, DEVICE_COOKIE_NAMES.secure)) !== null;

/**
 * Untrusted sign-ins pass a door before Next (lib/auth/sign-in-door.mjs): one at a time, a few a
 * second, and none from an address or while a lock the app reported holds. The rest are answered
 * here for next to nothing: 429 with Retry-After, as JSON for next-auth's endpoint and as the text
 * React shows for the desk's sign-in form (a server action). Returns true when it answered.
 */
function refusedAtDoor(req, res, address) {
  if (req.method !== "POST") return false;
  const path = req.url.split("?")[0];
  if (!SIGN_IN_PATHS.has(path) || hasDeviceCookie(req.headers.cookie)) return false;
  const refusal = admitAtDoor(address);
  if (!refusal) {
    res.once("close", leaveDoor);
    return false;
  }
  const action = req.headers["next-action"] !== undefined;
  const body = action
    ? DOOR_MESSAGES[refusal.reason]
    : JSON.stringify({ error: refusal.reason, retryAfterSeconds: refusal.retryAfterSeconds });
  res.writeHead(429, {
    "Content-Type": action ? "text/plain" : "application/json",
    "Retry-After": String(refusal.retryAfterSeconds),
    "Cache-Control": "no-store",
  });
  // The body is read and dropped, so the connection can carry the client's next request.
  req.resume();
  res.end(body);
  return true;
}

// The door's limits, as lib/env.ts reads them for the app (which sets them again when it loads).
const door = signInDoor();
door.limit = Number(process.env.SIGN_IN_CONCURRENCY || 1);
door.perSecond = Number(process.env.SIGN_IN_CHECKS_PER_SECOND || 2);
door.tokens = Math.max(1, door.perSecond);
if (!Number.isInteger(door.limit) || door.limit < 1) fail("SIGN_IN_CONCURRENCY must be a whole number of 1 or more.");
if (!(door.perSecond > 0)) fail("SIGN_IN_CHECKS_PER_SECOND must be a number above 0.");

markServerEntry();
const { default: next } = await import("next");
// Next names its own origin localhost whatever address it listens on (its URLs turn 127.0.0.1 into
// localhost); given any other name, it takes proxy.ts's rewrite to the desk's not-found page for
// another site's address and proxies it. The name is used for Next's own URLs, not for listening.
const app = next({ dev: false, hostname: "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();
// After each burst of requests, memory the burst needed goes back to the system (lib/memory/idle-release.mjs).
const idle = idleRelease();
// Alone (no REDIS_URL, so no Varnish in front): public answers kept as bytes in front of Next
// (lib/cache/response-cache.mjs), fresh by the same tags as Next's caches.
const answers = process.env.REDIS_URL ? null : responseCache({ store: cacheStore(buildId()) });

const server = createServer(async (req, res) => {
  idle.begin();
  res.once("close", idle.end);
  const address = clientAddressFrom(req.headers["x-forwarded-for"], req.socket.remoteAddress, hops);
  if (hops === 0) {
    // Nobody in front of us: whatever forwarding headers arrived were written by the client.
    // Next then fills X-Forwarded-* from the socket itself.
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  if (refusedAtDoor(req, res, address)) return;
  try {
    if (answers?.enabled) {
      const arrivedAt = Date.now();
      if (await answers.serve(req, res)) return;
      answers.capture(req, res, arrivedAt);
    }
    await handle(req, res);
  } catch (error) {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  }
});

server.on("error", (error) => fail(`cannot listen on ${hostname ?? "*"}:${port}: ${error.message}`));
server.listen(port, hostname, () => {
  const shown = hostname && hostname !== "0.0.0.0" ? hostname : "localhost";
  console.log(
    `▲ Ready on http://${shown}:${port} (client address: ${hops === 0 ? "the socket's" : `${hops} proxy hop${hops === 1 ? "" : "s"} trusted`})`,
  );
});

// As `next start`: finish the requests in flight, close Next, exit with the signal's code.
let closing = false;
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => {
      app.close().finally(() => process.exit(code));
    });
    // Keep-alive sockets with a request in flight get a few seconds, then the process goes anyway.
    setTimeout(() => process.exit(code), 10_000).unref();
  });
}

import "server-only";
import { CLIENT_ADDRESS_HEADER, normaliseAddress, startedFromServerEntry } from "@/lib/client-address.mjs";

let warned = false;

/**
 * The client's address, as server.mjs decided it from the socket and TRUST_PROXY_HOPS (the rule is
 * in lib/client-address.mjs). Every caller asks here. Under `next dev` (no server.mjs) there is no
 * trustworthy address: every client shares the bucket "unknown", which throttles more, never less.
 */
export function clientAddress(headers: Headers): string {
  if (!startedFromServerEntry()) {
    if (!warned && process.env.NODE_ENV === "production") {
      console.warn(
        "[auth] not started through server.mjs (npm start): client addresses are unknown, so every client shares one sign-in throttle.",
      );
    }
    warned = true;
    return "unknown";
  }
  return normaliseAddress(headers.get(CLIENT_ADDRESS_HEADER));
}

import { NextResponse, type NextRequest } from "next/server";
import { adminCsp } from "@/lib/security-headers.mjs";
import { EXPLORER_KEYS, searchTags, surrogateKeys } from "@/lib/cache-tags";
import { NO_STORE, SURROGATE_KEY_HEADER } from "@/lib/http-cache.mjs";

/**
 * Surrogate keys of the pages rendered per request from their query string. Their headers leave
 * before the render has read anything, so they carry the keys of every tag their loaders may
 * declare (lib/cache-tags.ts); prerendered pages get theirs from their cache entry instead
 * (lib/cache/incremental-handler.mjs).
 */
const QUERY_PAGE_KEYS: Record<string, string> = {
  "/data": surrogateKeys(EXPLORER_KEYS),
  "/embed/chart": surrogateKeys(EXPLORER_KEYS),
  "/search": surrogateKeys(searchTags),
};

/**
 * Headers only. This is NOT where access is decided: every admin page and action checks the
 * session and role against the database itself (lib/auth). The proxy gives admin pages a
 * per-request CSP nonce (Next applies it to its own scripts) and forbids caching them, and names
 * the surrogate keys of the query-driven public pages.
 */
export function proxy(request: NextRequest) {
  const keys = QUERY_PAGE_KEYS[request.nextUrl.pathname];
  if (keys) {
    const response = NextResponse.next();
    response.headers.set(SURROGATE_KEY_HEADER, keys);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = adminCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

export const config = { matcher: ["/admin", "/admin/:path*", "/api/auth/:path*", "/data", "/embed/chart", "/search"] };

import { NextResponse, type NextRequest } from "next/server";
import { OPEN_ADMIN_ROUTES, adminRouteOf } from "@/lib/auth/admin-paths";
import { deskRecordExists } from "@/db/queries/admin";
import { auth } from "@/lib/auth/config";
import { openSession } from "@/lib/auth/session";
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
 * The status of a desk page, decided before it streams. With Cache Components Next sends a page's
 * prerendered shell, and its 200, before the page runs, so a page's own redirect() or notFound()
 * reaches the browser as a client-side redirect or a soft 404 (Next's docs, "Status codes" under
 * loading.js, say to make such checks in Proxy). This is NOT where access is decided: every page
 * and every action still checks the session and role against the database itself
 * (lib/auth/guard.ts, lib/auth/action.ts), and a request that skipped this proxy would get the
 * same refusal, only with a 200. Document requests only: actions (POST) and the router's own
 * fetches keep their in-page handling.
 */
async function deskStatus(request: NextRequest): Promise<"unknown" | Response | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.headers.get("rsc") === "1" || request.headers.has("next-router-prefetch")) return null;
  const { pathname, search } = request.nextUrl;
  const route = adminRouteOf(pathname);
  if (!route) return "unknown";
  if (OPEN_ADMIN_ROUTES.includes(route)) return null;
  if (await openSession(await auth())) return (await deskRecordExists(route, pathname)) ? null : "unknown";
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/admin/sign-in";
  signIn.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  const response = NextResponse.redirect(signIn, 307);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

/**
 * Headers, and the status of desk pages (above). This is NOT where access is decided: every admin
 * page and action checks the session and role against the database itself (lib/auth). The proxy
 * gives admin pages a per-request CSP nonce (Next applies it to its own scripts) and forbids
 * caching them, and names the surrogate keys of the query-driven public pages.
 */
export async function proxy(request: NextRequest) {
  const keys = QUERY_PAGE_KEYS[request.nextUrl.pathname];
  if (keys) {
    const response = NextResponse.next();
    response.headers.set(SURROGATE_KEY_HEADER, keys);
    return response;
  }
  const { pathname } = request.nextUrl;
  const desk = pathname === "/admin" || pathname.startsWith("/admin/") ? await deskStatus(request) : null;
  if (desk instanceof Response) return desk;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = adminCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // An address no desk page has: the desk's not-found page (its catch-all route), with a real 404.
  const response =
    desk === "unknown"
      ? NextResponse.rewrite(Object.assign(request.nextUrl.clone(), { pathname: MISSING_DESK_PAGE, search: "" }), {
          status: 404,
          request: { headers: requestHeaders },
        })
      : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", NO_STORE);
  return response;
}

/** Matched by no page of the desk but its catch-all, which shows the desk's not-found page. */
const MISSING_DESK_PAGE = "/admin/not-a-desk-page";

export const config = { matcher: ["/admin", "/admin/:path*", "/api/auth/:path*", "/data", "/embed/chart", "/search"] };

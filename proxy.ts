import { NextResponse, type NextRequest } from "next/server";
import { adminCsp } from "@/lib/security-headers.mjs";

/**
 * Headers only. This is NOT where access is decided: every admin page and action checks the
 * session and role against the database itself (lib/auth). The proxy gives admin pages a
 * per-request CSP nonce (Next applies it to its own scripts) and forbids caching them.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = adminCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export const config = { matcher: ["/admin", "/admin/:path*", "/api/auth/:path*"] };

// Security headers, shared by next.config.mjs (public pages) and proxy.ts (admin pages).
// Plain JavaScript so next.config.mjs can import it.

const dev = process.env.NODE_ENV === "development";

/**
 * Public pages are prerendered and shared, so they cannot carry a per-request nonce: their CSP
 * allows this site's scripts and Next's inline bootstrap, and never eval (except in `next dev`).
 */
export function publicCsp({ frameable = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameable ? "frame-ancestors *" : "frame-ancestors 'none'",
  ].join("; ");
}

/** Admin pages render per request, so only scripts carrying this request's nonce may run. */
export function adminCsp(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Feeds (RSS) and other data documents a browser may open directly: nothing in them runs, loads or
 * frames. `sandbox` also gives the document an opaque origin.
 */
export const feedCsp = "default-src 'none'; frame-ancestors 'none'; sandbox";

export const baseHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

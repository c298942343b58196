/**
 * Where to go after signing in. Only a path on this site is accepted: absolute URLs,
 * protocol-relative `//host`, backslash tricks and control characters all fall back to /admin.
 */
export function safeCallbackPath(raw: unknown, fallback = "/admin"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 512) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, "http://site.invalid");
    if (url.origin !== "http://site.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

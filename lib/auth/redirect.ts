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

/**
 * A redirect answered by next-auth, with its Location made a path on this site: an absolute URL on
 * one of `ownOrigins` keeps its path (checked like callbackUrl), anything else goes to sign-in.
 */
export function relativeRedirect(response: Response, ownOrigins: readonly string[]): Response {
  const location = response.headers.get("location");
  if (!location) return response;
  let path = "/admin/sign-in";
  try {
    const target = new URL(location, ownOrigins[0]);
    if (ownOrigins.includes(target.origin)) path = safeCallbackPath(target.pathname + target.search + target.hash, path);
  } catch {
    // not a URL at all: sign-in
  }
  const headers = new Headers(response.headers);
  headers.set("location", path);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

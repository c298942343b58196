/**
 * The addresses of the editors' desk, as its pages define them under app/(admin)/admin/ (a unit
 * test, test/admin-paths.test.ts, fails if the two drift apart). The proxy uses them to answer an
 * unknown desk address with a real 404 before a page streams: with Cache Components a page's own
 * notFound() or redirect() runs after the shell has been sent with a 200 (Next's docs, "Status
 * codes" under loading.js, recommend this check in Proxy).
 */
export const ADMIN_ROUTES = [
  "/admin",
  "/admin/audit",
  "/admin/figures",
  "/admin/figures/[id]",
  "/admin/figures/import",
  "/admin/figures/new",
  "/admin/rounds",
  "/admin/rounds/[id]",
  "/admin/rounds/new",
  "/admin/sign-in",
  "/admin/sources",
  "/admin/sources/[id]",
  "/admin/sources/new",
  "/admin/updates",
  "/admin/updates/[id]",
  "/admin/updates/new",
  "/admin/users",
] as const;

/** Pages of the desk anyone may open: everything else needs a session. */
export const OPEN_ADMIN_ROUTES: readonly string[] = ["/admin/sign-in"];

const pattern = (route: string) => new RegExp(`^${route.replace(/\[[a-z]+\]/g, "[^/]+")}/?$`);
// Static segments win over dynamic ones, as in Next's router: /admin/rounds/new is not a round id.
const PATTERNS = [...ADMIN_ROUTES]
  .sort((a, b) => Number(a.includes("[")) - Number(b.includes("[")))
  .map((route) => ({ route, re: pattern(route) }));

/** The desk route an address belongs to, or null when no page of the desk has it. */
export function adminRouteOf(pathname: string): string | null {
  return PATTERNS.find((p) => p.re.test(pathname))?.route ?? null;
}

import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN_ROUTES, adminRouteOf } from "@/lib/auth/admin-paths";

const ROOT = join(process.cwd(), "app", "(admin)");

/** Every page.tsx under app/(admin)/admin, as its route ("/admin/rounds/[id]"), but the catch-all. */
function pageRoutes(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith("[...") ? [] : pageRoutes(path);
    return name === "page.tsx" ? ["/" + relative(ROOT, dir).split(sep).join("/")] : [];
  });
}

describe("the desk's addresses the proxy knows", () => {
  it("are exactly the pages under app/(admin)/admin", () => {
    expect([...ADMIN_ROUTES].sort()).toEqual(pageRoutes(join(ROOT, "admin")).sort());
  });

  it("match an address to its route, and nothing else", () => {
    expect(adminRouteOf("/admin")).toBe("/admin");
    expect(adminRouteOf("/admin/rounds/12")).toBe("/admin/rounds/[id]");
    expect(adminRouteOf("/admin/rounds/new")).toBe("/admin/rounds/new");
    expect(adminRouteOf("/admin/figures/import")).toBe("/admin/figures/import");
    expect(adminRouteOf("/admin/no-such-desk-page")).toBeNull();
    expect(adminRouteOf("/admin/rounds/12/edit")).toBeNull();
    expect(adminRouteOf("/administrator")).toBeNull();
  });
});

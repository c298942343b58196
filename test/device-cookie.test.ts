import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let device: typeof import("@/lib/auth/device");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-device-"));
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  process.env.AUTH_SECRET = "a".repeat(48);
  device = await import("@/lib/auth/device");
});

afterAll(() => {
  delete process.env.AUTH_SECRET;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("device cookies", () => {
  it("name a device for the account they were issued for, and no other", () => {
    const c = device.issueDeviceCookie("Editor@Example.org");
    expect(c.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    const id = device.trustedDevice(c.value, "editor@example.org");
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(c.value).not.toContain("editor");
    expect(device.trustedDevice(c.value, "someone.else@example.org")).toBeNull();
  });

  it("are refused when altered, malformed or too old", () => {
    const now = new Date("2026-11-21T10:00:00Z");
    const c = device.issueDeviceCookie("e@example.org", now);
    const [id, issued, tag, mac] = c.value.split(".") as [string, string, string, string];
    const flip = (s: string) => s.replace(/^./, (ch) => (ch === "A" ? "B" : "A"));
    expect(device.trustedDevice(`${id}.${Number(issued) + 1}.${tag}.${mac}`, "e@example.org", now)).toBeNull();
    expect(device.trustedDevice(`${flip(id)}.${issued}.${tag}.${mac}`, "e@example.org", now)).toBeNull();
    expect(device.trustedDevice(`${id}.${issued}.${flip(tag)}.${mac}`, "e@example.org", now)).toBeNull();
    expect(device.trustedDevice(`${id}.${issued}.${tag}.${flip(mac)}`, "e@example.org", now)).toBeNull();
    for (const bad of ["", "x", "a.b.c.d", `${c.value}.extra`]) expect(device.trustedDevice(bad, "e@example.org", now)).toBeNull();
    const later = new Date(now.getTime() + (device.DEVICE_COOKIE_MAX_AGE_DAYS + 1) * 86_400_000);
    expect(device.trustedDevice(c.value, "e@example.org", later)).toBeNull();
    expect(device.trustedDevice(c.value, "e@example.org", new Date(now.getTime() + 86_400_000))).toBe(id);
  });

  it("are read from a Cookie header by exact name", () => {
    expect(device.cookieValue("a=1; ctm-device=v.1.m; ctm-device-x=2", "ctm-device")).toBe("v.1.m");
    expect(device.cookieValue(null, "ctm-device")).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { relativeRedirect } from "@/lib/auth/redirect";

const own = ["http://localhost:3224", "https://portal.example"];
const redirect = (location: string) => new Response(null, { status: 302, headers: { location, "set-cookie": "a=1; Path=/" } });

describe("relativeRedirect", () => {
  it.each([
    ["http://localhost:3224/admin", "/admin"],
    [
      "http://localhost:3224/admin/sign-in?error=CredentialsSignin&code=credentials",
      "/admin/sign-in?error=CredentialsSignin&code=credentials",
    ],
    ["https://portal.example/admin/rounds", "/admin/rounds"],
    ["/admin/sign-in?callbackUrl=%2Fadmin", "/admin/sign-in?callbackUrl=%2Fadmin"],
    ["https://elsewhere.example/admin", "/admin/sign-in"],
    ["//elsewhere.example/x", "/admin/sign-in"],
    ["javascript:alert(1)", "/admin/sign-in"],
  ])("%s → %s", (location, expected) => {
    const res = relativeRedirect(redirect(location), own);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(expected);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/"]);
  });

  it("leaves answers without a Location alone", () => {
    const res = new Response("{}", { headers: { "content-type": "application/json" } });
    expect(relativeRedirect(res, own)).toBe(res);
  });
});

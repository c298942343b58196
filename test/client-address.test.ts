import { describe, expect, it } from "vitest";
import { clientAddressFrom, normaliseAddress, parseTrustProxyHops } from "@/lib/client-address.mjs";

describe("the client's address", () => {
  it("is the socket's by default: X-Forwarded-For from the client is ignored", () => {
    expect(clientAddressFrom("203.0.113.7", "127.0.0.21", 0)).toBe("127.0.0.21");
    expect(clientAddressFrom(undefined, "::ffff:192.0.2.4", 0)).toBe("192.0.2.4");
    expect(clientAddressFrom("203.0.113.7, 198.51.100.1", "2001:DB8::1", 0)).toBe("2001:db8::1");
  });

  it("with N trusted proxies, is the Nth entry from the right, as appending proxies leave it", () => {
    // Behind Varnish: the client sent a forged header, Varnish appended what it saw.
    expect(clientAddressFrom("6.6.6.6, 198.51.100.23", "127.0.0.1", 1)).toBe("198.51.100.23");
    // A CDN in front of Varnish: two hops.
    expect(clientAddressFrom("6.6.6.6, 198.51.100.23, 203.0.113.50", "127.0.0.1", 2)).toBe("198.51.100.23");
    // Repeated headers are one list.
    expect(clientAddressFrom(["6.6.6.6", "198.51.100.23"], "127.0.0.1", 1)).toBe("198.51.100.23");
    // No header at all (a health check straight to the app): the socket.
    expect(clientAddressFrom(undefined, "127.0.0.1", 1)).toBe("127.0.0.1");
  });

  it("is 'unknown' for anything that is not an IP address", () => {
    expect(clientAddressFrom("not-an-ip, <script>", "127.0.0.1", 2)).toBe("unknown");
    expect(normaliseAddress("x".repeat(100))).toBe("unknown");
    expect(normaliseAddress(undefined)).toBe("unknown");
    expect(normaliseAddress("[2001:db8::2]:443")).toBe("2001:db8::2");
    expect(normaliseAddress("192.0.2.9:8080")).toBe("192.0.2.9");
  });

  it("TRUST_PROXY_HOPS must be a small whole number", () => {
    expect(parseTrustProxyHops(undefined)).toBe(0);
    expect(parseTrustProxyHops("")).toBe(0);
    expect(parseTrustProxyHops("1")).toBe(1);
    for (const bad of ["-1", "1.5", "true", "99", " 1"]) expect(() => parseTrustProxyHops(bad), bad).toThrow(/TRUST_PROXY_HOPS/);
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { notFound } from "next/navigation";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { apiHandler } from "@/lib/api/handler";
import { Problem } from "@/lib/api/schemas";

const LogLine = z.object({
  level: z.literal("error"),
  id: z.string(),
  method: z.string(),
  path: z.string(),
  route: z.string(),
  routeType: z.string(),
  proxyRequestId: z.string().optional(),
  error: z.object({ message: z.string() }),
});

afterEach(() => vi.restoreAllMocks());

describe("the /api/v1 handler wrapper", () => {
  it("answers a handler's crash as problem details with a reference, and logs one JSON line under that reference", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const GET = apiHandler("/api/v1/things", async () => {
      throw new Error("no such table: agreements");
    });
    const res = await GET(new NextRequest("http://127.0.0.1/api/v1/things?x=1", { headers: { "x-request-id": "proxy-7" } }), undefined);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = Problem.parse(await res.json());
    expect(body).toMatchObject({ status: 500, title: "The server could not answer" });
    expect(body.type).toMatch(/\/data\/api#server-error$/);
    expect(body.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.detail).toContain(body.reference);
    // Nothing of the cause reaches the client.
    expect(JSON.stringify(body)).not.toContain("agreements");

    expect(log).toHaveBeenCalledTimes(1);
    const line = LogLine.parse(JSON.parse(String(log.mock.calls[0]?.[0])));
    expect(line).toMatchObject({
      id: body.reference,
      method: "GET",
      path: "/api/v1/things?x=1",
      route: "/api/v1/things",
      routeType: "route",
      proxyRequestId: "proxy-7",
    });
    expect(line.error.message).toBe("no such table: agreements");
  });

  it("uses the digest of an error a cached loader threw as the reference, so it leads to Next's own report of the cause", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // What a 'use cache' loader's failure looks like to the handler in production: a stand-in with Next's digest.
    const redacted = Object.assign(new Error("An error occurred in the Server Components render."), { digest: "1436280268" });
    const GET = apiHandler("/api/v1/things", async () => {
      throw redacted;
    });
    const res = await GET(new NextRequest("http://127.0.0.1/api/v1/things"), undefined);
    expect(res.status).toBe(500);
    const body = Problem.parse(await res.json());
    expect(body.reference).toBe("1436280268");
    expect(LogLine.parse(JSON.parse(String(log.mock.calls[0]?.[0]))).id).toBe("1436280268");
  });

  it("passes answers through, and lets Next's own control-flow errors through untouched", async () => {
    const ok = apiHandler("/api/v1/ok", async (_req: NextRequest, ctx: { params: Promise<{ slug: string }> }) =>
      Response.json({ slug: (await ctx.params).slug }),
    );
    const res = await ok(new NextRequest("http://127.0.0.1/api/v1/ok"), { params: Promise.resolve({ slug: "ckfta" }) });
    expect(await res.json()).toEqual({ slug: "ckfta" });

    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const missing = apiHandler("/api/v1/missing", async () => notFound());
    await expect(missing(new NextRequest("http://127.0.0.1/api/v1/missing"), undefined)).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/),
    });
    expect(log).not.toHaveBeenCalled();
  });

  it("wraps every /api/v1 handler", () => {
    const root = join(__dirname, "..", "app", "api", "v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts") routes.push(full);
      }
    };
    walk(root);
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const file of routes) {
      const src = readFileSync(file, "utf8");
      const where = relative(root, file);
      // Every exported method goes through the wrapper, named after the route's own folder.
      expect(src, where).not.toMatch(/export (async )?function (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/);
      const route = `/api/v1/${relative(root, join(file, "..")).split("\\").join("/")}`;
      // However the formatter breaks the line after the parenthesis.
      expect(src.replace(/\(\s+/g, "("), where).toContain(`export const GET = apiHandler("${route}",`);
    }
  });
});

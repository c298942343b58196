import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_ENDPOINTS, type ApiEndpoint } from "@/lib/api/endpoints";
import { badRequest, notFound } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { Problem } from "@/lib/api/schemas";
import { parseFiguresRequest } from "@/lib/explorer/figuresApi";
import type { ExplorerContext } from "@/lib/explorer/params";
import { defaultOf, isRequired, paramNames, readQuery } from "@/lib/validation/query-string";

const ctx: ExplorerContext = { partnerCodes: new Set(["KOR", "JPN", "CHN", "WLD"]), minYear: 1960, maxYear: 2020 };

type ApiDocument = Exclude<Parameters<typeof validate>[0], string>;
const ApiDocument = z.custom<ApiDocument>((v) => typeof v === "object" && v !== null && "openapi" in v, "not an OpenAPI document");

/** The parts of the generated document these tests read. */
const Parameter = z.object({
  name: z.string(),
  in: z.enum(["query", "path"]),
  required: z.boolean(),
  schema: z.looseObject({ default: z.unknown().optional(), examples: z.array(z.unknown()).optional() }),
});
const Doc = z.object({
  paths: z.record(
    z.string(),
    z.object({ get: z.object({ operationId: z.string(), parameters: z.array(Parameter), responses: z.record(z.string(), z.unknown()) }) }),
  ),
});

const document = openApiDocument(ctx);
const doc = Doc.parse(document);
const endpoints: [string, ApiEndpoint][] = Object.entries(API_ENDPOINTS);

describe("the OpenAPI document of /api/v1", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(ApiDocument.parse(structuredClone(document)));
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.specification).toBe("OpenAPI");
    expect(result.warnings).toEqual([]);
  });

  it("describes every endpoint, and nothing else", () => {
    expect(Object.keys(doc.paths).sort()).toEqual(endpoints.map(([, e]) => e.path).sort());
  });

  it("lists exactly the parameters each handler's contract accepts, with their defaults and whether required", () => {
    for (const [key, endpoint] of endpoints) {
      const listed = doc.paths[endpoint.path]?.get.parameters ?? [];
      const contract = endpoint.query(ctx);
      const pathNames = Object.keys(endpoint.pathParams?.shape ?? {});
      expect(
        listed.filter((p) => p.in === "path").map((p) => p.name),
        key,
      ).toEqual(pathNames);
      expect(
        listed.filter((p) => p.in === "query").map((p) => p.name),
        key,
      ).toEqual(paramNames(contract));
      for (const p of listed.filter((x) => x.in === "query")) {
        expect(p.required, `${key} ${p.name}`).toBe(isRequired(contract, p.name));
        expect(p.schema.default, `${key} ${p.name}`).toEqual(defaultOf(contract, p.name));
      }
    }
    // The figures endpoint really has parameters: the comparison above is not between two empty lists.
    expect(paramNames(API_ENDPOINTS.figures.query(ctx))).toEqual(["partner", "flow", "from", "to", "side", "format"]);
  });

  it("documents no parameter the figures handler refuses, and the handler refuses every name it does not document", () => {
    const listed = doc.paths["/api/v1/figures"]?.get.parameters ?? [];
    for (const p of listed) {
      const example = p.schema.examples?.[0];
      expect(example, p.name).toBeDefined();
      const qs = new URLSearchParams({ partner: "KOR" });
      qs.set(p.name, Array.isArray(example) ? example.join(",") : String(example));
      const parsed = parseFiguresRequest(qs, ctx);
      expect(parsed.ok && parsed, `${p.name}=${qs.get(p.name)}`).toBeTruthy();
    }
    const undocumented = parseFiguresRequest(new URLSearchParams("partner=KOR&limit=10"), ctx);
    expect(!undocumented.ok && undocumented.issues.map((i) => i.parameter)).toEqual(["limit"]);
  });

  it("gives every operation a problem+json answer for a bad parameter, and a 404 where a path names a record", () => {
    for (const [key, endpoint] of endpoints) {
      const responses = doc.paths[endpoint.path]?.get.responses ?? {};
      expect(responses["400"], key).toEqual({ $ref: "#/components/responses/BadParameter" });
      expect(responses["404"] !== undefined, key).toBe(endpoint.pathParams !== undefined);
    }
  });

  it("takes the partner codes and years from the database it describes", () => {
    const wider = Doc.parse(openApiDocument({ ...ctx, minYear: 1990, maxYear: 2024 }));
    const from = wider.paths["/api/v1/figures"]?.get.parameters.find((p) => p.name === "from");
    expect(from?.schema.default).toBe("1990");
  });
});

describe("errors as problem details (RFC 9457)", () => {
  it("names every bad parameter, the first in `parameter`, and is never cached", async () => {
    const read = readQuery(new URLSearchParams("page=2&q=x"), API_ENDPOINTS.agreements.query(), "reject");
    expect(read.ok).toBe(false);
    const res = badRequest(read.ok ? [] : read.issues);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = Problem.parse(await res.json());
    expect(body).toMatchObject({ status: 400, title: "A query parameter is not valid", parameter: "page" });
    expect(body.type).toMatch(/\/data\/api#bad-parameter$/);
    expect(body.detail).toContain("page");
    expect(body.errors?.map((e) => e.parameter)).toEqual(["page", "q"]);
  });

  it("says what was not found", async () => {
    const res = notFound('no agreement with slug "nope"');
    expect(res.status).toBe(404);
    const body = Problem.parse(await res.json());
    expect(body).toMatchObject({ status: 404, title: "Not found", detail: 'no agreement with slug "nope"' });
    expect(body.type).toMatch(/\/data\/api#not-found$/);
  });
});

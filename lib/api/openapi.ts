import { z } from "zod";
import type { ExplorerContext } from "@/lib/explorer/params";
import { SITE } from "@/lib/site";
import { defaultOf, isRequired, paramNames } from "@/lib/validation/query-string";
import { API_ENDPOINTS, type ApiEndpoint } from "./endpoints";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http-cache.mjs";
import { PROBLEM_TYPES, problemTypeUri } from "./http";
import { AgreementsAnswer, FigureRow, FiguresAnswer, PartnersAnswer, Problem, RoundsAnswer } from "./schemas";

/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. Nothing in it is written
 * by hand twice: parameters come from the contracts the handlers read requests with (names,
 * types, defaults, whether required, descriptions), answers and errors from the zod schemas the
 * tests check real answers against, so the document cannot promise what the handlers do not do.
 * Some parameters depend on the data (partner codes, years), hence `ctx`.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SAFE = Number.MAX_SAFE_INTEGER;

/** zod's JSON Schema, made fit to sit inside an OpenAPI document: no `$schema` or `$id` per schema, no safe-integer bounds on every integer. */
function tidy(value: unknown): Json {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(tidy);
  if (typeof value !== "object") return null;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "$schema" || k === "$id") continue;
    if ((k === "minimum" && v === -SAFE) || (k === "maximum" && v === SAFE)) continue;
    if (v !== undefined) out[k] = tidy(v);
  }
  return out;
}

/** A JSON object from a value that must be one (the output of toJSONSchema). */
function objectOf(value: unknown): { [key: string]: Json } {
  const json = tidy(value);
  return json !== null && typeof json === "object" && !Array.isArray(json) ? json : {};
}

const COMPONENTS = { Problem, FigureRow, FiguresAnswer, PartnersAnswer, AgreementsAnswer, RoundsAnswer };

function componentSchemas(): { [key: string]: Json } {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  return objectOf(z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }).schemas);
}

/** A $ref to a component schema when the answer is one, else the schema inline. */
function schemaRef(schema: z.ZodType): Json {
  const id = Object.entries(COMPONENTS).find(([, s]) => s === schema)?.[0];
  return id ? { $ref: `#/components/schemas/${id}` } : objectOf(z.toJSONSchema(schema));
}

/** One OpenAPI parameter object per schema key, in the schema's order. */
function parameters(endpoint: ApiEndpoint, ctx: ExplorerContext): Json[] {
  const out: Json[] = [];
  const pathShape = endpoint.pathParams?.shape ?? {};
  for (const [name, field] of Object.entries(pathShape)) {
    const { description, ...schema } = objectOf(z.toJSONSchema(field, { io: "input" }));
    out.push({ name, in: "path", required: true, ...(typeof description === "string" ? { description } : {}), schema });
  }
  const contract = endpoint.query(ctx);
  const repeatable = new Set<string>(contract.repeatable ?? []);
  for (const name of paramNames(contract)) {
    const field = contract.schema.shape[name];
    if (!field) continue;
    const { description, ...schema } = objectOf(z.toJSONSchema(field, { io: "input" }));
    // zod leaves a transformed field's examples out of its input schema; they are written as sent.
    const examples = field.meta()?.examples;
    if (Array.isArray(examples) && schema.examples === undefined) schema.examples = tidy(examples);
    const fallback = defaultOf(contract, name);
    out.push({
      name,
      in: "query",
      required: isRequired(contract, name),
      ...(typeof description === "string" ? { description } : {}),
      // A list travels comma-separated (partner=KOR,JPN); the name may also be repeated.
      ...(repeatable.has(name) ? { style: "form", explode: false } : {}),
      schema: { ...schema, ...(fallback === undefined ? {} : { default: typeof fallback === "string" ? fallback : [...fallback] }) },
    });
  }
  return out;
}

function operation(endpoint: ApiEndpoint, ctx: ExplorerContext): Json {
  const content: { [key: string]: Json } = { "application/json": { schema: schemaRef(endpoint.answer) } };
  for (const type of Object.keys(endpoint.alsoAs ?? {})) content[type] = { schema: { type: "string" } };
  const also = Object.values(endpoint.alsoAs ?? {});
  return {
    get: {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: endpoint.description,
      parameters: parameters(endpoint, ctx),
      responses: {
        "200": {
          description: [endpoint.summary, ...also].join(". "),
          headers: { "Cache-Control": { $ref: "#/components/headers/CacheControl" } },
          content,
        },
        "400": { $ref: "#/components/responses/BadParameter" },
        ...(endpoint.notFound ? { "404": { $ref: "#/components/responses/NotFound" } } : {}),
        "500": { $ref: "#/components/responses/ServerError" },
      },
    },
  };
}

export function openApiDocument(ctx: ExplorerContext): { [key: string]: Json } {
  const paths: { [key: string]: Json } = {};
  for (const endpoint of Object.values(API_ENDPOINTS)) paths[endpoint.path] = operation(endpoint, ctx);
  const problem = (title: string, anchor: string): Json => ({
    description: `${title}. The problem's type is ${problemTypeUri(anchor)}.`,
    headers: { "Cache-Control": { description: "Errors are not cached.", schema: { type: "string", const: "no-store" } } },
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  });
  return {
    openapi: "3.1.1",
    info: {
      title: `${SITE.name} open data API`,
      version: "1",
      summary: "Cambodia's trade figures, agreements and negotiating rounds, as JSON or CSV.",
      description:
        "The numbers the site shows, read from its database when asked. No key, no sign-up; every answer allows cross-origin reads. Please cite the original source of each value (every row names it) and link back. Guide with examples: /data/api.",
    },
    servers: [{ url: SITE.url }],
    externalDocs: { description: "The API's guide, with live examples", url: `${SITE.url}/data/api` },
    paths,
    components: {
      schemas: componentSchemas(),
      responses: {
        BadParameter: problem(PROBLEM_TYPES.badParameter.title, PROBLEM_TYPES.badParameter.anchor),
        NotFound: problem(PROBLEM_TYPES.notFound.title, PROBLEM_TYPES.notFound.anchor),
        ServerError: problem(PROBLEM_TYPES.serverError.title, PROBLEM_TYPES.serverError.anchor),
      },
      headers: {
        CacheControl: {
          description:
            "A shared cache may keep an answer for 5 seconds and serve it stale for 10 more while it fetches a fresh one; browsers ask again each time.",
          schema: { type: "string", examples: [PUBLIC_CACHE_CONTROL] },
        },
      },
    },
  };
}

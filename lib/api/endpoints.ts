import type { z } from "zod";
import { figuresQuery } from "@/lib/explorer/figuresApi";
import type { ExplorerContext } from "@/lib/explorer/params";
import { NO_PARAMS, type QueryContract } from "@/lib/validation/query-string";
import { AgreementsAnswer, FiguresAnswer, OpenApiAnswer, PartnersAnswer, RoundsAnswer, RoundsPath } from "./schemas";

/**
 * Every /api/v1 endpoint: its parameters (the contract its handler reads requests with), its
 * answer and its errors. The handlers take their contract from here and the OpenAPI document is
 * generated from this list (lib/api/openapi.ts): to add a parameter, add it to the endpoint's
 * schema, and the handler accepts it and the document lists it.
 */
export type ApiEndpoint = {
  path: string;
  operationId: string;
  summary: string;
  description: string;
  /** The query parameters; some depend on what the database holds (partner codes, years). */
  query: (ctx: ExplorerContext) => QueryContract;
  pathParams?: z.ZodObject;
  answer: z.ZodType;
  /** Other representations of a successful answer, by media type. */
  alsoAs?: Record<string, string>;
  notFound?: boolean;
};

export const API_ENDPOINTS = {
  figures: {
    path: "/api/v1/figures",
    operationId: "getFigures",
    summary: "Trade figures",
    description:
      "Annual values for the partners, flow, years and reporting side asked for, one row per partner, year and side: exactly the rows of the data explorer for the same parameters. Where several sources hold a value for the same year and side, the one given is the value editors marked as preferred, else official statistics before news reports.",
    query: figuresQuery,
    answer: FiguresAnswer,
    alsoAs: { "text/csv": "format=csv: the rows alone, the same columns in the same order, as a file with a name." },
  },
  partners: {
    path: "/api/v1/partners",
    operationId: "getPartners",
    summary: "Partner economies",
    description: "The partner codes /api/v1/figures accepts, and the years it covers.",
    query: () => NO_PARAMS,
    answer: PartnersAnswer,
  },
  agreements: {
    path: "/api/v1/agreements",
    operationId: "getAgreements",
    summary: "Trade agreements",
    description:
      "Every agreement followed here, with its parties (and the date it took force for each, where known), dated milestones with their sources, and the number of negotiating rounds.",
    query: () => NO_PARAMS,
    answer: AgreementsAnswer,
  },
  rounds: {
    path: "/api/v1/agreements/{slug}/rounds",
    operationId: "getRounds",
    summary: "Negotiating rounds of an agreement",
    description:
      "One agreement's rounds in order: number, the dates used here, format, host, topics, a Markdown summary, and each report on the round with the dates it gave and whether it is the one followed.",
    query: () => NO_PARAMS,
    pathParams: RoundsPath,
    answer: RoundsAnswer,
    notFound: true,
  },
  openapi: {
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    description: "The OpenAPI 3.1 description of this API, generated from the schemas the handlers use.",
    query: () => NO_PARAMS,
    answer: OpenApiAnswer,
  },
} satisfies Record<string, ApiEndpoint>;

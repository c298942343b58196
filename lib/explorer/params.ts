import { z } from "zod";
import { echo, readQuery, type ParamIssue, type RawParam } from "@/lib/validation/query-string";

/**
 * The data explorer's selection, as it travels in a URL. One parser serves the /data page, the
 * embeds, the chart download and /api/v1/figures, so a link means the same thing everywhere.
 */
export const EXPLORER_FLOWS = ["exports", "imports", "total", "balance"] as const;
export const EXPLORER_SIDES = ["cambodia", "partner", "both"] as const;
export const EXPLORER_PARAMS = ["partner", "flow", "from", "to", "side"] as const;
export const MAX_PARTNERS = 6;

export type ExplorerFlow = (typeof EXPLORER_FLOWS)[number];
export type ExplorerSide = (typeof EXPLORER_SIDES)[number];
export type ExplorerQuery = { partners: string[]; flow: ExplorerFlow; from: number; to: number; side: ExplorerSide };

/** What the database allows: known partner codes and the years that have annual figures. */
export type ExplorerContext = { partnerCodes: ReadonlySet<string>; minYear: number; maxYear: number };

export type { ParamIssue } from "@/lib/validation/query-string";
export { groupParams } from "@/lib/validation/query-string";

export type ParseResult = { ok: true; query: ExplorerQuery; unknown: string[] } | { ok: false; issues: ParamIssue[]; unknown: string[] };

export type ParseOptions = {
  /** Used when a parameter is absent. A parameter without a default is required. */
  defaults: Partial<ExplorerQuery>;
  /** "reject": an unknown parameter name is an issue. "report": it is returned in `unknown` for the caller to show. */
  unknownNames: "reject" | "report";
};

const list = (values: readonly string[]) => values.join(", ");

/**
 * The explorer's parameters as they arrive in a query string, checked against what the database
 * holds. The descriptions are the documentation: /data/api and the OpenAPI document print them.
 */
export function explorerParamsSchema(ctx: ExplorerContext) {
  const year = (name: "from" | "to", description: string, example: number) =>
    z
      .string()
      .regex(/^\d{4}$/, `${name} must be a year written with four digits, such as ${ctx.maxYear}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(ctx.minYear, `${name} must be between ${ctx.minYear} and ${ctx.maxYear}`)
          .max(ctx.maxYear, `${name} must be between ${ctx.minYear} and ${ctx.maxYear}`),
      )
      .meta({ description, examples: [String(example)] });
  const partner = z
    .array(z.string())
    .transform((values) => values.flatMap((v) => v.split(",")).map((v) => v.trim().toUpperCase()))
    .superRefine((codes, issue) => {
      if (codes.some((c) => c === "")) {
        issue.addIssue({ code: "custom", message: "partner has an empty value; give ISO alpha-3 codes such as KOR or KOR,JPN" });
        return;
      }
      const unknown = codes.filter((c) => !ctx.partnerCodes.has(c));
      if (unknown.length > 0) {
        issue.addIssue({
          code: "custom",
          message: `unknown partner ${unknown.map(echo).join(", ")}; use ISO alpha-3 codes of economies with stored figures, listed at /api/v1/partners`,
        });
      }
      if (new Set(codes).size > MAX_PARTNERS) {
        issue.addIssue({ code: "custom", message: `partner lists more than ${MAX_PARTNERS} economies; choose at most ${MAX_PARTNERS}` });
      }
    })
    .transform((codes) => [...new Set(codes)])
    .meta({
      description: `Partner economies as ISO 3166 alpha-3 codes, up to ${MAX_PARTNERS}: comma-separated (KOR,JPN) or the parameter repeated. ${ctx.partnerCodes.size} economies have figures; /api/v1/partners lists them.`,
      examples: [["KOR"], ["KOR", "JPN"]],
    });
  return z.object({
    partner,
    flow: z.enum(EXPLORER_FLOWS, { error: `flow must be one of ${list(EXPLORER_FLOWS)}` }).meta({
      description: "The flow, from Cambodia's side: its exports, its imports, their total, or its balance (exports less imports).",
      examples: ["exports"],
    }),
    from: year(
      "from",
      `The first year, written with four digits, from ${ctx.minYear} to ${ctx.maxYear}, and not after the last year.`,
      ctx.minYear,
    ),
    to: year("to", `The last year, written with four digits, from ${ctx.minYear} to ${ctx.maxYear}.`, ctx.maxYear),
    side: z.enum(EXPLORER_SIDES, { error: `side must be one of ${list(EXPLORER_SIDES)}` }).meta({
      description: "Whose records: Cambodia's (cambodia), the partner's (partner), or both, one row for each.",
      examples: ["cambodia"],
    }),
  });
}

/** A selection's defaults as the raw strings a query string would carry. */
export function rawDefaults(d: Partial<ExplorerQuery>): Partial<Record<(typeof EXPLORER_PARAMS)[number], RawParam>> {
  return {
    ...(d.partners && d.partners.length > 0 ? { partner: d.partners } : {}),
    ...(d.flow ? { flow: d.flow } : {}),
    ...(d.from !== undefined ? { from: String(d.from) } : {}),
    ...(d.to !== undefined ? { to: String(d.to) } : {}),
    ...(d.side ? { side: d.side } : {}),
  };
}

/** The parsed fields as a selection, once they are checked against each other. */
export function selectionOf(p: {
  partner: string[];
  flow: ExplorerFlow;
  from: number;
  to: number;
  side: ExplorerSide;
}): { ok: true; query: ExplorerQuery } | { ok: false; issue: ParamIssue } {
  if (p.from > p.to) return { ok: false, issue: { parameter: "from", message: `from (${p.from}) is after to (${p.to})` } };
  return { ok: true, query: { partners: p.partner, flow: p.flow, from: p.from, to: p.to, side: p.side } };
}

export function parseExplorerParams(params: URLSearchParams, ctx: ExplorerContext, opts: ParseOptions): ParseResult {
  const read = readQuery(
    params,
    { schema: explorerParamsSchema(ctx), defaults: rawDefaults(opts.defaults), repeatable: ["partner"] },
    opts.unknownNames,
  );
  if (!read.ok) return read;
  const selection = selectionOf(read.data);
  return selection.ok
    ? { ok: true, query: selection.query, unknown: read.unknown }
    : { ok: false, issues: [selection.issue], unknown: read.unknown };
}

/** Next.js hands pages their search params as an object; this turns it back into URLSearchParams. */
export function toUrlSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, v);
  }
  return params;
}

/**
 * The canonical query string of a selection. Codes, flows and years need no escaping, so commas
 * stay readable in shared links: partner=KOR,JPN&flow=total&from=2000&to=2020&side=both.
 */
export function explorerSearch(q: ExplorerQuery, extra: Record<string, string> = {}): string {
  const pairs: [string, string][] = [
    ["partner", q.partners.join(",")],
    ["flow", q.flow],
    ["from", String(q.from)],
    ["to", String(q.to)],
    ["side", q.side],
    ...Object.entries(extra),
  ];
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2C/g, ",")}`).join("&");
}

export const SIDE_NAMES: Record<ExplorerSide, string> = {
  cambodia: "Cambodia's records",
  partner: "partners' records",
  both: "Cambodia's and partners' records",
};

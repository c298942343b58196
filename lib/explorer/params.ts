import { z } from "zod";

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

export type ParamIssue = { parameter: string; message: string };

export type ParseResult =
  | { ok: true; query: ExplorerQuery; unknown: string[]; extra: Record<string, string> }
  | { ok: false; issues: ParamIssue[]; unknown: string[] };

export type ParseOptions = {
  /** Used when a parameter is absent. A parameter without a default is required. */
  defaults: Partial<ExplorerQuery>;
  /** Further single-valued names the caller handles itself (the API's `format`); returned in `extra`. */
  extra?: readonly string[];
  /** "reject": an unknown parameter name is an issue. "report": it is returned in `unknown` for the caller to show. */
  unknownNames: "reject" | "report";
};

const ECHO_MAX = 24;
/** Echoes a bad value back in a message, shortened so an error never repeats a huge input. */
export function echo(value: string): string {
  const short = value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value;
  return JSON.stringify(short);
}

const list = (values: readonly string[]) => values.join(", ");

function schemaFor(ctx: ExplorerContext) {
  const year = (name: "from" | "to") =>
    z
      .string()
      .regex(/^\d{4}$/, `${name} must be a year written with four digits, such as ${ctx.maxYear}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(ctx.minYear, `${name} must be between ${ctx.minYear} and ${ctx.maxYear}`)
          .max(ctx.maxYear, `${name} must be between ${ctx.minYear} and ${ctx.maxYear}`),
      );
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
    .transform((codes) => [...new Set(codes)]);
  return z.object({
    partner,
    flow: z.enum(EXPLORER_FLOWS, { error: `flow must be one of ${list(EXPLORER_FLOWS)}` }),
    from: year("from"),
    to: year("to"),
    side: z.enum(EXPLORER_SIDES, { error: `side must be one of ${list(EXPLORER_SIDES)}` }),
  });
}

/** Groups repeated names, so `partner=KOR&partner=JPN` (a plain form) and `partner=KOR,JPN` (a link) both work. */
export function groupParams(params: URLSearchParams): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of params) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return grouped;
}

/** Next.js hands pages their search params as an object; this turns it back into URLSearchParams. */
export function toUrlSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, v);
  }
  return params;
}

export function parseExplorerParams(params: URLSearchParams, ctx: ExplorerContext, opts: ParseOptions): ParseResult {
  const grouped = groupParams(params);
  const known = new Set<string>([...EXPLORER_PARAMS, ...(opts.extra ?? [])]);
  const unknown = [...grouped.keys()].filter((name) => !known.has(name));
  const issues: ParamIssue[] = [];
  if (opts.unknownNames === "reject") {
    for (const name of unknown) {
      issues.push({ parameter: name, message: `unknown parameter ${echo(name)}; the parameters are ${list([...known])}` });
    }
  }

  const raw: Record<string, unknown> = {};
  for (const name of EXPLORER_PARAMS) {
    const values = grouped.get(name);
    if (values === undefined) {
      const fallback = defaultFor(name, opts.defaults);
      if (fallback === undefined) issues.push({ parameter: name, message: `${name} is required` });
      else raw[name] = fallback;
    } else if (name === "partner") {
      raw[name] = values;
    } else if (values.length > 1) {
      issues.push({ parameter: name, message: `${name} is given ${values.length} times; give it once` });
    } else {
      raw[name] = values[0];
    }
  }
  const extra: Record<string, string> = {};
  for (const name of opts.extra ?? []) {
    const values = grouped.get(name);
    if (values && values.length > 1) issues.push({ parameter: name, message: `${name} is given ${values.length} times; give it once` });
    else if (values?.[0] !== undefined) extra[name] = values[0];
  }

  const failed = new Set(issues.map((i) => i.parameter));
  const parsed = schemaFor(ctx).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const parameter = String(issue.path[0] ?? "query");
      // A missing or repeated parameter was already reported; zod would only add "expected string".
      if (!failed.has(parameter)) issues.push({ parameter, message: issue.message });
    }
  }
  // Checked after the fields parse: zod would run an object refinement on unparsed values too.
  if (parsed.success && parsed.data.from > parsed.data.to) {
    issues.push({ parameter: "from", message: `from (${parsed.data.from}) is after to (${parsed.data.to})` });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues, unknown };
  const q = parsed.data;
  return { ok: true, query: { partners: q.partner, flow: q.flow, from: q.from, to: q.to, side: q.side }, unknown, extra };
}

function defaultFor(name: (typeof EXPLORER_PARAMS)[number], d: Partial<ExplorerQuery>): string | string[] | undefined {
  switch (name) {
    case "partner":
      return d.partners && d.partners.length > 0 ? d.partners : undefined;
    case "from":
    case "to":
      return d[name] === undefined ? undefined : String(d[name]);
    default:
      return d[name];
  }
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

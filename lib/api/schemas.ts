import { z } from "zod";
import { AGREEMENT_STATUSES, CONFIDENCES, DATE_PRECISIONS, ROUND_FORMATS } from "@/db/schema";
import { EXPLORER_FLOWS, EXPLORER_SIDES } from "@/lib/explorer/params";

/**
 * What /api/v1 answers, as zod schemas: the OpenAPI document publishes them (lib/api/openapi.ts)
 * and the end-to-end tests parse every real answer with them, so a field the handlers add or drop
 * without changing these fails a test. Objects are strict: the document lists every field sent.
 */

const date = z.iso.date();
const url = z.url();
const count = z.int().min(0);

export const Problem = z
  .strictObject({
    type: url.meta({ description: "Identifies the kind of problem; opens its explanation on /data/api." }),
    title: z.string().meta({ description: "The kind of problem, in words; the same for every problem of this type." }),
    status: z.int().meta({ description: "The HTTP status code." }),
    detail: z.string().meta({ description: "What is wrong with this request, naming the parameter where there is one." }),
    parameter: z.string().optional().meta({ description: "For a bad parameter: the name of the first one." }),
    errors: z
      .array(z.strictObject({ parameter: z.string(), detail: z.string() }))
      .optional()
      .meta({ description: "For bad parameters: every problem found, each with the parameter it concerns." }),
    reference: z
      .string()
      .optional()
      .meta({ description: "For a server error: the reference of this error in the server's log; quote it when you report the problem." }),
  })
  .meta({ description: "An error, as RFC 9457 problem details (application/problem+json)." });
export type Problem = z.infer<typeof Problem>;

/**
 * One row of trade figures, as JSON and as CSV (lib/explorer/serialize.ts computes each field):
 * the one list of the fields, their order and what each means, which the OpenAPI document and the
 * field list on /data/api print.
 */
export const FigureRow = z
  .strictObject({
    figure_id: z.int().meta({ description: "The stored figure; its page lists every value stored for the same quantity." }),
    partner: z.string().meta({ description: "The partner economy, ISO 3166 alpha-3 (WLD is the world)." }),
    partner_name: z.string().meta({ description: "The partner economy's name." }),
    flow: z.enum(EXPLORER_FLOWS).meta({ description: "From Cambodia's side: exports, imports, total or balance." }),
    year: z.int().meta({ description: "The calendar year." }),
    period_start: z.string().meta({ description: "First month of the period, YYYY-MM." }),
    period_end: z.string().meta({ description: "Last month of the period, YYYY-MM." }),
    side: z.enum(["cambodia", "partner"]).meta({ description: "cambodia when Cambodia reported the value, partner when the partner did." }),
    reporter: z.string().meta({ description: "Who recorded the value (ISO alpha-3)." }),
    reported_flow: z.enum(EXPLORER_FLOWS).meta({ description: "The flow as the reporter recorded it." }),
    reported_value: z.int().meta({ description: "The value as the reporter recorded it, whole US dollars." }),
    value: z
      .int()
      .meta({ description: "Whole US dollars at current prices from Cambodia's side (a partner's surplus is Cambodia's deficit)." }),
    unit: z.literal("USD").meta({ description: "Always USD for these flows." }),
    value_usd_millions: z.number().meta({ description: "value divided by one million, the unit the explorer shows." }),
    valuation: z
      .enum(["FOB", "CIF", "FOB exports, CIF imports"])
      .meta({ description: "FOB for exports, CIF for imports, as the reporter values them; both for totals and balances." }),
    preferred: z.boolean().meta({ description: "true when editors chose this value as the one to quote for the figure." }),
    estimate: z.boolean().meta({ description: "true when the source marks the value as an estimate." }),
    derived: z.boolean().meta({
      description:
        "true when the value was computed from other stored values (totals and balances are exports and imports added or subtracted).",
    }),
    source_id: z.string().meta({ description: "The source's key in this site's links (source_url)." }),
    source_publisher: z.string().meta({ description: "Who published the source." }),
    source_url: url.meta({ description: "This site's page on the source." }),
    figure_url: url.meta({ description: "This site's page for the figure, with every value stored for it." }),
    records: z.string().nullable().meta({
      description:
        "Whose compilation the value is, when the source names it: GDCE (Cambodia's customs), KITA (Korea's), JETRO (Japan's); null otherwise (empty in CSV), as for the IMF series.",
    }),
    approximate: z.boolean().meta({ description: 'true when the source gives the value only approximately ("about US$1.8 billion", ≈).' }),
    confidence: z.enum(CONFIDENCES).meta({
      description:
        'high: official statistics or a report that states the value; medium: one secondary source only (shown as "one source").',
    }),
  })
  .meta({
    description:
      "One value: one partner, one year, one reporting side, with its source, whose records it is (records), and how firmly it is known (approximate, confidence). CSV answers carry the same columns in the same order.",
  });

/** The fields of a figure row, in order: the CSV header and the JSON keys. */
export const figureRowFields = FigureRow.keyof().options;

const SourceRef = z.strictObject({
  id: z.string(),
  publisher: z.string(),
  title: z.string(),
  published_on: date.meta({ description: "The source's date; a month or a year is given as its first day (see published_precision)." }),
  published_precision: z
    .enum(DATE_PRECISIONS)
    .meta({ description: "How much of published_on the source gives: the day, only the month, or only the year." }),
  date_inferred: z.boolean().meta({ description: "true when the date is inferred from the article, not printed on it." }),
  url: url.nullable().meta({ description: "The source's own address, where it has one." }),
  page: url.meta({ description: "This site's page on the source." }),
});

export const FiguresAnswer = z
  .strictObject({
    title: z.string(),
    series: z.string().meta({ description: "What the rows are: flow, partners, years, whose records, unit." }),
    query: z
      .strictObject({
        partner: z.array(z.string()),
        flow: z.enum(EXPLORER_FLOWS),
        from: z.int(),
        to: z.int(),
        side: z.enum(EXPLORER_SIDES),
      })
      .meta({ description: "The request as understood, defaults filled in." }),
    unit: z.literal("USD"),
    unit_note: z.string(),
    sources: z.array(SourceRef).meta({ description: "Every source a row comes from." }),
    citation: z.string().meta({ description: "A ready-made citation of this selection." }),
    link: url.meta({ description: "The same selection in the data explorer." }),
    retrieved: date,
    count,
    data: z.array(FigureRow),
  })
  .meta({ description: "Trade figures with everything needed to cite them." });

export const PartnersAnswer = z
  .strictObject({
    years: z.strictObject({ from: z.int(), to: z.int() }).meta({ description: "The years /api/v1/figures covers." }),
    count,
    data: z.array(z.strictObject({ code: z.string(), name: z.string(), region: z.string(), page: url })),
  })
  .meta({ description: "The partner codes /api/v1/figures accepts." });

export const AgreementsAnswer = z
  .strictObject({
    count,
    data: z.array(
      z.strictObject({
        slug: z.string().meta({ description: "The agreement's key in /api/v1/agreements/{slug}/rounds." }),
        name: z.string(),
        short_name: z.string(),
        coverage: z.string().nullable(),
        status: z
          .enum(AGREEMENT_STATUSES)
          .nullable()
          .meta({ description: "The furthest stage the record reaches (a later step at an earlier stage does not take it back)." }),
        parties: z.array(z.strictObject({ code: z.string(), name: z.string(), in_force_on: date.nullable() })),
        milestones: z.array(
          z.strictObject({
            status: z.enum(AGREEMENT_STATUSES),
            date,
            end_date: date.nullable(),
            precision: z.enum(["day", "month"]).meta({ description: "month: the sources give the month, not the day." }),
            description: z.string(),
            source_id: z.string(),
            source_url: url,
          }),
        ),
        rounds: count.meta({ description: "How many negotiating rounds are recorded." }),
        page: url,
        rounds_url: url,
      }),
    ),
  })
  .meta({ description: "Every agreement Cambodia is party to or negotiating." });

export const RoundsAnswer = z
  .strictObject({
    agreement: z.strictObject({ slug: z.string(), name: z.string(), page: url }),
    count,
    data: z.array(
      z.strictObject({
        number: z.int(),
        start_date: date,
        end_date: date,
        format: z.enum(ROUND_FORMATS),
        host: z.string().nullable(),
        topics: z.array(z.string()),
        summary: z.string().meta({ description: "Markdown written by editors." }),
        page: url,
        sources: z.array(
          z.strictObject({
            id: z.string(),
            publisher: z.string(),
            title: z.string(),
            published_on: date,
            reported_start_date: date.nullable().meta({ description: "The first day this source gives, where it gives one." }),
            reported_end_date: date.nullable(),
            preferred: z.boolean().meta({ description: "true for the source whose dates the round uses." }),
            note: z.string().nullable(),
            url: url.nullable(),
            page: url,
          }),
        ),
      }),
    ),
  })
  .meta({ description: "One agreement's negotiating rounds, oldest first." });

/** The path parameter of /api/v1/agreements/{slug}/rounds; the handler checks it with this schema. */
export const RoundsPath = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .meta({ description: "An agreement's slug, as /api/v1/agreements lists them.", examples: ["ckfta"] }),
});

export const OpenApiAnswer = z
  .looseObject({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: "An OpenAPI 3.1 document." });

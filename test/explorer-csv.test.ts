import { describe, expect, it } from "vitest";
import { FigureRow } from "@/lib/api/schemas";
import { csvField, toCsv } from "@/lib/explorer/csv";
import { openDataColumns, figureRecords, figuresCsv } from "@/lib/explorer/serialize";
import type { ExplorerRow } from "@/lib/explorer/rows";

const row: ExplorerRow = {
  figureId: 7,
  partner: "KOR",
  partnerName: "South Korea",
  flow: "balance",
  year: 2019,
  periodStart: "2019-01",
  periodEnd: "2019-12",
  side: "partner",
  reporter: "KOR",
  reportedFlow: "balance",
  reportedValue: 361_000_000,
  value: -361_000_000,
  unit: "USD",
  valuation: "FOB exports, CIF imports",
  preferred: false,
  estimate: true,
  derived: true,
  records: null,
  approximate: false,
  confidence: "high",
  sourceId: "imf-dots",
  sourcePublisher: "International Monetary Fund",
  sourceTitle: "Direction of Trade Statistics",
  sourceDate: "2022-01-31",
  note: null,
};

describe("csvField", () => {
  it("quotes only when it must, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
  it("writes numbers, booleans and nulls plainly; negative numbers stay numbers", () => {
    expect(csvField(-361000000)).toBe("-361000000");
    expect(csvField(212.558745)).toBe("212.558745");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(() => csvField(Number.NaN)).toThrow();
  });
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@x")).toBe("'@x");
  });
});

describe("figure CSV and JSON", () => {
  it("has a header and one CRLF-terminated line per row", () => {
    const csv = figuresCsv([row, { ...row, figureId: 8, year: 2020 }], "https://example.org");
    const lines = csv.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      openDataColumns("")
        .map((c) => c.name)
        .join(","),
    );
  });

  it("carries the value from Cambodia's side, as reported, in millions, with unit, flags and source links", () => {
    const [rec] = figureRecords([row], "https://example.org");
    expect(rec).toMatchObject({
      figure_id: 7,
      value: -361_000_000,
      reported_value: 361_000_000,
      value_usd_millions: -361,
      unit: "USD",
      preferred: false,
      estimate: true,
      derived: true,
      source_id: "imf-dots",
      source_url: "https://example.org/sources/imf-dots",
      figure_url: "https://example.org/figures/7",
    });
  });

  it("CSV and JSON carry the same fields in the same order", () => {
    const csv = figuresCsv([row], "https://x.test").split("\r\n");
    const [rec] = figureRecords([row], "https://x.test");
    expect(csv[0]?.split(",")).toEqual(Object.keys(rec ?? {}));
    expect(csv[1]).toBe(toCsv(openDataColumns("https://x.test"), [row]).split("\r\n")[1]);
  });

  it("are the API's FigureRow: its fields in its order, each value of its type", () => {
    expect(openDataColumns("").map((c) => c.name)).toEqual(Object.keys(FigureRow.shape));
    // /data/api prints each field with its description.
    for (const [name, field] of Object.entries(FigureRow.shape)) expect(field.meta()?.description, name).toBeTruthy();
    const records = figureRecords([row, { ...row, records: "GDCE", approximate: true, confidence: "medium" }], "https://x.test");
    for (const rec of records) expect(FigureRow.safeParse(rec).success).toBe(true);
    const rec = records[0];
    // The schema is strict: a field it does not list would fail the parse.
    expect(FigureRow.safeParse({ ...rec, extra: 1 }).success).toBe(false);
  });
});

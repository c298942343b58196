import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { formValues } from "@/lib/validation/common";
import { csvDigest, CsvImportSchema, encodeSeen, parseFigureCsv } from "@/lib/validation/figure-csv";
import { FigureSchema } from "@/lib/validation/figure";
import { formatMillions, parseMillions } from "@/lib/validation/money";
import { RoundSchema } from "@/lib/validation/round";
import { localToUtc, utcToLocal } from "@/lib/validation/update";

describe("parseMillions", () => {
  it.each([
    ["1033.5", 1_033_500_000],
    ["0", 0],
    ["-361", -361_000_000],
    ["0.000001", 1],
    ["886.123456", 886_123_456],
    [" 12 ", 12_000_000],
  ])("%s → %d dollars", (raw, dollars) => {
    expect(parseMillions(raw)).toEqual({ ok: true, dollars });
  });

  it.each([
    ["1,5", /dot for decimals/],
    ["1,033.5", /thousands separators/],
    ["1e400", /exponent/],
    ["NaN", /Enter a number/],
    ["Infinity", /Enter a number/],
    ["", /Enter a value/],
    ["1.1234567", /six decimals/],
    ["100000001", /larger than any trade flow/],
    ["0x10", /Enter a number/],
  ])("%s is refused", (raw, message) => {
    const r = parseMillions(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("round-trips with formatMillions", () => {
    for (const d of [0, 1, 1_033_500_000, -361_000_000, 886_123_456]) {
      const r = parseMillions(formatMillions(d));
      expect(r).toEqual({ ok: true, dollars: d });
    }
  });
});

const figure = {
  reporter: "KHM",
  partner: "KOR",
  periodStart: "2019-01",
  periodEnd: "2019-12",
  flow: "exports",
  value: "1",
  source: "imf-dots",
};

describe("FigureSchema", () => {
  it("accepts a figure and converts millions to dollars", () => {
    const r = FigureSchema.safeParse(figure);
    expect(r.success && r.data.amount).toBe(1_000_000);
    expect(r.success && r.data.unit).toBe("USD");
  });
  it.each([
    [{ value: "-5" }, "value", /Only a balance/],
    [{ value: "1e400" }, "value", /exponent/],
    [{ reporter: "KOR", partner: "JPN" }, "partner", /Cambodia/],
    [{ periodEnd: "2018-12" }, "periodEnd", /before it starts/],
    [{ periodStart: "2019-13" }, "periodStart", /month/],
    [{ flow: "partner_rank", value: "0" }, "value", /rank/],
    [{ flow: "smuggling" }, "flow", /flow/],
    [{ reporter: "K0R" }, "reporter", /three-letter/],
  ])("%o is refused on %s", (patch, field, message) => {
    const r = FigureSchema.safeParse({ ...figure, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) {
      const issue = r.error.issues.find((i) => i.path[0] === field);
      expect(issue?.message).toMatch(message);
    }
  });
  it("allows a negative balance", () => {
    expect(FigureSchema.safeParse({ ...figure, flow: "balance", value: "-361" }).success).toBe(true);
  });
});

const round = {
  agreement: "ckfta",
  number: "5",
  startDate: "2026-11-18",
  endDate: "2026-11-20",
  format: "virtual",
  topics: "goods, services,, goods",
  summary: "",
};

describe("RoundSchema", () => {
  it("parses topics into a unique list", () => {
    const r = RoundSchema.safeParse(round);
    expect(r.success && r.data.topics).toEqual(["goods", "services"]);
  });
  it.each([
    [{ startDate: "2025-02-30" }, "startDate", /does not exist/],
    [{ endDate: "2026-11-01" }, "endDate", /end before it starts/],
    [{ number: "five" }, "number", /whole number/],
    [{ number: "0" }, "number", /at least 1/],
    [{ format: "carrier pigeon" }, "format", /virtual/],
    [{ id: "3" }, "version", /Reload/],
    [{ sources: ["yonhap-2020-07-02"], preferredSource: "imf-dots" }, "preferredSource", /ticked/],
  ])("%o is refused on %s", (patch, field, message) => {
    const r = RoundSchema.safeParse({ ...round, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message).toMatch(message);
  });
});

describe("Phnom Penh time", () => {
  it("converts local input to UTC and back", () => {
    expect(localToUtc("2026-11-21T14:30")).toBe("2026-11-21T07:30:00Z");
    expect(localToUtc("2026-01-01T03:00")).toBe("2025-12-31T20:00:00Z");
    expect(utcToLocal("2026-11-21T07:30:00Z")).toBe("2026-11-21T14:30");
  });
  it("refuses impossible times", () => {
    expect(localToUtc("2025-02-30T10:00")).toBeNull();
    expect(localToUtc("2025-02-10T24:00")).toBeNull();
    expect(localToUtc("yesterday")).toBeNull();
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/admin/rounds", "/admin/rounds"],
    ["/admin?x=1#y", "/admin?x=1#y"],
    ["https://elsewhere.example", "/admin"],
    ["//elsewhere.example", "/admin"],
    ["/\\elsewhere.example", "/admin"],
    ["javascript:alert(1)", "/admin"],
    ["/admin\n", "/admin"],
    ["", "/admin"],
    [undefined, "/admin"],
  ])("%s → %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });
});

describe("formValues", () => {
  it("keeps repeated names as arrays and drops React's internal fields", () => {
    const fd = new FormData();
    fd.append("sources", "a");
    fd.append("sources", "b");
    fd.append("title", "x");
    fd.append("$ACTION_ID_123", "");
    expect(formValues(fd)).toEqual({ sources: ["a", "b"], title: "x" });
  });
});

describe("parseFigureCsv", () => {
  const header = "reporter,partner,period_start,period_end,flow,value,source,note,estimate";
  it("reads good rows", () => {
    const { rows, problems } = parseFigureCsv(
      `${header}\nKHM,KOR,2025-01,2025-12,exports,812.4,imf-dots,,\nKOR,KHM,2025-01,2025-12,exports,700,imf-dots,a note,yes\n`,
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.amount, r.estimate])).toEqual([
      [2, 812_400_000, false],
      [3, 700_000_000, true],
    ]);
  });
  it("lists every bad line", () => {
    const { problems } = parseFigureCsv(
      `${header}\nKHM,KOR,2025-01,2025-12,exports,"1,5",imf-dots,,\nKHM,KOR,2025-01,2025-12,exports,-3,imf-dots,,\nKHM,KOR,2025-13,2025-12,exports,3,imf-dots,,\n`,
    );
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });
  it("refuses duplicates and bad headers", () => {
    expect(
      parseFigureCsv(`${header}\nKHM,KOR,2025-01,2025-12,exports,1,imf-dots,,\nKHM,KOR,2025-01,2025-12,exports,2,imf-dots,,\n`).problems[0]
        ?.messages[0],
    ).toMatch(/line 2/);
    expect(parseFigureCsv("reporter,partner\nKHM,KOR\n").problems[0]?.messages[0]).toMatch(/missing column/);
    expect(parseFigureCsv('reporter,"unterminated\n').problems[0]?.messages[0]).toMatch(/not valid CSV/);
  });
});

describe("CsvImportSchema", () => {
  const header = "reporter,partner,period_start,period_end,flow,value,source,note,estimate";
  const csv = `${header}\nKHM,KOR,2025-01,2025-12,exports,812.4,imf-dots,,\nKHM,KOR,2025-01,2025-12,imports,10,imf-dots,,\n`;
  const issue = async (values: Record<string, string>) => {
    const r = await CsvImportSchema.safeParseAsync(values);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  };

  it("parses the file once, for either intent", async () => {
    const r = await CsvImportSchema.parseAsync({ csv, intent: "preview" });
    expect(r.file.rows.map((row) => row.amount)).toEqual([812_400_000, 10_000_000]);
    expect(r.digest).toBe(await csvDigest(csv));
  });

  it("takes the text as previewed, whatever line breaks the browser sends", async () => {
    const seen = encodeSeen(await csvDigest(csv), [[7, 2], 0]);
    const r = await CsvImportSchema.parseAsync({ csv: csv.replace(/\n/g, "\r\n"), intent: "import", seen });
    expect(r.seen).toEqual([[7, 2], 0]);
  });

  it("refuses an import without a preview, of other text, or with versions that do not fit the rows", async () => {
    const refused = "csv: Nothing was imported: the text is not the one last previewed. Preview it, then import.";
    expect(await issue({ csv, intent: "import" })).toBe(refused);
    expect(await issue({ csv, intent: "import", seen: "not json" })).toBe(refused);
    expect(await issue({ csv, intent: "import", seen: encodeSeen(await csvDigest(`${csv}\n`.replace("812.4", "900")), [0, 0]) })).toBe(
      refused,
    );
    expect(await issue({ csv, intent: "import", seen: encodeSeen(await csvDigest(csv), [0]) })).toBe(refused);
    expect(await issue({ csv, intent: "import", seen: encodeSeen(await csvDigest(csv), [[-1, 2], 0]) })).toBe(refused);
    expect(await issue({ csv, intent: "delete" })).toMatch(/^intent: /);
  });
});

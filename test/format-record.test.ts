import { describe, expect, it } from "vitest";
import { formatMonthShort, formatSourceDate } from "@/lib/format/date";
import { formatUsd, formatUsdExact } from "@/lib/format/number";
import { yearsText } from "@/lib/format/years";
import { sourceDateIso } from "@/lib/explorer/serialize";

describe("a source's date, as precise as the source gives it", () => {
  it("writes a day, a month, a year, and marks an inferred date", () => {
    expect(formatSourceDate("2021-02-03")).toBe("3 February 2021");
    expect(formatSourceDate("2022-12-01", "month")).toBe("December 2022");
    expect(formatSourceDate("2025-01-01", "year")).toBe("2025");
    expect(formatSourceDate("2022-02-01", "month", true)).toBe("c. February 2022");
    expect(sourceDateIso({ publishedOn: "2022-02-01", publishedPrecision: "month", dateInferred: true })).toBe("c. 2022-02");
    expect(sourceDateIso({ publishedOn: "2025-01-01", publishedPrecision: "year" })).toBe("2025");
    expect(sourceDateIso({ publishedOn: "2024-03-26" })).toBe("2024-03-26");
  });

  it("gives the stepper a short month", () => {
    expect(formatMonthShort("2022-12-01")).toBe("Dec 2022");
  });
});

describe("full stored precision", () => {
  it("writes every dollar where a rounded value is shown elsewhere", () => {
    expect(formatUsd(325_650_000)).toBe("US$326 million");
    expect(formatUsdExact(325_650_000)).toBe("US$325,650,000");
    expect(formatUsdExact(-361_000_000)).toBe("−US$361,000,000");
  });
});

describe("years in words", () => {
  it("joins runs and lists the rest", () => {
    expect(yearsText([2023, 2024, 2025])).toBe("2023–2025");
    expect(yearsText([2025])).toBe("2025");
    expect(yearsText([2027, 2023, 2024])).toBe("2023–2024 and 2027");
    expect(yearsText([2021, 2023, 2025])).toBe("2021, 2023 and 2025");
    expect(yearsText([])).toBe("");
  });
});

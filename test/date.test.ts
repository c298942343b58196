import { describe, expect, it } from "vitest";
import { formatDate, formatDateRange, formatDateTime } from "@/lib/format/date";

const EN_DASH = "\u2013";

describe("formatDate", () => {
  it("writes day, full month and year, without a leading zero", () => {
    expect(formatDate("2020-07-02")).toBe("2 July 2020");
    expect(formatDate("2020-11-18")).toBe("18 November 2020");
    expect(formatDate("2024-02-29")).toBe("29 February 2024");
  });

  it("writes only month and year at month precision", () => {
    expect(formatDate("2019-03-01", "month")).toBe("March 2019");
    expect(formatDate("2019-03-31", "month")).toBe("March 2019");
  });

  it("uses the calendar date written, whatever the time or offset that follows it", () => {
    // Only the first ten characters count, so a late-evening time in Asia does not shift the day.
    expect(formatDate("2020-07-02T23:30:00+09:00")).toBe("2 July 2020");
    expect(formatDate("2020-01-01T00:00:00-10:00")).toBe("1 January 2020");
  });
});

describe("formatDateRange", () => {
  it("shows a single day once when start and end are equal", () => {
    expect(formatDateRange("2020-07-02", "2020-07-02")).toBe("2 July 2020");
    expect(formatDateRange("2019-03-01", "2019-03-01", "month")).toBe("March 2019");
  });

  it("shares month and year within one month", () => {
    expect(formatDateRange("2020-07-30", "2020-07-31")).toBe(`30${EN_DASH}31 July 2020`);
    expect(formatDateRange("2020-11-18", "2020-11-20")).toBe(`18${EN_DASH}20 November 2020`);
  });

  it("uses short month names and one year across months of the same year", () => {
    // en-GB abbreviates September as "Sept" in recent ICU data and "Sep" in older data.
    expect(formatDateRange("2020-08-31", "2020-09-02")).toMatch(/^31 Aug – 2 Sept? 2020$/);
    expect(formatDateRange("2020-01-30", "2020-02-02")).toBe(`30 Jan ${EN_DASH} 2 Feb 2020`);
  });

  it("writes both dates in full across years", () => {
    expect(formatDateRange("2020-12-30", "2021-01-02")).toBe(`30 December 2020 ${EN_DASH} 2 January 2021`);
  });

  it("spans months within a year at month precision", () => {
    expect(formatDateRange("2020-01-01", "2020-05-31", "month")).toBe(`January${EN_DASH}May 2020`);
  });

  it("spans months across years at month precision", () => {
    expect(formatDateRange("2019-11-01", "2020-02-29", "month")).toBe(`November 2019 ${EN_DASH} February 2020`);
  });

  // Regression: this was broken before; see the commit that fixed it.
  it("collapses a month-precision range within one month to that month", () => {
    expect(formatDateRange("2019-03-01", "2019-03-31", "month")).toBe("March 2019");
  });
});

describe("formatDateTime", () => {
  it("writes the date and the UTC time", () => {
    expect(formatDateTime("2020-07-02T06:00:00Z")).toBe("2 July 2020, 06:00 UTC");
    expect(formatDateTime("2020-11-17T03:00:00Z")).toBe("17 November 2020, 03:00 UTC");
  });

  it("converts an offset time to UTC, including the date", () => {
    expect(formatDateTime("2020-07-02T08:30:00+09:00")).toBe("1 July 2020, 23:30 UTC");
  });

  it("drops seconds", () => {
    expect(formatDateTime("2020-09-01T09:00:59Z")).toBe("1 September 2020, 09:00 UTC");
  });

  it("throws on a timestamp that is not a date", () => {
    expect(() => formatDateTime("not a date")).toThrow(RangeError);
  });
});

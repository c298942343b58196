import { describe, expect, it } from "vitest";
import { formatMillions, formatPercent, formatUsd, ordinal, valuesDiffer } from "@/lib/format/number";

const MINUS = "\u2212";

describe("formatUsd", () => {
  it("shows small amounts in whole dollars with thousands separators", () => {
    expect(formatUsd(0)).toBe("US$0");
    expect(formatUsd(756)).toBe("US$756");
    expect(formatUsd(12_345)).toBe("US$12,345");
    expect(formatUsd(999_999)).toBe("US$999,999");
    expect(formatUsd(12_345.6)).toBe("US$12,346");
  });

  it("shows millions with one decimal below 100 million, trimming a trailing zero", () => {
    expect(formatUsd(1_000_000)).toBe("US$1 million");
    expect(formatUsd(2_000_000)).toBe("US$2 million");
    expect(formatUsd(88_430_000)).toBe("US$88.4 million");
    expect(formatUsd(99_940_000)).toBe("US$99.9 million");
  });

  it("shows whole millions from 100 million up, keeping the zeros of the integer part", () => {
    expect(formatUsd(100_000_000)).toBe("US$100 million");
    expect(formatUsd(325_650_000)).toBe("US$326 million");
    expect(formatUsd(756_000_000)).toBe("US$756 million");
    expect(formatUsd(970_000_000)).toBe("US$970 million");
  });

  it("shows billions with two decimals below 10 billion and one from 10 billion", () => {
    expect(formatUsd(1_000_000_000)).toBe("US$1 billion");
    expect(formatUsd(1_030_000_000)).toBe("US$1.03 billion");
    expect(formatUsd(1_500_000_000)).toBe("US$1.5 billion");
    expect(formatUsd(8_120_000_000)).toBe("US$8.12 billion");
    expect(formatUsd(10_000_000_000)).toBe("US$10 billion");
    expect(formatUsd(12_345_000_000)).toBe("US$12.3 billion");
  });

  it("puts a true minus sign (U+2212) before negative amounts", () => {
    expect(formatUsd(-361_000_000)).toBe(`${MINUS}US$361 million`);
    expect(formatUsd(-1_030_000_000)).toBe(`${MINUS}US$1.03 billion`);
    expect(formatUsd(-756)).toBe(`${MINUS}US$756`);
    expect(formatUsd(-361_000_000)).not.toContain("-");
  });

  it("gives no sign to zero or positive amounts", () => {
    expect(formatUsd(0)).not.toMatch(/^[-−+]/);
    expect(formatUsd(-0)).toBe("US$0");
  });

  it("shows more digits when precise", () => {
    expect(formatUsd(325_650_000, { precise: true })).toBe("US$325.65 million");
    expect(formatUsd(88_430_000, { precise: true })).toBe("US$88.43 million");
    expect(formatUsd(8_123_400_000, { precise: true })).toBe("US$8.123 billion");
    expect(formatUsd(1_030_000_000, { precise: true })).toBe("US$1.03 billion");
    expect(formatUsd(756_000_000, { precise: true })).toBe("US$756 million");
    expect(formatUsd(-148_790_000, { precise: true })).toBe(`${MINUS}US$148.79 million`);
  });

  // Regression: this was broken before; see the commit that fixed it.
  it("rolls a value that rounds to 1,000 million over to billions", () => {
    expect(formatUsd(999_600_000)).toBe("US$1 billion");
  });
});

describe("formatMillions", () => {
  it("shows US$ millions with one decimal and thousands separators", () => {
    expect(formatMillions(1_033_500_000)).toBe("1,033.5");
    expect(formatMillions(756_000_000)).toBe("756.0");
    expect(formatMillions(0)).toBe("0.0");
  });

  it("honours the number of digits", () => {
    expect(formatMillions(1_033_500_000, 0)).toBe("1,034");
    expect(formatMillions(325_650_000, 2)).toBe("325.65");
    expect(formatMillions(8_120_000_000, 0)).toBe("8,120");
  });
});

describe("ordinal", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [5, "5th"],
    [10, "10th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [23, "23rd"],
    [58, "58th"],
    [100, "100th"],
    [101, "101st"],
    [102, "102nd"],
    [111, "111th"],
    [112, "112th"],
    [113, "113th"],
  ])("%i → %s", (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});

describe("formatPercent", () => {
  it("signs rises with + and falls with a true minus", () => {
    expect(formatPercent(0.153)).toBe("+15.3%");
    expect(formatPercent(-0.043)).toBe(`${MINUS}4.3%`);
    expect(formatPercent(-0.185)).toBe(`${MINUS}18.5%`);
  });

  it("leaves zero unsigned", () => {
    expect(formatPercent(0)).toBe("0.0%");
  });

  it("honours the number of digits", () => {
    expect(formatPercent(0.06, 0)).toBe("+6%");
    expect(formatPercent(0.0953, 2)).toBe("+9.53%");
    expect(formatPercent(1)).toBe("+100.0%");
  });

  // Regression: this was broken before; see the commit that fixed it.
  it("does not sign a change that rounds to zero", () => {
    expect(formatPercent(-0.0001)).toBe("0.0%");
    expect(formatPercent(0.0001)).toBe("0.0%");
  });
});

describe("valuesDiffer", () => {
  it("treats differences of at most 1% as rounding", () => {
    expect(valuesDiffer(100, 101)).toBe(false);
    expect(valuesDiffer(99, 100)).toBe(false); // exactly 1% of the larger value
    expect(valuesDiffer(971_700_000, 974_953_305)).toBe(false);
    expect(valuesDiffer(697_000_000, 697_000_000)).toBe(false);
  });

  it("flags differences over 1%", () => {
    expect(valuesDiffer(100, 102)).toBe(true);
    expect(valuesDiffer(756_000_000, 764_042_630)).toBe(true);
    expect(valuesDiffer(756_000_000, 971_700_000)).toBe(true);
  });

  it("measures against the larger magnitude and is symmetric", () => {
    expect(valuesDiffer(98.9, 100)).toBe(true);
    expect(valuesDiffer(100, 98.9)).toBe(true);
    expect(valuesDiffer(101, 100)).toBe(valuesDiffer(100, 101));
  });

  it("handles zero", () => {
    expect(valuesDiffer(0, 0)).toBe(false);
    expect(valuesDiffer(0, -0)).toBe(false);
    expect(valuesDiffer(0, 1)).toBe(true);
    expect(valuesDiffer(5, 0)).toBe(true);
  });

  it("sees opposite signs as different", () => {
    expect(valuesDiffer(-361_000_000, 361_000_000)).toBe(true);
    expect(valuesDiffer(-100, -100.5)).toBe(false);
  });
});

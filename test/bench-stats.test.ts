import { describe, expect, it } from "vitest";
import { percentile, ratio, summarize } from "@/bench/lib/stats";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 50)).toBe(30);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    // rank 0.99 × 4 = 3.96 → 40 + 0.96 × 10
    expect(percentile([10, 20, 30, 40, 50], 99)).toBeCloseTo(49.6, 10);
  });

  it("does not depend on input order and does not sort the caller's array", () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(xs).toEqual([5, 1, 4, 2, 3]);
  });

  it("gives the extremes at 0 and 100 and the value itself for one sample", () => {
    expect(percentile([3, 9, 7], 0)).toBe(3);
    expect(percentile([3, 9, 7], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it("is NaN for no samples and refuses percentiles outside 0–100", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it("p99 of 1..100 sits just under the maximum", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBeCloseTo(99.01, 10);
  });
});

describe("summarize and ratio", () => {
  it("summarizes a sample", () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s).toMatchObject({ n: 4, min: 1, p50: 2.5, max: 4, mean: 2.5 });
    expect(s.p99).toBeCloseTo(3.97, 10);
  });
  it("summarizes nothing as NaNs", () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.p99).toBeNaN();
  });
  it("divides only by a positive number", () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 4)).toBeNaN();
  });
});

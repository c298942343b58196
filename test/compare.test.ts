import { describe, expect, it } from "vitest";
import { changeBetween, relativeChange, shareOfWorld } from "@/lib/domain/compare";
import { figure } from "./figure-fixture";

const jan23 = { periodStart: "2023-01", periodEnd: "2023-02" };
const jan24 = { periodStart: "2024-01", periodEnd: "2024-02" };

describe("relative change", () => {
  it("is signed against the size of the earlier value, and undefined from zero", () => {
    expect(relativeChange(100, 125)).toBe(0.25);
    expect(relativeChange(-100, -50)).toBe(0.5);
    expect(relativeChange(0, 10)).toBeNull();
  });
});

describe("change between two periods", () => {
  it("takes the earlier value from the same side and source as the later one", () => {
    const now = [
      figure({ ...jan24, khmFlow: "total", side: "partner", value: 130, sourceId: "kita" }),
      figure({ ...jan24, khmFlow: "total", side: "cambodia", value: 999, sourceId: "gdce", preferred: false }),
    ];
    const earlier = [
      figure({ ...jan23, khmFlow: "total", side: "partner", value: 50, sourceId: "other" }),
      figure({ ...jan23, khmFlow: "total", side: "partner", value: 100, sourceId: "kita", preferred: false }),
      figure({ ...jan23, khmFlow: "total", side: "cambodia", value: 1, sourceId: "gdce" }),
    ];
    const c = changeBetween(now, earlier);
    expect(c?.then.chosen.sourceId).toBe("kita");
    expect(c?.ratio).toBeCloseTo(0.3);
  });

  it("falls back to the same side when that source has no earlier value, and honours a pinned side", () => {
    const now = [
      figure({ ...jan24, khmFlow: "total", side: "partner", value: 120, sourceId: "kita" }),
      figure({ ...jan24, khmFlow: "total", side: "cambodia", value: 60, sourceId: "gdce", preferred: false }),
    ];
    const earlier = [
      figure({ ...jan23, khmFlow: "total", side: "partner", value: 100, sourceId: "yonhap" }),
      figure({ ...jan23, khmFlow: "total", side: "cambodia", value: 40, sourceId: "ppp" }),
    ];
    expect(changeBetween(now, earlier)?.then.chosen.sourceId).toBe("yonhap");
    expect(changeBetween(now, earlier, { side: "cambodia" })?.ratio).toBeCloseTo(0.5);
  });

  it("is missing when either value is, or the earlier one is zero", () => {
    const now = [figure({ ...jan24, khmFlow: "total", side: "partner", value: 120 })];
    expect(changeBetween([], now)).toBeNull();
    expect(changeBetween(now, [])).toBeNull();
    expect(changeBetween(now, [figure({ ...jan23, khmFlow: "total", side: "cambodia", value: 100 })])).toBeNull();
    expect(changeBetween(now, [figure({ ...jan23, khmFlow: "total", side: "partner", value: 0 })])).toBeNull();
  });
});

describe("share of the world", () => {
  const world = (value: number, sourceId: string, preferred = true) =>
    figure({ ...jan24, khmFlow: "total", side: "cambodia", value, sourceId, preferred, counterpart: "WLD", partner: "WLD" });

  it("divides Cambodia's value for the partner by the world's total from the same source", () => {
    const part = [
      figure({ ...jan24, khmFlow: "total", side: "partner", value: 500, sourceId: "jetro" }),
      figure({ ...jan24, khmFlow: "total", side: "cambodia", value: 250, sourceId: "gdce", preferred: false }),
    ];
    const s = shareOfWorld(part, [world(10_000, "imf"), world(5_000, "gdce", false)]);
    expect(s?.part.chosen.sourceId).toBe("gdce");
    expect(s?.whole.chosen.sourceId).toBe("gdce");
    expect(s?.share).toBe(0.05);
  });

  it("uses the world's preferred total when that source has none, and is missing without a value or with a zero total", () => {
    const part = [figure({ ...jan24, khmFlow: "total", side: "cambodia", value: 250, sourceId: "gdce" })];
    expect(shareOfWorld(part, [world(10_000, "imf")])?.share).toBe(0.025);
    expect(shareOfWorld(part, [world(0, "gdce")])).toBeNull();
    expect(shareOfWorld(part, [])).toBeNull();
    expect(shareOfWorld([figure({ ...jan24, khmFlow: "total", side: "partner", value: 1 })], [world(10, "imf")])).toBeNull();
    expect(shareOfWorld(part, [world(10_000, "imf")], { source: "other" })).toBeNull();
  });
});

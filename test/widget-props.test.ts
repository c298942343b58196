import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Code, parseProps, PeriodLabel } from "@/lib/widgets/props";

describe("story widget props", () => {
  const Props = z.strictObject({ partner: Code, period: PeriodLabel });

  it("reads a period label into the period it names, keeping the label as written", () => {
    expect(parseProps("Figure", Props, { partner: "KOR", period: "2019" })).toEqual({
      partner: "KOR",
      period: { label: "2019", period: { start: "2019-01", end: "2019-12" } },
    });
    expect(parseProps("Figure", Props, { partner: "JPN", period: "2024-01/2024-02" }).period.period).toEqual({
      start: "2024-01",
      end: "2024-02",
    });
  });

  it("fails with the widget's name and the bad prop, so a typo in a story stops the build", () => {
    expect(() => parseProps("Figure", Props, { partner: "KOR", period: "2019-13" })).toThrow(
      /<Figure> has bad props:[\s\S]*period must be YYYY, YYYY-MM or YYYY-MM\/YYYY-MM/,
    );
    expect(() => parseProps("Figure", Props, { partner: "kor", period: "2019" })).toThrow(/<Figure> has bad props:[\s\S]*partner/);
    expect(() => parseProps("Figure", Props, { partner: "KOR", period: "2019", flow: "total" })).toThrow(/flow/);
  });
});

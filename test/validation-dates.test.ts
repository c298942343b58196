import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isoDate } from "@/lib/validation/common";
import { RoundSchema } from "@/lib/validation/round";

const messages = (v: string) => {
  const r = isoDate.safeParse(v);
  return r.success ? [] : z.flattenError(r.error).formErrors;
};

describe("isoDate", () => {
  it("gives one message per bad date", () => {
    expect(messages("2025-02-30")).toEqual(["That date does not exist."]);
    expect(messages("2025-13-01")).toEqual(["That date does not exist."]);
    expect(messages("30/02/2025")).toEqual(["Use a date like 2020-07-01."]);
    expect(messages("")).toEqual(["Use a date like 2020-07-01."]);
    expect(messages("2024-02-29")).toEqual([]);
  });

  it("puts a round's bad start date on its own field", () => {
    const r = RoundSchema.safeParse({
      agreement: "ckfta",
      number: "9",
      startDate: "2025-02-30",
      endDate: "2025-03-01",
      format: "virtual",
      topics: "",
      summary: "",
    });
    expect(r.success).toBe(false);
    expect(r.success ? null : z.flattenError(r.error).fieldErrors).toEqual({ startDate: ["That date does not exist."] });
  });
});

import { describe, expect, it } from "vitest";
import { FLOWS, SOURCE_KINDS } from "@/db/schema";
import { REPORTED_FLOW_NAMES, SOURCE_KIND_LABELS } from "@/lib/domain/figure";

describe("the labels the desk's forms offer as options", () => {
  it("name every flow and every source kind, in the schema's order", () => {
    expect(Object.keys(REPORTED_FLOW_NAMES)).toEqual([...FLOWS]);
    expect(Object.keys(SOURCE_KIND_LABELS)).toEqual([...SOURCE_KINDS]);
  });
});

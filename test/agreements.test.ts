import { describe, expect, it } from "vitest";
import { currentStatus, findMilestone, lifecycleSteps, recordEnd, statusSentence, statusSummary } from "@/lib/agreements";
import type { AgreementStatus } from "@/db/schema";

type E = { id: number; status: AgreementStatus; date: string; party?: string | null; precision?: "day" | "month" };
let id = 1;
const e = (status: AgreementStatus, date: string, party: string | null = null): E => ({ id: id++, status, date, party });

const ckfta = () => [
  e("proposed", "2019-03-01"),
  e("negotiating", "2020-07-02"),
  e("concluded", "2021-02-03"),
  e("signed", "2021-10-26"),
  e("ratification", "2021-12-29", "KHM"),
  e("ratification", "2022-09-27", "KOR"),
  e("in_force", "2022-12-01"),
  e("in_force", "2024-05-13"), // the first joint committee: a step while in force
];

describe("agreement status", () => {
  it("is the furthest stage reached, not the latest step", () => {
    expect(currentStatus(ckfta())).toBe("in_force");
    // ATISA: in force for the first parties, then Cambodia ratifies.
    expect(currentStatus([e("signed", "2020-10-07"), e("in_force", "2021-04-05"), e("ratification", "2023-08-24", "KHM")])).toBe(
      "in_force",
    );
    expect(currentStatus([])).toBeNull();
  });

  it("dates entry into force from the first in-force step, not a later meeting", () => {
    const s = statusSummary(ckfta(), 2);
    expect(s).toMatchObject({ status: "in_force", since: { date: "2022-12-01" }, scope: "cambodia" });
    expect(statusSentence(s)).toBe("In force for Cambodia since 1 December 2022");
  });

  it("uses Cambodia's own date in a wider agreement, and says 'first parties' when there is none", () => {
    const aanzfta = [e("signed", "2009-02-27"), e("in_force", "2010-01-01"), e("in_force", "2011-01-04", "KHM")];
    expect(statusSentence(statusSummary(aanzfta, 12))).toBe("In force for Cambodia since 4 January 2011");
    const acfta = [e("signed", "2004-11-29"), e("in_force", "2005-01-01")];
    const s = statusSummary(acfta, 11);
    expect(s.scope).toBe("first_parties");
    expect(statusSentence(s)).toBe("In force since 1 January 2005 for the first parties");
    const atisa = [e("signed", "2020-10-07"), e("in_force", "2021-04-05"), e("ratification", "2023-08-24", "KHM")];
    expect(statusSummary(atisa, 10).cambodiaRatified).toBe("2023-08-24");
  });

  it("dates an earlier stage from its first step", () => {
    const s = statusSummary([e("proposed", "2019-03-01"), e("negotiating", "2020-07-02"), e("negotiating", "2020-07-30")], 2);
    expect(statusSentence(s)).toBe("Negotiating since 2 July 2020");
    expect(statusSentence(statusSummary([], 2))).toBe("Status unknown");
  });
});

describe("lifecycle steps", () => {
  it("marks each stage done, passed without a date, or ahead", () => {
    const steps = lifecycleSteps(ckfta(), 2);
    expect(steps.map((s) => [s.status, s.state])).toEqual([
      ["proposed", "done"],
      ["feasibility_study", "unrecorded"],
      ["negotiating", "done"],
      ["concluded", "done"],
      ["signed", "done"],
      ["ratification", "done"],
      ["in_force", "done"],
    ]);
    expect(steps.find((s) => s.status === "ratification")?.count).toBe(2);
    expect(steps.find((s) => s.current)?.status).toBe("in_force");
    expect(steps.find((s) => s.status === "in_force")?.first?.date).toBe("2022-12-01");
    const talks = lifecycleSteps([e("negotiating", "2023-02-20")], 2);
    expect(talks.filter((s) => s.state === "ahead").map((s) => s.status)).toEqual(["concluded", "signed", "ratification", "in_force"]);
  });

  it("links the in-force step to the date that applies to Cambodia", () => {
    const steps = lifecycleSteps([e("signed", "2009-02-27"), e("in_force", "2010-01-01"), e("in_force", "2011-01-04", "KHM")], 12);
    expect(steps.at(-1)?.first?.date).toBe("2011-01-04");
  });
});

describe("where the record stops", () => {
  it("is the latest date of any milestone, round or update", () => {
    expect(recordEnd(["2022-12-01", "2024-05-13", "2020-11-20", "2020-11-17T03:00:00Z", null])).toBe("2024-05-13");
    expect(recordEnd([])).toBeNull();
  });
});

describe("a milestone a story names", () => {
  const events = ckfta().map((x) => ({ ...x, party: x.party ?? null }));

  it("is the first step of a stage, or the last, optionally one party's", () => {
    expect(findMilestone(events, { status: "ratification" })?.date).toBe("2021-12-29");
    expect(findMilestone(events, { status: "ratification", last: true })?.date).toBe("2022-09-27");
    expect(findMilestone(events, { status: "ratification", party: "KOR" })?.date).toBe("2022-09-27");
    expect(findMilestone(events, { status: "in_force", last: true })?.date).toBe("2024-05-13");
  });

  it("is null when the record holds no such step", () => {
    expect(findMilestone(events, { status: "feasibility_study" })).toBeNull();
    expect(findMilestone(events, { status: "ratification", party: "JPN" })).toBeNull();
  });
});

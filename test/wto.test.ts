import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { wtoEvents, type WtoRow } from "@/db/seed-wto";
import { WTO_AGREEMENTS } from "@/db/seed-data/newsroom";
import { changeSentence, compareVintages, fieldText, wtoChanges } from "@/lib/wto";

const base: WtoRow = {
  rtaId: 169,
  name: "ASEAN - Korea, Republic of",
  coverage: "Goods & Services",
  type: "FTA & EIA",
  status: "In Force",
  signedGoods: "2006-08-24",
  signedServices: "2008-11-21",
  notifiedGoods: "2010-07-08",
  notifiedServices: "2010-07-08",
  inForceGoods: "2010-01-01",
  inForceServices: "2009-05-01",
  inactiveOn: null,
  cambodiaDate: null,
  cambodiaDateKind: null,
  remarks: null,
};

describe("comparing WTO exports", () => {
  it("lists only the fields that changed, in reading order", () => {
    const older = { ...base, inForceServices: "2010-10-14" };
    const changes = wtoChanges(base, older);
    expect(changes).toEqual([{ key: "inForceServices", label: "In force (services)", newer: "2009-05-01", older: "2010-10-14" }]);
    expect(changeSentence(changes[0]!, "the extract of March 2021")).toBe(
      "In force (services): 1 May 2009 (the extract of March 2021 had 14 October 2010).",
    );
  });

  it("treats blank and missing alike, and writes dates out", () => {
    expect(wtoChanges({ ...base, inactiveOn: " " }, { ...base, inactiveOn: null })).toEqual([]);
    expect(fieldText("cambodiaDate", null)).toBe("not given");
    expect(fieldText("inactiveOn", "2010-05-17")).toBe("17 May 2010");
  });

  it("pairs rows by RTA ID and marks rows new to the newer export", () => {
    const out = compareVintages([base, { ...base, rtaId: 1168 }], [{ ...base, status: "In force" }]);
    expect(out.map((o) => [o.row.rtaId, o.older?.rtaId ?? null, o.changes.map((c) => c.key)])).toEqual([
      [169, 169, ["status"]],
      [1168, null, []],
    ]);
  });
});

describe("milestones from a WTO row", () => {
  it("gives one step when goods and services share a date, and says 'first parties' for a wider agreement", () => {
    const aanzfta = {
      ...base,
      rtaId: 437,
      signedGoods: "2009-02-27",
      signedServices: "2009-02-27",
      inForceGoods: "2010-01-01",
      inForceServices: "2010-01-01",
      cambodiaDate: "2011-01-04",
      cambodiaDateKind: "entry" as const,
    };
    expect(wtoEvents(aanzfta, WTO_AGREEMENTS[437]!, [])).toEqual([
      { status: "signed", date: "2009-02-27", description: "Signed (goods and services)." },
      { status: "in_force", date: "2010-01-01", description: "In force for the first parties (goods and services)." },
      { status: "in_force", date: "2011-01-04", party: "KHM", description: "In force for Cambodia." },
    ]);
  });

  it("says a bilateral agreement enters into force, and a ratification is a ratification", () => {
    const ccfta = {
      ...base,
      rtaId: 1092,
      signedGoods: "2020-10-12",
      signedServices: "2020-10-12",
      inForceGoods: "2022-01-01",
      inForceServices: "2022-01-01",
    };
    expect(wtoEvents(ccfta, WTO_AGREEMENTS[1092]!, []).map((e) => e.description)).toEqual([
      "Signed (goods and services).",
      "Enters into force (goods and services).",
    ]);
    const atisa = {
      ...base,
      rtaId: 1171,
      signedGoods: null,
      signedServices: "2020-10-07",
      inForceGoods: null,
      inForceServices: "2021-04-05",
      cambodiaDate: "2023-08-24",
      cambodiaDateKind: "ratification" as const,
    };
    expect(wtoEvents(atisa, WTO_AGREEMENTS[1171]!, []).at(-1)).toMatchObject({ status: "ratification", date: "2023-08-24", party: "KHM" });
  });

  it("names the row an instrument replaced on the day it took over (AFTA)", () => {
    const cept = { ...base, rtaId: 126, status: "Inactive", inactiveOn: "2010-05-17" };
    const current = {
      ...base,
      rtaId: 1170,
      signedGoods: "2009-02-26",
      signedServices: "1995-12-15",
      inForceGoods: "2010-05-17",
      inForceServices: "1998-08-12",
    };
    const events = wtoEvents(current, WTO_AGREEMENTS[1170]!, [{ row: cept, meta: WTO_AGREEMENTS[126]! }]);
    expect(events.find((x) => x.date === "2010-05-17")?.description).toBe(
      "ATIGA (the goods agreement) enters into force for the first parties. The WTO lists the 1992 CEPT scheme as inactive from the same day.",
    );
  });

  it("maps every row of the 2026 export to an agreement", () => {
    const rows = parse(readFileSync(join(import.meta.dirname, "..", "db", "seed-data", "cambodia_rtas_wto_extract_2026.csv")), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(11);
    for (const r of rows) expect(WTO_AGREEMENTS[Number(r["RTA ID"])], r["RTA Name"]).toBeDefined();
  });
});

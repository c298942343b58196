import { describe, expect, it } from "vitest";
import { chartInputOf, markerListOf, milestoneText, otherSourceLetters, tableOf, type ExplorerData } from "@/lib/explorer/data";
import { selectRows, valuationOf } from "@/lib/explorer/rows";
import type { ExplorerQuery } from "@/lib/explorer/params";
import type { FigureView } from "@/lib/domain/figure";

let nextId = 1;
function fig(over: Partial<FigureView> & { year?: number; counterpart?: string } = {}): FigureView {
  const side = over.side ?? "cambodia";
  const code = over.counterpart ?? "KOR";
  const year = over.year ?? 2019;
  const value = over.value ?? 100_000_000;
  const { year: _y, ...rest } = over;
  return {
    id: nextId++,
    reporter: side === "cambodia" ? "KHM" : code,
    partner: side === "cambodia" ? code : "KHM",
    counterpart: code,
    side,
    periodStart: `${year}-01`,
    periodEnd: `${year}-12`,
    flow: "exports",
    khmFlow: "exports",
    value,
    khmValue: value,
    unit: "USD",
    note: null,
    preferred: false,
    estimate: false,
    derived: false,
    sourceId: "imf-dots",
    sourcePublisher: "International Monetary Fund",
    sourceTitle: "DOTS",
    sourceDate: "2022-01-31",
    sourceKind: "official_statistics",
    ...rest,
  };
}

const q = (over: Partial<ExplorerQuery> = {}): ExplorerQuery => ({
  partners: ["KOR"],
  flow: "exports",
  from: 2018,
  to: 2020,
  side: "both",
  ...over,
});
const names = new Map([
  ["KOR", "South Korea"],
  ["JPN", "Japan"],
]);

describe("selectRows", () => {
  it("keeps one value per partner, year and side, in display order", () => {
    const rows = selectRows(
      q({ partners: ["JPN", "KOR"] }),
      [fig({ year: 2019, side: "partner" }), fig({ year: 2018 }), fig({ counterpart: "JPN", year: 2020 }), fig({ year: 2019 })],
      names,
    );
    expect(rows.map((r) => `${r.partner} ${r.year} ${r.side}`)).toEqual([
      "JPN 2020 cambodia",
      "KOR 2018 cambodia",
      "KOR 2019 cambodia",
      "KOR 2019 partner",
    ]);
    expect(rows[0]?.partnerName).toBe("Japan");
  });

  it("never takes a value from the other side when one side is asked for", () => {
    const rows = selectRows(q({ side: "cambodia" }), [fig({ side: "partner", preferred: true })], names);
    expect(rows).toEqual([]);
  });

  it("prefers the editors' preferred value, then official statistics over a report", () => {
    const report = fig({ sourceId: "ppp", sourceKind: "news_report", value: 90_000_000 });
    const imf = fig({ value: 100_000_000 });
    expect(selectRows(q({ side: "cambodia" }), [report, imf], names)[0]?.figureId).toBe(imf.id);
    const preferredReport = fig({ sourceId: "ppp", sourceKind: "news_report", preferred: true });
    expect(selectRows(q({ side: "cambodia" }), [imf, preferredReport], names)[0]?.figureId).toBe(preferredReport.id);
  });

  it("ignores other flows, partial years, ranks and years outside the range", () => {
    const rows = selectRows(
      q(),
      [fig({ khmFlow: "imports" }), fig({ periodStart: "2019-01", periodEnd: "2019-02" }), fig({ unit: "rank" }), fig({ year: 2021 })],
      names,
    );
    expect(rows).toEqual([]);
  });

  it("restates a partner's record from Cambodia's side and says how it was valued", () => {
    const [row] = selectRows(q({ side: "partner" }), [fig({ side: "partner", flow: "imports", value: 5, khmValue: 5 })], names);
    expect(row).toMatchObject({ flow: "exports", reportedFlow: "imports", reporter: "KOR", valuation: "CIF", unit: "USD" });
    expect(valuationOf("exports")).toBe("FOB");
    expect(valuationOf("balance")).toBe("FOB exports, CIF imports");
  });
});

describe("what the page shows of a selection", () => {
  const query = q({ partners: ["KOR", "JPN"], from: 2018, to: 2020 });
  const rows = selectRows(
    query,
    [
      fig({ year: 2018 }),
      fig({ year: 2018, side: "partner" }),
      fig({ counterpart: "JPN", year: 2020, sourceId: "ppp", sourceKind: "news_report" }),
    ],
    names,
  );
  const data: ExplorerData = {
    query,
    partners: [
      { code: "KOR", name: "South Korea" },
      { code: "JPN", name: "Japan" },
    ],
    rows,
    milestones: [
      {
        id: 1,
        date: "2019-03-01",
        precision: "month",
        status: "proposed",
        description: "Proposed.",
        agreementSlug: "ckfta",
        agreementShortName: "CKFTA",
        sourceId: "y",
      },
    ],
    sources: [],
  };

  it("the table holds exactly the rows, years with no value left out", () => {
    const t = tableOf(data);
    expect(t.series.map((s) => `${s.partner}-${s.side}`)).toEqual(["KOR-cambodia", "KOR-partner", "JPN-cambodia", "JPN-partner"]);
    expect(t.years.map((y) => y.year)).toEqual([2018, 2020]);
    expect(t.years.flatMap((y) => y.cells).filter(Boolean)).toHaveLength(rows.length);
  });

  it("the chart has one series per column, dashed for partners' records", () => {
    const input = chartInputOf(data, "c");
    expect(input.series.map((s) => [s.key, s.dashed, s.points.length])).toEqual([
      ["KOR-cambodia", false, 1],
      ["KOR-partner", true, 1],
      ["JPN-cambodia", false, 1],
      ["JPN-partner", true, 0],
    ]);
    expect(input.series[2]?.points[0]?.otherSource).toBe(true);
    expect(input.title).toBe("Cambodia's exports to South Korea and Japan, 2018–2020");
  });

  it("letters the sources other than the main series and numbers milestones like the chart", () => {
    expect([...otherSourceLetters(rows)]).toEqual([["ppp", "a"]]);
    expect(markerListOf(data).map((m) => [m.n, m.precision, m.items.length])).toEqual([[1, "month", 1]]);
  });
});

describe("milestoneText", () => {
  it("names the agreement and ends the description with a stop, once", () => {
    expect(milestoneText({ agreementShortName: "RCEP", description: "Signed" })).toBe("RCEP: Signed.");
    expect(milestoneText({ agreementShortName: "AKFTA", description: "In force (goods). " })).toBe("AKFTA: In force (goods).");
  });
});

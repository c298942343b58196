import { describe, expect, it } from "vitest";
import { chartMarkers, esc, renderChartSvg, runs, wrap, yearFraction, yearStep, type ChartInput } from "@/lib/charts/explorerChart";

const input = (over: Partial<ChartInput> = {}): ChartInput => ({
  id: "t",
  title: 'Cambodia\'s exports to <b>X</b> & "Y"',
  description: "d",
  from: 2000,
  to: 2005,
  series: [
    {
      key: "KOR-cambodia",
      label: "South Korea",
      colorIndex: 0,
      dashed: false,
      points: [2000, 2001, 2002, 2004, 2005].map((year) => ({
        year,
        value: year * 1e5,
        estimate: year === 2001,
        otherSource: year === 2005,
        tooltip: `v ${year}`,
      })),
    },
  ],
  milestones: [
    { date: "2003-07-02", precision: "day", text: "CKFTA: talks <open>" },
    { date: "2001-01-01", precision: "month", text: "A" },
    { date: "2001-01-01", precision: "day", text: "B" },
  ],
  ...over,
});

describe("explorer chart", () => {
  it("escapes every text it writes", () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const svg = renderChartSvg(input(), { standalone: { subtitle: "<script>", footer: ["</svg><script>alert(1)</script>"] } });
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("draws one point per value, breaks the line at a missing year, marks estimates and other sources", () => {
    const svg = renderChartSvg(input());
    expect(svg).toContain('data-series="KOR-cambodia" data-points="5"');
    // 2000–2002 as a line; 2004 alone; 2005 comes from a report and is never joined to the statistics.
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="none" stroke="#2f7fc1"/g)).toHaveLength(1); // the estimate is hollow
    expect(svg.match(/<rect [^>]*fill="#2f7fc1"/g)).toHaveLength(1); // the report's value is a square
  });

  it("numbers milestones by date, one marker per day", () => {
    const markers = chartMarkers(input().milestones);
    expect(markers.map((m) => [m.n, m.date, m.texts])).toEqual([
      [1, "2001-01-01", ["A", "B"]],
      [2, "2003-07-02", ["CKFTA: talks <open>"]],
    ]);
    expect(markers[0]?.precision).toBe("day");
    const svg = renderChartSvg(input());
    expect(svg.match(/data-milestone-marker=/g)).toHaveLength(2);
  });

  it("draws a labelled break where the main series ends and reports take over", () => {
    expect(renderChartSvg(input())).not.toContain("data-series-break");
    const svg = renderChartSvg(input({ seriesEnd: 2004 }));
    expect(svg).toContain('data-series-break="2004"');
    expect(svg).toContain("IMF to 2004");
  });

  it("keeps the unit on the chart itself and works with no data", () => {
    expect(renderChartSvg(input())).toContain("US$ millions");
    const empty = renderChartSvg(input({ series: [], milestones: [] }));
    expect(empty).toContain("No values are stored");
  });

  it("the narrow drawing is a separate, smaller viewBox", () => {
    expect(renderChartSvg(input(), { layout: "narrow" })).toMatch(/viewBox="0 0 400 /);
    expect(renderChartSvg(input())).toMatch(/viewBox="0 0 640 /);
  });
});

describe("chart helpers", () => {
  it("places a date within its year", () => {
    expect(yearFraction("2020-01-01")).toBe(2020);
    expect(yearFraction("2019-07-02")).toBeCloseTo(2019.5, 2);
  });
  it("chooses a year step that keeps labels few", () => {
    expect(yearStep(2015, 2020)).toBe(1);
    expect(yearStep(2000, 2020)).toBe(5);
    expect(yearStep(1960, 2023)).toBe(10);
    expect(yearStep(2000, 2020, 5)).toBe(5);
  });
  it("splits points into runs of consecutive years", () => {
    expect(runs([{ year: 3 }, { year: 1 }, { year: 2 }, { year: 5 }]).map((r) => r.map((p) => p.year))).toEqual([[1, 2, 3], [5]]);
    const mixed = [1, 2, 3, 4].map((year) => ({ year, report: year > 2 }));
    expect(runs(mixed, (a, b) => a.report === b.report).map((r) => r.map((p) => p.year))).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  it("wraps long lines at spaces", () => {
    expect(wrap("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
  });
});

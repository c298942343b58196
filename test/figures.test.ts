import { describe, expect, it } from "vitest";
import { FLOW_LEADS, figureHeading, pickFigure, sideLabel, type FigureView } from "@/lib/domain/figure";

let nextId = 1;
/** A figure in the 2018 Korea total cell; override what the test is about. */
function fig(over: Partial<FigureView> = {}): FigureView {
  const side = over.side ?? "cambodia";
  const value = over.value ?? 756_000_000;
  return {
    id: nextId++,
    reporter: side === "cambodia" ? "KHM" : "KOR",
    partner: side === "cambodia" ? "KOR" : "KHM",
    counterpart: "KOR",
    side,
    periodStart: "2018-01",
    periodEnd: "2018-12",
    flow: "total",
    khmFlow: "total",
    value,
    khmValue: over.khmValue ?? value,
    unit: "USD",
    note: null,
    preferred: false,
    estimate: false,
    derived: false,
    sourceId: "ppp-2020-09-01",
    sourcePublisher: "The Phnom Penh Post",
    sourceTitle: "[Second round of CKFTA talks held by video conference]",
    sourceDate: "2020-09-01",
    sourceKind: "news_report",
    ...over,
  };
}

const official = (over: Partial<FigureView> = {}) =>
  fig({ sourceId: "imf-dots", sourceKind: "official_statistics", sourcePublisher: "International Monetary Fund", ...over });

describe("pickFigure", () => {
  it("returns null for an empty cell", () => {
    expect(pickFigure([])).toBeNull();
  });

  it("returns the only value with nothing else to compare", () => {
    const only = fig();
    expect(pickFigure([only])).toEqual({ chosen: only, differing: [], agreeing: [] });
  });

  it("chooses the editor's preferred value over everything else", () => {
    const imf = official({ value: 764_042_630 });
    const preferredNews = fig({ sourceId: "yonhap-2020-10-05", side: "partner", derived: true, preferred: true, value: 971_700_000 });
    const pick = pickFigure([imf, preferredNews]);
    expect(pick?.chosen).toBe(preferredNews);
  });

  it("prefers official statistics over news reports when nothing is preferred", () => {
    const news = fig({ value: 756_000_000 });
    const imfPartnerDerived = official({ side: "partner", derived: true, value: 974_953_305 });
    expect(pickFigure([news, imfPartnerDerived])?.chosen).toBe(imfPartnerDerived);
  });

  it("prefers reported over derived, then Cambodia's records over the partner's", () => {
    const derived = official({ derived: true });
    const partner = official({ side: "partner" });
    const cambodia = official({ side: "cambodia" });
    expect(pickFigure([derived, partner])?.chosen).toBe(partner);
    expect(pickFigure([partner, cambodia])?.chosen).toBe(cambodia);
  });

  it("breaks ties by the lower id, whatever the input order", () => {
    const a = fig({ id: 900 });
    const b = fig({ id: 901 });
    expect(pickFigure([b, a])?.chosen).toBe(a);
    expect(pickFigure([a, b])?.chosen).toBe(a);
  });

  it("pins the value of one source when asked, even over a preferred value", () => {
    const preferredImf = official({ preferred: true, value: 764_042_630 });
    const post = fig({ sourceId: "ppp-2020-09-01", value: 756_000_000 });
    const yonhap = fig({ sourceId: "yonhap-2020-10-05", side: "partner", value: 971_700_000 });
    const pick = pickFigure([preferredImf, post, yonhap], { source: "yonhap-2020-10-05" });
    expect(pick?.chosen).toBe(yonhap);
    expect(pick?.differing).toEqual([preferredImf, post]);
  });

  it("returns null when the pinned source has no value in the cell", () => {
    expect(pickFigure([fig(), official()], { source: "yonhap-2020-11-17" })).toBeNull();
  });

  it("restricts to one side's records", () => {
    const khm = official({ side: "cambodia", preferred: true, value: 764_042_630 });
    const kor = official({ side: "partner", value: 974_953_305 });
    const korNews = fig({ side: "partner", sourceId: "yonhap-2020-10-05", value: 971_700_000 });
    const pick = pickFigure([khm, kor, korNews], { side: "partner" });
    expect(pick?.chosen).toBe(kor);
    expect(pickFigure([khm, kor, korNews], { side: "cambodia" })?.chosen).toBe(khm);
  });

  it("combines source and side, and returns null when they exclude each other", () => {
    const khm = official({ side: "cambodia" });
    const kor = official({ side: "partner" });
    expect(pickFigure([khm, kor], { source: "imf-dots", side: "partner" })?.chosen).toBe(kor);
    expect(pickFigure([fig({ side: "cambodia" })], { source: "ppp-2020-09-01", side: "partner" })).toBeNull();
  });

  it("splits the other values into differing and agreeing by the 1% rule", () => {
    const chosen = official({ preferred: true, value: 764_042_630 });
    const close = official({ side: "partner", value: 770_000_000 }); // 0.8% apart
    const far = fig({ value: 756_000_000 }); // 1.05% apart
    const farther = fig({ side: "partner", sourceId: "yonhap-2020-10-05", value: 971_700_000 });
    const pick = pickFigure([far, close, chosen, farther])!;
    expect(pick.chosen).toBe(chosen);
    expect(pick.agreeing).toEqual([close]);
    expect(pick.differing).toEqual([far, farther]);
    // Every other value lands in exactly one list, and the chosen one in neither.
    expect(pick.agreeing.length + pick.differing.length).toBe(3);
    expect([...pick.agreeing, ...pick.differing]).not.toContain(chosen);
  });

  it("compares values from Cambodia's point of view (khmValue), not as reported", () => {
    // Korea reports a 361m surplus; Cambodia reports a 360m deficit: the same fact.
    const khmBalance = fig({ flow: "balance", khmFlow: "balance", value: -360_000_000, preferred: true });
    const korBalance = fig({ side: "partner", flow: "balance", khmFlow: "balance", value: 361_000_000, khmValue: -361_000_000 });
    const pick = pickFigure([khmBalance, korBalance])!;
    expect(pick.agreeing).toEqual([korBalance]);
    expect(pick.differing).toEqual([]);
  });

  it("reports values outside the side filter among the others", () => {
    const khm = official({ side: "cambodia", value: 756_000_000 });
    const kor = official({ side: "partner", value: 974_953_305 });
    const pick = pickFigure([khm, kor], { side: "partner" })!;
    expect(pick.chosen).toBe(kor);
    expect(pick.differing).toEqual([khm]);
  });

  it("does not reorder the cell it is given", () => {
    const cell = [fig({ id: 3 }), official({ id: 2 }), fig({ id: 1, preferred: true })];
    const ids = cell.map((f) => f.id);
    pickFigure(cell);
    expect(cell.map((f) => f.id)).toEqual(ids);
  });
});

describe("labels", () => {
  it("has a label for every stored flow", () => {
    for (const flow of [
      "exports",
      "imports",
      "total",
      "balance",
      "investment_stock",
      "partner_rank",
      "investor_rank",
      "destination_rank",
    ]) {
      expect(FLOW_LEADS[flow as keyof typeof FLOW_LEADS], flow).toMatch(/\S/);
    }
  });

  it("heads a figure with its flow and counterpart, the same on every page", () => {
    expect(figureHeading("exports", "South Korea")).toBe("Cambodia's exports to South Korea");
    expect(figureHeading("total", "the world")).toBe("Trade between Cambodia and the world");
    expect(figureHeading("partner_rank", "Japan")).toBe("Rank among Cambodia's trading partners: Japan");
    expect(figureHeading("destination_rank", "South Korea")).toBe("Cambodia's rank among the export markets of South Korea");
  });

  it("names whose records a value comes from", () => {
    expect(sideLabel(fig({ side: "cambodia" }), "South Korea")).toBe("Cambodia's records");
    expect(sideLabel(fig({ side: "partner" }), "South Korea")).toBe("South Korea's records");
  });
});

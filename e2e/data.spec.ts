import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { testDb } from "./db";
import { expectedMilestoneDates, expectedRows, millions, type ExpectedRow } from "./explorerDb";

// Korea and Japan, total trade, both sides: IMF values, news-report values that lose to them
// (Korea 2018–2019), and news-report values that fill years the IMF data lack (Japan 2022–2023).
const SELECTION = { partners: ["KOR", "JPN"], flow: "total", from: 2010, to: 2023, side: "both" } as const;
const SEARCH = `partner=${SELECTION.partners.join(",")}&flow=${SELECTION.flow}&from=${SELECTION.from}&to=${SELECTION.to}&side=${SELECTION.side}`;

async function expected(
  q: { partners: readonly string[]; flow: string; from: number; to: number; side: string } = SELECTION,
): Promise<ExpectedRow[]> {
  const db = testDb();
  try {
    const sides = q.side === "both" ? (["cambodia", "partner"] as const) : ([q.side] as ("cambodia" | "partner")[]);
    return expectedRows(db, { partners: [...q.partners], flow: q.flow, from: q.from, to: q.to, sides: [...sides] });
  } finally {
    await db.close();
  }
}

/** The value cells of the explorer's table, read from the page. */
async function tableCells(page: Page) {
  return page.locator("[data-explorer-table] td[data-figure-id]").evaluateAll((tds) =>
    tds.map((td) => ({
      id: Number(td.getAttribute("data-figure-id")),
      value: Number(td.getAttribute("data-value")),
      partner: td.getAttribute("data-partner"),
      side: td.getAttribute("data-side"),
      year: Number(td.getAttribute("data-year")),
      text: td.querySelector("a")?.textContent ?? "",
    })),
  );
}

test.describe("the data explorer", () => {
  test("a link opened fresh reproduces the selection: controls, table and chart", async ({ page }) => {
    await page.goto(`/data?${SEARCH}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Explore Cambodia's trade");

    // Form controls show the selection in the URL.
    const form = page.locator("[data-explorer-form]");
    const checked = await form.locator('input[name="partner"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(checked.sort()).toEqual([...SELECTION.partners].sort());
    await expect(form.locator('select[name="flow"]')).toHaveValue(SELECTION.flow);
    await expect(form.locator('select[name="from"]')).toHaveValue(String(SELECTION.from));
    await expect(form.locator('select[name="to"]')).toHaveValue(String(SELECTION.to));
    await expect(form.locator(`input[name="side"][value="${SELECTION.side}"]`)).toBeChecked();
    await expect(form.locator("[data-chosen-partners]")).toHaveText("Japan, South Korea");

    // The table holds exactly the values the database gives for this selection, in order.
    const rows = await expected();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.source_id !== "imf-dots")).toBe(true);
    const cells = await tableCells(page);
    const byYearThenColumn = [...rows].sort(
      (a, b) =>
        a.year - b.year ||
        SELECTION.partners.indexOf(a.partner as "KOR") - SELECTION.partners.indexOf(b.partner as "KOR") ||
        (a.side === "cambodia" ? -1 : 1),
    );
    expect(cells.map((c) => ({ id: c.id, value: c.value, partner: c.partner, side: c.side, year: c.year }))).toEqual(
      byYearThenColumn.map((r) => ({ id: r.id, value: r.value, partner: r.partner, side: r.side, year: r.year })),
    );
    for (const c of cells) expect(c.text).toBe(millions(c.value));
    await expect(page.getByText("US$ millions").first()).toBeVisible();
    await expect(page.getByText(/FOB/).first()).toBeVisible();

    // Values from a report, not the IMF statistics, say where they come from.
    const report = rows.find((r) => r.source_id !== "imf-dots");
    const reportCell = page.locator(`[data-explorer-table] td[data-figure-id="${report?.id}"]`);
    await expect(reportCell.locator("sup a")).toHaveAttribute("href", /#source-[a-z]$/);
    await expect(page.locator("#source-a a")).toHaveAttribute("href", `/sources/${report?.source_id}`);

    // The chart draws one line per partner and side, with as many points as the table has values.
    const chart = page.locator('[data-chart="explorer"] [data-chart-layout="wide"]');
    for (const p of SELECTION.partners) {
      for (const side of ["cambodia", "partner"] as const) {
        const n = rows.filter((r) => r.partner === p && r.side === side).length;
        await expect(chart.locator(`[data-series="${p}-${side}"]`)).toHaveAttribute("data-points", String(n));
      }
    }
    // Milestones of the partners' agreements with Cambodia are marked, one number per date.
    const db = testDb();
    const dates = await expectedMilestoneDates(db, [...SELECTION.partners], SELECTION.from, SELECTION.to);
    await db.close();
    expect(dates.length).toBeGreaterThan(0);
    await expect(chart.locator("[data-milestone-marker]")).toHaveCount(dates.length);
    expect(await page.locator("[data-milestones] time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")))).toEqual(dates);
  });

  test("the CSV download holds exactly the rows in the database", async ({ page }) => {
    await page.goto(`/data?${SEARCH}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-downloads]").getByRole("link", { name: "CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("cambodia-trade-kor-jpn-total-2010-2023-both.csv");
    const records = parse(readFileSync((await download.path()) ?? ""), { columns: true }) as Record<string, string>[];
    const rows = await expected();
    expect(records.map((r) => Number(r.figure_id))).toEqual(rows.map((r) => r.id));
    for (const [i, r] of rows.entries()) {
      const rec = records[i];
      expect(rec).toMatchObject({
        partner: r.partner,
        side: r.side,
        year: String(r.year),
        value: String(r.value),
        reported_value: String(r.reported_value),
        unit: "USD",
        source_id: r.source_id,
        preferred: r.preferred ? "true" : "false",
        estimate: r.estimate ? "true" : "false",
        derived: r.derived ? "true" : "false",
      });
      expect(rec?.source_url).toMatch(new RegExp(`/sources/${r.source_id}$`));
      expect(Number(rec?.value_usd_millions)).toBeCloseTo(r.value / 1e6, 6);
    }
  });

  test("the JSON download holds the same rows, with a citation", async ({ page }) => {
    await page.goto(`/data?${SEARCH}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-downloads]").getByRole("link", { name: "JSON" }).click(),
    ]);
    const body = JSON.parse(readFileSync((await download.path()) ?? "", "utf8")) as {
      unit: string;
      citation: string;
      link: string;
      data: { figure_id: number; value: number; side: string; year: number; partner: string; source_id: string }[];
    };
    const rows = await expected();
    expect(body.data.map((d) => [d.figure_id, d.partner, d.side, d.year, d.value, d.source_id])).toEqual(
      rows.map((r) => [r.id, r.partner, r.side, r.year, r.value, r.source_id]),
    );
    expect(body.unit).toBe("USD");
    expect(body.link).toContain(`/data?${SEARCH}`);
    await expect(page.locator("[data-citation]")).toContainText(`/data?${SEARCH}`);
    await expect(page.locator("[data-cite]")).toContainText("International Monetary Fund");
    await expect(page.locator("[data-cite]")).toContainText("Retrieved");
  });

  test("the chart downloads as an SVG file of the same selection", async ({ page }) => {
    await page.goto(`/data?${SEARCH}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-downloads]").getByRole("link", { name: "Chart (SVG)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    const svg = readFileSync((await download.path()) ?? "", "utf8");
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("US$ millions");
    const rows = await expected();
    for (const p of SELECTION.partners) {
      const n = rows.filter((r) => r.partner === p && r.side === "cambodia").length;
      expect(svg).toContain(`data-series="${p}-cambodia" data-points="${n}"`);
    }
  });

  test("choosing in the form puts the choice in the address", async ({ page }) => {
    await page.goto("/data");
    const form = page.locator("[data-explorer-form]");
    await form.locator("summary").click();
    await form.getByLabel(/Thailand/).check();
    await form.locator('select[name="flow"]').selectOption("imports");
    await form.getByLabel("Cambodia's records").check();
    await form.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/flow=imports/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("partner").sort()).toEqual(["KOR", "THA"]);
    expect(url.searchParams.get("side")).toBe("cambodia");
    const from = Number(url.searchParams.get("from"));
    const to = Number(url.searchParams.get("to"));
    const rows = await expected({ partners: ["KOR", "THA"], flow: "imports", from, to, side: "cambodia" });
    const cells = await tableCells(page);
    expect(cells.map((c) => c.id).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    // The embed code is for this same view.
    await expect(page.locator("[data-embed-code]")).toContainText(
      `/embed/chart?partner=KOR,THA&flow=imports&from=${from}&to=${to}&side=cambodia`,
    );
  });

  test("bad parameters get a clear message, not a crash", async ({ page }) => {
    await page.goto("/data?partner=XYZ&flow=total&from=2015&to=2010&side=mine&utm_source=news");
    const alert = page.locator("[role=alert][data-param-errors]");
    await expect(alert).toContainText("not valid");
    await expect(alert.locator("[data-param]")).toHaveText([/^partner: unknown partner "XYZ"/, /^side: /]);
    await page.goto("/data?partner=KOR&from=2015&to=2010");
    await expect(page.locator('[data-param-errors] [data-param="from"]')).toContainText("after");
    await expect(page.locator("[data-explorer-table]")).toHaveCount(0);
    // Unknown names on a shared link are listed, not fatal.
    await page.goto("/data?partner=KOR&utm_source=news");
    await expect(page.locator("[data-ignored-params]")).toContainText("utm_source");
    await expect(page.locator("[data-explorer-table]")).toBeVisible();
  });

  test("the explorer and the API page fit a 360 px screen", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of [`/data?${SEARCH}`, "/data/api", `/embed/chart?${SEARCH}`]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.goto(`/data?${SEARCH}`);
    await expect(page.locator('[data-chart-layout="narrow"] svg')).toBeVisible();
    await expect(page.locator('[data-chart-layout="wide"] svg')).toBeHidden();
  });
});

test.describe("embeds", () => {
  test("the chart embed shows the same chart without the site's header, and links back", async ({ page }) => {
    await page.goto(`/embed/chart?${SEARCH}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    const rows = await expected();
    for (const p of SELECTION.partners) {
      const n = rows.filter((r) => r.partner === p && r.side === "partner").length;
      await expect(page.locator(`[data-chart-layout="wide"] [data-series="${p}-partner"]`)).toHaveAttribute("data-points", String(n));
    }
    await expect(page.locator("[data-full-page]")).toHaveAttribute("href", `/data?${SEARCH}`);
    await expect(page.locator("[data-full-page]")).toHaveAttribute("target", "_blank");
    await expect(page.getByRole("link", { name: /International Monetary Fund/ })).toHaveAttribute("href", "/sources/imf-dots");
  });

  test("the figure embed shows one stored figure with its source", async ({ page }) => {
    const db = testDb();
    const f = (await db.get(
      `SELECT id, value, source_id FROM trade_figures WHERE counterpart = 'KOR' AND khm_flow = 'total' AND period_start = '2019-01' AND period_end = '2019-12' AND source_id = 'yonhap-2020-10-05'`,
    )) as { id: number; value: number; source_id: string };
    await db.close();
    await page.goto(`/embed/figure/${f.id}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.locator("[data-embed-figure] [data-value]")).toHaveAttribute("data-value", String(f.value));
    await expect(page.locator("[data-source-link]")).toHaveAttribute("href", `/sources/${f.source_id}`);
    await expect(page.locator("[data-full-page]")).toHaveAttribute("href", `/figures/${f.id}`);
    const missing = await page.request.get("/embed/figure/99999999");
    expect(missing.status()).toBe(404);
  });
});

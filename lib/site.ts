export const SITE = {
  name: "Cambodia Trade Monitor",
  tagline: "Cambodia's trade agreements, round by round, with the numbers behind them",
  url: process.env.SITE_URL ?? "http://localhost:3000",
} as const;

/**
 * The day the sourced record (shared/sources/record-2021-2026.md and the WTO export of early 2026)
 * was last brought up to date. Pages name the years after the IMF series that have no full-year
 * figure up to the last complete year before this date.
 */
export const RECORD_REVIEWED = "2026-12-01";
export const LAST_COMPLETE_YEAR = Number(RECORD_REVIEWED.slice(0, 4)) - 1;

/** The front page's key figures: which cells to show. The values always come from the database. */
export const KEY_FIGURES = [
  { partner: "KOR", flow: "total", period: "2019", caption: "Cambodia–Korea trade" },
  { partner: "JPN", flow: "total", period: "2024-01/2024-02", caption: "Cambodia–Japan trade" },
  { partner: "CHN", flow: "total", period: "2020", caption: "Cambodia–China trade" },
  { partner: "WLD", flow: "exports", period: "2020", caption: "Cambodia's exports to the world" },
] as const;

const dayFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthFmt = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const shortFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** "2 July 2020", or "July 2020" when only the month is known. */
export function formatDate(iso: string, precision: "day" | "month" = "day"): string {
  return (precision === "month" ? monthFmt : dayFmt).format(asDate(iso));
}

/** "30–31 July 2020", "31 Aug – 2 Sept 2020", "January–May 2020" for month precision. */
export function formatDateRange(start: string, end: string, precision: "day" | "month" = "day"): string {
  if (start === end || (precision === "month" && start.slice(0, 7) === end.slice(0, 7))) return formatDate(start, precision);
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  if (precision === "month") {
    const m1 = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(asDate(start));
    return sameYear ? `${m1}–${monthFmt.format(asDate(end))}` : `${monthFmt.format(asDate(start))} – ${monthFmt.format(asDate(end))}`;
  }
  if (sameYear && start.slice(5, 7) === end.slice(5, 7)) {
    return `${Number(start.slice(8, 10))}–${dayFmt.format(asDate(end))}`;
  }
  if (sameYear) return `${shortFmt.format(asDate(start))} – ${shortFmt.format(asDate(end))} ${start.slice(0, 4)}`;
  return `${dayFmt.format(asDate(start))} – ${dayFmt.format(asDate(end))}`;
}

/** "2 July 2020, 06:00 UTC" for update timestamps. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const time = d.toISOString().slice(11, 16);
  return `${dayFmt.format(d)}, ${time} UTC`;
}

const yearFmt = new Intl.DateTimeFormat("en-GB", { year: "numeric", timeZone: "UTC" });
const shortMonthFmt = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/**
 * A source's date as much as the source gives it: "3 February 2021", "December 2022", "2025", and
 * "c. February 2022" when the date is inferred from the article rather than printed on it.
 */
export function formatSourceDate(iso: string, precision: "day" | "month" | "year" = "day", inferred = false): string {
  const text = precision === "year" ? yearFmt.format(asDate(iso)) : formatDate(iso, precision);
  return inferred ? `c. ${text}` : text;
}

/** "Dec 2022": the stepper's compact dates (the full date is one click away). */
export function formatMonthShort(iso: string): string {
  return shortMonthFmt.format(asDate(iso));
}

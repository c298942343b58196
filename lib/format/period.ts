/** Periods are stored as first and last month, "YYYY-MM". Labels: "2019", "2023-03", "2024-01/2024-02". */
export type Period = { start: string; end: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function periodFromLabel(label: string): Period | null {
  if (/^\d{4}$/.test(label)) return { start: `${label}-01`, end: `${label}-12` };
  if (MONTH.test(label)) return { start: label, end: label };
  const [start, end, ...rest] = label.split("/");
  if (rest.length || !start || !end || !MONTH.test(start) || !MONTH.test(end) || end < start) return null;
  return { start, end };
}

export function periodLabel(p: Period): string {
  if (p.start === p.end) return p.start;
  if (p.start.endsWith("-01") && p.end.endsWith("-12") && p.start.slice(0, 4) === p.end.slice(0, 4)) return p.start.slice(0, 4);
  return `${p.start}/${p.end}`;
}

const monthName = (m: string) => MONTHS[Number(m.slice(5, 7)) - 1] ?? m;

/** For readers: "2019", "Mar 2023", "Jan–Feb 2024", "Nov 2023–Feb 2024". */
export function periodText(p: Period): string {
  const label = periodLabel(p);
  if (/^\d{4}$/.test(label)) return label;
  const y1 = p.start.slice(0, 4);
  const y2 = p.end.slice(0, 4);
  if (p.start === p.end) return `${monthName(p.start)} ${y1}`;
  if (y1 === y2) return `${monthName(p.start)}–${monthName(p.end)} ${y1}`;
  return `${monthName(p.start)} ${y1}–${monthName(p.end)} ${y2}`;
}

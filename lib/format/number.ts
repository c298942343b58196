/** Money is stored in whole US dollars; readers see millions or billions with the unit spelled out. */
export function formatUsd(value: number, opts: { precise?: boolean } = {}): string {
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  if (abs >= 1e9) {
    const digits = opts.precise ? 3 : abs >= 1e10 ? 1 : 2;
    return `${sign}US$${trim((abs / 1e9).toFixed(digits))} billion`;
  }
  if (abs >= 1e6) {
    const digits = opts.precise ? 2 : abs >= 1e8 ? 0 : 1;
    return `${sign}US$${trim((abs / 1e6).toFixed(digits))} million`;
  }
  return `${sign}US$${Math.round(abs).toLocaleString("en-US")}`;
}

/** Compact form for axes and tables: "1,033.5" (US$ millions). */
export function formatMillions(value: number, digits = 1): string {
  return (value / 1e6).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ordinal(n: number): string {
  const s = ["th", "st", "nd", "rd"];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

export function formatPercent(ratio: number, digits = 1): string {
  const pct = ratio * 100;
  const sign = pct > 0 ? "+" : pct < 0 ? "−" : "";
  return `${sign}${Math.abs(pct).toFixed(digits)}%`;
}

function trim(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Two values differ when they disagree by more than rounding would explain (over 1%). */
export function valuesDiffer(a: number, b: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale > 0 && Math.abs(a - b) / scale > 0.01;
}

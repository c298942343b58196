/** Money is stored in whole US dollars; readers see millions or billions with the unit spelled out. */
export function formatUsd(value: number, opts: { precise?: boolean } = {}): string {
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  // Pick the unit after rounding, so 999.96 million reads as 1 billion rather than 1000 million.
  const millionDigits = opts.precise ? 2 : abs >= 1e8 ? 0 : 1;
  if (abs >= 1e9 || Number((abs / 1e6).toFixed(millionDigits)) >= 1000) {
    const digits = opts.precise ? 3 : abs >= 1e10 ? 1 : 2;
    return `${sign}US$${trim((abs / 1e9).toFixed(digits))} billion`;
  }
  if (abs >= 1e6) {
    return `${sign}US$${trim((abs / 1e6).toFixed(millionDigits))} million`;
  }
  return `${sign}US$${Math.round(abs).toLocaleString("en-US")}`;
}

/** Every stored dollar, for readers who want the figure as reported: "US$325,650,000". */
export function formatUsdExact(value: number): string {
  const sign = value < 0 ? "−" : "";
  return `${sign}US$${Math.abs(Math.round(value)).toLocaleString("en-US")}`;
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
  const rounded = Number((ratio * 100).toFixed(digits));
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${Math.abs(rounded).toFixed(digits)}%`;
}

function trim(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** Two values differ when they disagree by more than rounding would explain (over 1%). */
export function valuesDiffer(a: number, b: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale > 0 && Math.abs(a - b) / scale > 0.01;
}

/**
 * Editors type money in US$ millions ("1033.5"); we store whole dollars as integers. Parsing is done
 * on the digits, never through floating point, so 0.1 + 0.2 problems cannot creep in.
 */
export const MAX_MILLIONS = 100_000_000; // US$100 trillion, the database's CHECK limit

export type MoneyResult = { ok: true; dollars: number } | { ok: false; message: string };

export function parseMillions(raw: string): MoneyResult {
  const s = raw.trim();
  if (s === "") return { ok: false, message: "Enter a value in US$ millions, e.g. 1033.5." };
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^-?\d+,\d+$/.test(s)) {
    return { ok: false, message: "Use a dot for decimals and no thousands separators, e.g. 1033.5." };
  }
  if (/[eE]/.test(s) && /\d/.test(s)) return { ok: false, message: "Write the number out in full, without an exponent." };
  const m = /^(-?)(\d{1,9})(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return { ok: false, message: "Enter a number in US$ millions with at most six decimals, e.g. 1033.5." };
  const [, sign, whole, frac = ""] = m;
  const dollars = Number(whole) * 1_000_000 + Number(frac.padEnd(6, "0"));
  if (Number(whole) > MAX_MILLIONS || (Number(whole) === MAX_MILLIONS && Number(frac) > 0)) {
    return { ok: false, message: "That is larger than any trade flow could be (over US$100 trillion)." };
  }
  return { ok: true, dollars: sign === "-" && dollars !== 0 ? -dollars : dollars };
}

/** The inverse, for filling the form: 1033500000 → "1033.5". */
export function formatMillions(dollars: number): string {
  const sign = dollars < 0 ? "-" : "";
  const abs = Math.abs(dollars);
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

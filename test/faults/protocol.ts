/**
 * Pure helpers of the fault tests: the server-action wire format (multipart request, RSC answer),
 * and the numbers the report prints. No I/O here, so Vitest checks them directly.
 */

export type Field = [name: string, value: string];

/** The fields of a multipart/form-data body as a browser sent it (text fields only). */
export function parseMultipart(body: string, contentType: string): Field[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const fields: Field[] = [];
  for (const part of body.split(`--${boundary}`)) {
    if (part === "" || part.startsWith("--")) continue;
    const text = part.replace(/^\r?\n/, "").replace(/\r?\n$/, "");
    const split = /\r?\n\r?\n/.exec(text);
    if (!split) continue;
    const head = text.slice(0, split.index);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    if (/filename=/i.test(head)) throw new Error(`file field ${name} not supported`);
    fields.push([name, text.slice(split.index + split[0].length)]);
  }
  return fields;
}

/**
 * React encodes a form's fields as `_<ref>_<name>` (plus `0`, the action's arguments). Returns a
 * copy with the named fields replaced; every name must exist, so a renamed form field fails loudly.
 */
export function withFields(fields: Field[], changes: Record<string, string>): Field[] {
  const out = fields.map(([k, v]): Field => [k, v]);
  for (const [name, value] of Object.entries(changes)) {
    const hits = out.filter(([k]) => k === name || new RegExp(`^_\\d+_${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`).test(k));
    if (hits.length !== 1) throw new Error(`form field ${name}: expected one, found ${hits.length}`);
    hits[0]![1] = value;
  }
  return out;
}

export function fieldValue(fields: Field[], name: string): string | undefined {
  return fields.find(([k]) => k === name || new RegExp(`^_\\d+_${name}$`).test(k))?.[1];
}

export type ActionOutcome = {
  /** The server said the write was done: only then does a test count it as acknowledged. */
  ok: boolean;
  kind: "ok" | "redirect" | "error" | "http" | "unparsed";
  message: string;
};

/**
 * Reads a server action's answer. A save is acknowledged only when
 * - the status is 200 (or 303) and the action redirected to a page matching `redirectOk`
 *   (adminAction redirects only after the commit), or
 * - the RSC payload's action result (row 0's `"a":"$@N"`, then row N) has `"status":"ok"`.
 * Everything else (an error FormState, a 500, a payload we cannot read) is not acknowledged.
 */
export function classifyAction(status: number, redirectHeader: string | null, body: string, redirectOk?: RegExp): ActionOutcome {
  if (status !== 200 && status !== 303) return { ok: false, kind: "http", message: `HTTP ${status}` };
  if (redirectHeader) {
    const ok = redirectOk ? redirectOk.test(redirectHeader) : false;
    return { ok, kind: "redirect", message: `redirect ${redirectHeader}` };
  }
  const row0 = rscRow(body, "0");
  const ref = row0 && typeof row0 === "object" && "a" in row0 ? (row0 as { a: unknown }).a : undefined;
  if (typeof ref !== "string" || !/^\$@[0-9a-f]+$/.test(ref))
    return { ok: false, kind: "unparsed", message: "no action result in the answer" };
  const result = rscRow(body, ref.slice(2));
  if (!result || typeof result !== "object" || !("status" in result))
    return { ok: false, kind: "unparsed", message: `row ${ref.slice(2)} missing` };
  const r = result as { status: unknown; message?: unknown };
  const message = typeof r.message === "string" ? r.message : "";
  if (r.status === "ok") return { ok: true, kind: "ok", message };
  return { ok: false, kind: "error", message };
}

/** One JSON row `<id>:<json>` of a React Server Components payload, or undefined. */
export function rscRow(body: string, id: string): unknown {
  const prefix = `${id}:`;
  const start = body.startsWith(prefix) ? 0 : body.indexOf(`\n${prefix}`) + 1;
  if (start === 0 && !body.startsWith(prefix)) return undefined;
  const end = body.indexOf("\n", start);
  const text = body.slice(start + prefix.length, end === -1 ? undefined : end);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every `data-value` shown for figure `id` on a page (a story may show one figure twice). */
export function figureValues(html: string, id: number): number[] {
  const re = new RegExp(`data-figure-id="${id}" data-value="(-?\\d+)"`, "g");
  return [...html.matchAll(re)].map((m) => Number(m[1]));
}

/** US$ millions as an editor types them (whole dollars → "1234.567890"). */
export function dollarsToMillions(dollars: number): string {
  if (!Number.isSafeInteger(dollars) || dollars < 0) throw new Error(`bad amount ${dollars}`);
  return `${Math.floor(dollars / 1e6)}.${String(dollars % 1e6).padStart(6, "0")}`;
}

export type Save = { value: number; returnedAt: number };
export type Read = { startedAt: number; value: number };
export type StaleReport = {
  checked: number;
  /** Largest time a response was behind: request start minus the return of the first save it misses. */
  maxStaleMs: number;
  /** Responses that started more than `limitMs` after a save returned yet showed an older value. */
  late: { startedAt: number; shown: number; expected: number; staleMs: number }[];
  /** Responses showing a value that no acknowledged save wrote (nor the starting value). */
  unknown: number;
};

/**
 * Saves are sequential, so their values have an order: `initial`, saves[0].value, saves[1].value...
 * A read is checked against the saves that had returned before it started: it must show the newest
 * of them or something later, unless that save returned less than `limitMs` before the read began.
 */
export function staleness(initial: number, saves: Save[], reads: Read[], limitMs: number): StaleReport {
  const rank = new Map<number, number>([[initial, -1]]);
  saves.forEach((s, i) => rank.set(s.value, i));
  const returned = saves.map((s) => s.returnedAt);
  const report: StaleReport = { checked: 0, maxStaleMs: 0, late: [], unknown: 0 };
  for (const r of reads) {
    const shown = rank.get(r.value);
    if (shown === undefined) {
      report.unknown++;
      continue;
    }
    report.checked++;
    // Newest save that had returned when the request started.
    const due = lastBefore(returned, r.startedAt);
    if (shown >= due) continue;
    const staleMs = r.startedAt - returned[shown + 1]!;
    report.maxStaleMs = Math.max(report.maxStaleMs, staleMs);
    // Late only if some save newer than the shown value had returned more than limitMs before.
    const dueLimit = lastBefore(returned, r.startedAt - limitMs);
    if (shown < dueLimit) {
      const expected = saves[dueLimit]!.value;
      report.late.push({ startedAt: r.startedAt, shown: r.value, expected, staleMs });
    }
  }
  return report;
}

/** Index of the last element < t in an ascending list, or -1. */
function lastBefore(sorted: number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The largest value, by a loop: `Math.max(...xs)` overflows the call stack past about 100,000 values (a quiet machine's readers). */
export function maxOf(xs: readonly number[]): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const x of xs) if (x > m) m = x;
  return m;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** A plain-text table with a header row; columns padded to their widest cell. */
export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

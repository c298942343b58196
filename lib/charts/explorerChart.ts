import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";

/**
 * The explorer's line chart as one SVG string: the /data page and the embed inline it, the
 * download serves it as a file, so all three draw exactly the same marks. Colours are plain
 * presentation attributes (no <style>, no style="" that a strict CSP would block); text and rules
 * use currentColor, so the inline chart follows the page's light or dark text, and the file
 * version sets its own colour and paper.
 */

/** Mid-tone hues that keep at least 3:1 contrast on both the light and the dark paper. */
export const SERIES_COLORS = ["#2f7fc1", "#c8553d", "#1f9a6e", "#b062b0", "#a98300", "#6b7f99"] as const;

export type ChartPointInput = { year: number; value: number; estimate: boolean; otherSource: boolean; tooltip: string };
export type ChartSeriesInput = { key: string; label: string; colorIndex: number; dashed: boolean; points: ChartPointInput[] };
export type ChartInput = {
  id: string;
  title: string;
  description: string;
  from: number;
  to: number;
  series: ChartSeriesInput[];
  milestones: { date: string; precision: "day" | "month"; text: string }[];
  /**
   * The last year of the main series when values from other sources follow it: a labelled break is
   * drawn after it, and nothing is joined across it.
   */
  seriesEnd?: number | null;
};
export type ChartMarker = { n: number; date: string; precision: "day" | "month"; texts: string[] };
/** Text the downloaded file carries around the plot, so it still makes sense on its own. */
export type StandaloneText = { subtitle: string; footer: string[] };

/** Two drawings of the same chart: wide for the page and the file, narrow for phones, so text stays legible. */
export const LAYOUTS = {
  wide: { width: 640, plotHeight: 320, left: 76, font: 14, maxYearLabels: 8 },
  narrow: { width: 400, plotHeight: 300, left: 62, font: 13, maxYearLabels: 5 },
} as const;
export type LayoutName = keyof typeof LAYOUTS;
type Layout = (typeof LAYOUTS)[LayoutName];
const FONT = "Inter, 'Helvetica Neue', Arial, sans-serif";
const FILE_INK = "#16181d";
const FILE_PAPER = "#fbfaf7";

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** A date as a fractional year on the time axis: 1 July 2020 → about 2020.5. */
export function yearFraction(isoDate: string): number {
  const y = Number(isoDate.slice(0, 4));
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  const t = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return y + (t - start) / (end - start);
}

/** Milestones on the same day share one numbered marker; numbers run in date order. */
export function chartMarkers(milestones: ChartInput["milestones"]): ChartMarker[] {
  const byDate = new Map<string, ChartInput["milestones"]>();
  for (const m of [...milestones].sort((a, b) => a.date.localeCompare(b.date))) byDate.set(m.date, [...(byDate.get(m.date) ?? []), m]);
  return [...byDate.entries()].map(([date, items], i) => ({
    n: i + 1,
    date,
    precision: items.every((m) => m.precision === "month") ? "month" : "day",
    texts: items.map((m) => m.text),
  }));
}

/** "2020-07-02", or "2019-03" when only the month is known. */
export function markerDate(m: Pick<ChartMarker, "date" | "precision">): string {
  return m.precision === "month" ? m.date.slice(0, 7) : m.date;
}

/** Breaks text into lines of at most `max` characters at spaces (SVG text does not wrap by itself). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Label step for the year axis: 1, 2, 5, 10 or 20 years, at most `maxLabels` labels. */
export function yearStep(from: number, to: number, maxLabels = 8): number {
  const span = to - from + 1;
  return [1, 2, 5, 10, 20].find((s) => Math.ceil(span / s) <= maxLabels) ?? 20;
}

/**
 * Consecutive years form one stroke; a missing year breaks the line rather than bridging it, and so
 * does a change of source (`sameSeries`): a value quoted in a report is never joined to the
 * statistics' line, as if the two were one series.
 */
export function runs<T extends { year: number }>(points: readonly T[], sameSeries: (a: T, b: T) => boolean = () => true): T[][] {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const out: T[][] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    const prev = last?.at(-1);
    if (last && prev && p.year === prev.year + 1 && sameSeries(prev, p)) last.push(p);
    else out.push([p]);
  }
  return out;
}

/** Stacks marker labels in up to three rows so nearby dates do not print over each other. */
function markerRows(xs: number[]): number[] {
  const lastX: number[] = [];
  return xs.map((x) => {
    let row = lastX.findIndex((lx) => x - lx >= 20);
    if (row === -1) row = lastX.length < 3 ? lastX.length : lastX.indexOf(Math.min(...lastX));
    lastX[row] = x;
    return row;
  });
}

function plot(input: ChartInput, markers: ChartMarker[], L: Layout): { body: string; height: number } {
  const W = L.width;
  const x = scaleLinear()
    .domain([input.from, input.to + 1])
    .range([L.left, W - 14]);
  const markerXs = markers.map((m) => x(yearFraction(m.date)));
  const rows = markerRows(markerXs);
  const nRows = markers.length ? Math.max(...rows) + 1 : 0;
  const top = 14 + nRows * 20;
  const bottom = top + L.plotHeight - 48;
  const height = bottom + 34;

  const values = input.series.flatMap((s) => s.points.map((p) => p.value / 1e6));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(5)
    .range([bottom, top]);
  const parts: string[] = [];

  for (const t of y.ticks(5)) {
    const yy = num(y(t));
    parts.push(
      `<line x1="${L.left}" x2="${W - 14}" y1="${yy}" y2="${yy}" stroke="currentColor" stroke-opacity="${t === 0 ? 0.6 : 0.15}" stroke-width="1"/>`,
      `<text x="${L.left - 8}" y="${yy}" dy="0.32em" text-anchor="end" font-size="${L.font}" fill="currentColor" fill-opacity="0.75">${esc(t.toLocaleString("en-US"))}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(${L.font} ${num((top + bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="${L.font}" fill="currentColor" fill-opacity="0.75">US$ millions</text>`,
  );
  const step = yearStep(input.from, input.to, L.maxYearLabels);
  for (let yr = input.from; yr <= input.to; yr++) {
    if (yr % step !== 0) continue;
    parts.push(
      `<text x="${num(x(yr + 0.5))}" y="${num(bottom + 22)}" text-anchor="middle" font-size="${L.font}" fill="currentColor" fill-opacity="0.75">${yr}</text>`,
    );
  }

  markers.forEach((m, i) => {
    const mx = num(markerXs[i] ?? 0);
    const cy = num(12 + (rows[i] ?? 0) * 20);
    parts.push(
      `<g data-milestone-marker="${m.n}">`,
      `<title>${esc(`${m.n}. ${markerDate(m)}: ${m.texts.join(" ")}`)}</title>`,
      `<line x1="${mx}" x2="${mx}" y1="${cy}" y2="${num(bottom)}" stroke="currentColor" stroke-opacity="0.55" stroke-dasharray="3 3"/>`,
      `<circle cx="${mx}" cy="${cy}" r="9" fill="none" stroke="currentColor" stroke-opacity="0.7"/>`,
      `<text x="${mx}" y="${cy}" dy="0.35em" text-anchor="middle" font-size="11" font-weight="700" fill="currentColor">${m.n}</text>`,
      `</g>`,
    );
  });

  if (input.seriesEnd != null && input.seriesEnd >= input.from && input.seriesEnd < input.to) {
    const bx = num(x(input.seriesEnd + 1));
    // The years after the series sit on a faint band, so report values never read as its continuation.
    parts.push(
      `<g data-series-break="${input.seriesEnd}">`,
      `<rect x="${bx}" y="${num(top)}" width="${num(W - 14 - Number(bx))}" height="${num(bottom - top)}" fill="currentColor" fill-opacity="0.06"/>`,
      `<line x1="${bx}" x2="${bx}" y1="${num(top)}" y2="${num(bottom)}" stroke="currentColor" stroke-opacity="0.8" stroke-width="1.5"/>`,
      `<text x="${num(Number(bx) - 5)}" y="${num(bottom - 8)}" text-anchor="end" font-size="${L.font - 2}" fill="currentColor" fill-opacity="0.85">${esc(`IMF to ${input.seriesEnd}`)}</text>`,
      `<text x="${num(Number(bx) + 5)}" y="${num(bottom - 8)}" text-anchor="start" font-size="${L.font - 2}" fill="currentColor" fill-opacity="0.85">reports</text>`,
      `</g>`,
    );
  }

  const path = line<ChartPointInput>()
    .x((p) => x(p.year + 0.5))
    .y((p) => y(p.value / 1e6));
  for (const s of input.series) {
    const color = SERIES_COLORS[s.colorIndex % SERIES_COLORS.length] ?? SERIES_COLORS[0];
    const r = s.points.length > 30 ? 2 : 3.5;
    parts.push(`<g data-series="${esc(s.key)}" data-points="${s.points.length}">`);
    // Values from other sources (reports) are single marks: only the main series is drawn as a line.
    for (const run of runs(s.points, (a, b) => a.otherSource === b.otherSource)) {
      if (run.length > 1 && !run[0]?.otherSource) {
        parts.push(
          `<path d="${path(run) ?? ""}" fill="none" stroke="${color}" stroke-width="2.25"${s.dashed ? ` stroke-dasharray="7 4"` : ""}/>`,
        );
      }
    }
    for (const p of s.points) {
      const cx = num(x(p.year + 0.5));
      const cy = num(y(p.value / 1e6));
      const tip = `<title>${esc(p.tooltip)}</title>`;
      parts.push(
        p.otherSource
          ? `<rect x="${num(Number(cx) - r - 1)}" y="${num(Number(cy) - r - 1)}" width="${num(2 * r + 2)}" height="${num(2 * r + 2)}" fill="${color}">${tip}</rect>`
          : `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${p.estimate ? "none" : color}" stroke="${color}" stroke-width="1.5">${tip}</circle>`,
      );
    }
    parts.push(`</g>`);
  }
  if (values.length === 0) {
    parts.push(
      `<text x="${W / 2}" y="${num((top + bottom) / 2)}" text-anchor="middle" font-size="16" fill="currentColor">No values are stored for this selection.</text>`,
    );
  }
  return { body: parts.join(""), height };
}

/**
 * The chart as SVG markup. Without `standalone` it is the bare plot for a page (which shows the
 * title, legend and milestones as HTML); with it, a self-contained file with title, unit, legend,
 * milestone list and source.
 */
export function renderChartSvg(input: ChartInput, opts: { layout?: LayoutName; standalone?: StandaloneText } = {}): string {
  const L = LAYOUTS[opts.layout ?? "wide"];
  const W = L.width;
  const standalone = opts.standalone;
  const markers = chartMarkers(input.milestones);
  const { body, height } = plot(input, markers, L);
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const a11y = `<title id="${esc(titleId)}">${esc(input.title)}</title><desc id="${esc(descId)}">${esc(input.description)}</desc>`;
  if (!standalone) {
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" class="h-auto w-full" data-layout="${opts.layout ?? "wide"}" role="img" aria-labelledby="${esc(titleId)} ${esc(descId)}" font-family="inherit">${a11y}${body}</svg>`;
  }

  const head: string[] = [
    `<text x="16" y="30" font-size="18" font-weight="700" fill="currentColor">${esc(input.title)}</text>`,
    `<text x="16" y="52" font-size="13" fill="currentColor" fill-opacity="0.75">${esc(standalone.subtitle)}</text>`,
  ];
  let ly = 76;
  let lx = 16;
  for (const s of input.series) {
    const width = 40 + s.label.length * 7;
    if (lx + width > W - 16) {
      lx = 16;
      ly += 20;
    }
    const color = SERIES_COLORS[s.colorIndex % SERIES_COLORS.length] ?? SERIES_COLORS[0];
    head.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${color}" stroke-width="2.5"${s.dashed ? ` stroke-dasharray="7 4"` : ""}/>`,
      `<text x="${lx + 30}" y="${ly}" font-size="12" fill="currentColor">${esc(s.label)}</text>`,
    );
    lx += width;
  }
  const plotTop = ly + 10;
  const foot = [...markers.map((m) => `${m.n}. ${markerDate(m)}: ${m.texts.join(" ")}`), ...standalone.footer].flatMap((t) => wrap(t, 100));
  const footTop = plotTop + height + 8;
  const lines = foot.map(
    (text, i) => `<text x="16" y="${footTop + 16 * (i + 1)}" font-size="11" fill="currentColor" fill-opacity="0.8">${esc(text)}</text>`,
  );
  const total = footTop + 16 * foot.length + 14;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${total}" viewBox="0 0 ${W} ${total}" role="img" aria-labelledby="${esc(titleId)} ${esc(descId)}" font-family="${esc(FONT)}" color="${FILE_INK}">`,
    a11y,
    `<rect width="${W}" height="${total}" fill="${FILE_PAPER}"/>`,
    ...head,
    `<g transform="translate(0 ${plotTop})">${body}</g>`,
    ...lines,
    `</svg>\n`,
  ].join("");
}

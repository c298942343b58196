import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Fonts for next/og, read from the repository (no network at build or request time). Satori reads
 * TrueType, OpenType and WOFF but not the WOFF2 files the site's own fonts ship as, so the cards
 * use DejaVu Serif (assets/fonts, with its licence).
 */
let loaded: Promise<{ name: string; data: Buffer; weight: 400 | 700; style: "normal" }[]> | undefined;

export function ogFonts() {
  loaded ??= Promise.all([
    readFile(join(process.cwd(), "assets/fonts/DejaVuSerif.ttf")),
    readFile(join(process.cwd(), "assets/fonts/DejaVuSerif-Bold.ttf")),
  ]).then(([regular, bold]) => [
    { name: "Serif", data: regular, weight: 400 as const, style: "normal" as const },
    { name: "Serif", data: bold, weight: 700 as const, style: "normal" as const },
  ]);
  return loaded;
}

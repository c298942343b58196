import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Fonts for next/og, read from the repository (no network at build or request time). Satori reads
 * TrueType, OpenType and WOFF but not the WOFF2 files the site's own fonts ship as, so the cards
 * use DejaVu Serif (assets/fonts, with its licence). Read once, synchronously: files of the
 * deploy, not data, so they need no cache entry (Cache Components treats an awaited read as
 * request-time IO and would not prerender the images).
 */
let loaded: { name: string; data: Buffer; weight: 400 | 700; style: "normal" }[] | undefined;

export async function ogFonts() {
  loaded ??= [
    {
      name: "Serif",
      data: readFileSync(join(process.cwd(), "assets/fonts/DejaVuSerif.ttf")),
      weight: 400 as const,
      style: "normal" as const,
    },
    {
      name: "Serif",
      data: readFileSync(join(process.cwd(), "assets/fonts/DejaVuSerif-Bold.ttf")),
      weight: 700 as const,
      style: "normal" as const,
    },
  ];
  return loaded;
}

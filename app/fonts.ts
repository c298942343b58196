import localFont from "next/font/local";

// Fonts come from npm packages (no network at build time).
// Upright only: next/font preloads every face it declares, and the italic (52 KB) was fetched at
// high priority on every page although no public page sets italic text; the rare <em> in
// editor Markdown gets a synthesised slant. Preloading what is used keeps the text from
// shifting when the font arrives (Lighthouse, issue 4).
export const serif = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", style: "normal" }],
  variable: "--font-source-serif",
  display: "swap",
  weight: "200 900",
});

export const sans = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2", style: "normal" }],
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});

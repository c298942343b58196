import localFont from "next/font/local";

// Fonts come from npm packages (no network at build time).
export const serif = localFont({
  src: [
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", style: "normal" },
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2", style: "italic" },
  ],
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

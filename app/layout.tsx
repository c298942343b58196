import type { Metadata, Viewport } from "next";
import "./globals.css";
import { sans, serif } from "./fonts";
import { SITE } from "@/lib/site";

export const metadata: Metadata = {
  metadataBase: new URL(SITE.url),
  title: { default: SITE.name, template: `%s · ${SITE.name}` },
  description: SITE.tagline,
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#121417" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body className="min-h-screen bg-(--color-paper) font-sans text-(--color-ink) antialiased">
        {/* Feed autodiscovery on every page; React hoists it into <head>. Page metadata sets its own canonical. */}
        <link rel="alternate" type="application/rss+xml" href="/feed.xml" title={`${SITE.name}: all stories`} />
        {children}
      </body>
    </html>
  );
}

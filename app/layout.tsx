import type { Metadata, Viewport } from "next";
import "./globals.css";
import { sans, serif } from "./fonts";
import { DEFAULT_OG_IMAGE, SITE_FEED } from "@/lib/seo/metadata";
import { SITE } from "@/lib/site";

/** Defaults for any page that sets none; public pages build theirs with lib/seo/metadata. */
export const metadata: Metadata = {
  metadataBase: new URL(SITE.url),
  title: { default: SITE.name, template: `%s · ${SITE.name}` },
  description: SITE.tagline,
  applicationName: SITE.name,
  alternates: { types: { "application/rss+xml": [SITE_FEED] } },
  openGraph: { type: "website", siteName: SITE.name, locale: "en_GB", images: [DEFAULT_OG_IMAGE] },
  twitter: { card: "summary_large_image" },
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
      <body className="min-h-screen bg-(--color-paper) font-sans text-(--color-ink) antialiased">{children}</body>
    </html>
  );
}

"use client";

import "./globals.css";
import { ErrorNotice } from "@/components/errors/ErrorNotice";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { SITE } from "@/lib/site";
import { sans, serif } from "./fonts";

/**
 * The last resort: the root layout itself failed, so this draws the whole document, styles and
 * fonts included. Same words and reference as app/error.tsx.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" className={`${serif.variable} ${sans.variable}`}>
      <body className="min-h-screen bg-(--color-paper) font-sans text-(--color-ink) antialiased">
        <title>{`Something went wrong · ${SITE.name}`}</title>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-3xl px-4 py-16">
          <ErrorNotice error={error} retry={retry} />
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}

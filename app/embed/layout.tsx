import type { Metadata } from "next";
import { SITE } from "@/lib/site";

// Embeds are for other sites' pages; search engines should index the full pages they link back to.
export const metadata: Metadata = { robots: { index: false, follow: true } };

/** Minimal chrome for /embed/*: no site header or footer, just the content and a link home. */
export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-3xl px-3 py-3 text-(--color-ink)">
      {children}
      <p className="mt-3 border-t border-(--color-rule) pt-2 text-xs text-(--color-muted)">
        <a href="/" target="_blank" rel="noopener" className="font-semibold underline">
          {SITE.name}
        </a>
        : every figure read from our database, with its source.
      </p>
    </main>
  );
}

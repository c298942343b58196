"use client";

import { ErrorNotice } from "@/components/errors/ErrorNotice";
import { SITE } from "@/lib/site";

/**
 * The fallback when a layout below the root fails (a page's own error is caught nearer:
 * app/(site)/error.tsx, app/(admin)/admin/error.tsx, app/embed/error.tsx). It replaces the site's
 * header, so it draws the masthead itself; it stays that small because every page loads it.
 * app/global-error.tsx wraps it in a document when the root layout itself fails.
 */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>{`Something went wrong · ${SITE.name}`}</title>
      <header className="border-b-4 border-double border-(--color-ink)">
        <div className="mx-auto max-w-6xl px-4 pt-5 pb-3">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load after an error; next/link would add 3 KB gzip to every page's JavaScript */}
          <a href="/" className="font-serif text-2xl font-bold tracking-tight sm:text-3xl">
            {SITE.name}
          </a>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-16">
        <ErrorNotice error={error} retry={retry} />
      </main>
    </>
  );
}

"use client";

import { ErrorNotice } from "@/components/errors/ErrorNotice";
import { SiteFooter, SiteHeader } from "@/components/site/SiteHeader";
import { SITE } from "@/lib/site";

/**
 * A server or browser error on a public page. It replaces everything below the root layout,
 * the site's header and footer included, so it draws them itself. The editors' desk and embeds
 * have their own (app/(admin)/admin/error.tsx, app/embed/error.tsx); a failing root layout falls
 * through to app/global-error.tsx. The failure is logged by instrumentation.ts.
 */
export default function SiteError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>{`Something went wrong · ${SITE.name}`}</title>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-3xl px-4 py-16">
        <ErrorNotice error={error} retry={retry} />
      </main>
      <SiteFooter />
    </>
  );
}

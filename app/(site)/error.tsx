"use client";

import { ErrorNotice } from "@/components/errors/ErrorNotice";
import { SITE } from "@/lib/site";

/**
 * A server or browser error on a public page, drawn inside the site's layout (its header, search
 * and footer stay, rendered on the server), so this adds only the notice to every page's
 * JavaScript. The failure is logged by instrumentation.ts under the reference shown.
 */
export default function SiteError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="mx-auto max-w-3xl py-10">
      <title>{`Something went wrong · ${SITE.name}`}</title>
      <ErrorNotice error={error} retry={retry} />
    </div>
  );
}

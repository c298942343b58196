"use client";

import { ErrorNotice } from "@/components/errors/ErrorNotice";

/**
 * An error on an editors' desk page, shown inside the desk's own header. A failed save never lands
 * here: actions answer with a message beside the form and keep the editor's text.
 */
export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <title>Something went wrong · Editors&apos; desk</title>
      <ErrorNotice
        error={error}
        retry={retry}
        title="This page of the editors' desk could not be shown"
        home={{ href: "/admin", label: "Back to the dashboard" }}
      />
    </>
  );
}

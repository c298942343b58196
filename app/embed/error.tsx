"use client";

import { ErrorNotice } from "@/components/errors/ErrorNotice";

/** An embed that failed: small, inside the embed's frame, with the same reference as the full pages. */
export default function EmbedError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice error={error} retry={retry} title="This figure or chart could not be shown" compact />;
}

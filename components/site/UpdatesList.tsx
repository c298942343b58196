import Link from "next/link";
import type { UpdateView } from "@/db/queries/agreements";
import { Markdown } from "@/components/ui/Markdown";
import { formatDateTime } from "@/lib/format/date";

/** A live-blog stream. Bodies are editor Markdown, rendered without raw HTML. */
export function UpdatesList({
  updates,
  showAgreement = false,
}: {
  updates: (UpdateView & { agreementSlug?: string; agreementShortName?: string })[];
  showAgreement?: boolean;
}) {
  if (updates.length === 0) return <p className="mt-2 text-sm text-(--color-muted)">No updates yet.</p>;
  return (
    <ol className="mt-3 space-y-4" data-updates>
      {updates.map((u) => (
        <li key={u.id} id={`update-${u.id}`} className="border-l-2 border-(--color-accent) pl-3" data-update={u.id}>
          <p className="text-xs text-(--color-muted)">
            <time dateTime={u.postedAt}>{formatDateTime(u.postedAt)}</time>
            {showAgreement && u.agreementSlug ? (
              <>
                {" · "}
                <Link href={`/agreements/${u.agreementSlug}`} className="underline">
                  {u.agreementShortName}
                </Link>
              </>
            ) : null}
            {u.roundNumber ? ` · Round ${u.roundNumber}` : ""}
          </p>
          <h3 className="font-semibold">{u.title}</h3>
          <Markdown className="prose-md text-sm">{u.body}</Markdown>
          {u.sourceId ? (
            <p className="text-xs text-(--color-muted)">
              Source:{" "}
              <Link href={`/sources/${u.sourceId}`} className="underline">
                {u.sourcePublisher}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

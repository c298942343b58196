import Link from "next/link";
import { formatDate, formatSourceDate } from "@/lib/format/date";

/** "Cite this": source, series, date retrieved and a link that reopens the same view, plus the whole citation to copy. */
export function CiteBlock({
  sources,
  series,
  retrieved,
  url,
  text,
}: {
  sources: {
    id: string;
    publisher: string;
    title: string;
    publishedOn: string;
    publishedPrecision?: "day" | "month" | "year";
    dateInferred?: boolean;
  }[];
  series: string;
  retrieved: string;
  url: string;
  text: string;
}) {
  return (
    <section aria-labelledby="cite-heading" className="max-w-3xl space-y-2 text-sm" data-cite>
      <h2 id="cite-heading" className="text-xl font-bold">
        Cite this
      </h2>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1">
        <dt className="font-semibold">Source</dt>
        <dd>
          {sources.length === 0
            ? "No stored values"
            : sources.map((s, i) => (
                <span key={s.id}>
                  {i > 0 ? "; " : ""}
                  <Link href={`/sources/${s.id}`} className="underline">
                    {s.publisher}, {s.title}
                  </Link>{" "}
                  ({formatSourceDate(s.publishedOn, s.publishedPrecision, s.dateInferred)})
                </span>
              ))}
        </dd>
        <dt className="font-semibold">Series</dt>
        <dd>{series}</dd>
        <dt className="font-semibold">Retrieved</dt>
        <dd>
          <time dateTime={retrieved}>{formatDate(retrieved)}</time>
        </dd>
        <dt className="font-semibold">Link</dt>
        <dd className="break-all">
          <a href={url} className="underline">
            {url}
          </a>
        </dd>
      </dl>
      <p className="rounded-sm border border-(--color-rule) p-3 font-mono text-xs break-words select-all" data-citation>
        {text}
      </p>
    </section>
  );
}

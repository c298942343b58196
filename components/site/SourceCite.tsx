import Link from "next/link";
import type { SourceRef } from "@/db/queries/agreements";
import { formatSourceDate } from "@/lib/format/date";

/**
 * A source as a reader would cite it: publisher, headline (a rebuilt one stays in its square
 * brackets), date as precise as the source gives it, and its address. The headline opens the
 * source's page on this site, which lists everything taken from it.
 */
/** Korean headlines are kept as published; marking their language lets the browser pick a Korean font. */
export const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

export function SourceCite({ source, short = false }: { source: SourceRef; short?: boolean }) {
  return (
    <span data-source-id={source.id}>
      {source.publisher},{" "}
      <Link
        href={`/sources/${source.id}`}
        className="underline"
        title={source.titleSupplied ? "Headline rebuilt from the article's address" : undefined}
        lang={HANGUL.test(source.title) ? "ko" : undefined}
      >
        {source.titleSupplied ? source.title : `“${source.title}”`}
      </Link>
      , <time dateTime={source.publishedOn}>{formatSourceDate(source.publishedOn, source.publishedPrecision, source.dateInferred)}</time>
      {!short && source.url ? (
        <>
          {" · "}
          <a href={source.url} className="whitespace-nowrap underline" rel="noopener nofollow">
            original
          </a>
        </>
      ) : null}
    </span>
  );
}

import { errorDigest } from "@/lib/errors/reference";

/**
 * What a reader sees when a page fails on our side: what happened in plain words, a way to try
 * again, ways onward, and the reference that finds the error in the server log. The error's own
 * message is never shown: in production Next replaces a server error's message anyway, and a
 * browser-side message means nothing to a reader.
 */
export function ErrorNotice({
  error,
  retry,
  title = "This page could not be shown",
  home = { href: "/", label: "Go to the front page" },
  compact = false,
}: {
  error: unknown;
  retry: () => void;
  title?: string;
  home?: { href: string; label: string };
  compact?: boolean;
}) {
  const reference = errorDigest(error);
  return (
    <div role="alert" data-error-page>
      {/* A page that fails after its shell was sent (Cache Components streams every page) keeps
          the shell's 200; this keeps the error out of search indexes all the same. React hoists
          the tag into the head. */}
      <meta name="robots" content="noindex" data-error-page-robots="" />
      <h1 className={compact ? "text-lg font-bold" : "font-serif text-4xl font-bold"}>{title}</h1>
      <p className="mt-3 text-(--color-muted)">
        Something went wrong on our side while preparing it. The fault has been logged, and trying again often works.
      </p>
      <p className="mt-6 flex flex-wrap items-center gap-x-4 gap-y-2">
        <button type="button" onClick={() => retry()} className="rounded bg-(--color-ink) px-3 py-1.5 font-semibold text-(--color-paper)">
          Try again
        </button>
        {/* A plain link, not next/link: a fresh page load is the surest way on after an error, and
            every page loads this file, so it stays small. */}
        <a href={home.href} className="font-semibold underline">
          {home.label}
        </a>
      </p>
      {reference ? (
        <p className="mt-6 text-sm text-(--color-muted)">
          If it keeps happening, quote this reference when you tell us:{" "}
          <code data-error-reference className="font-mono">
            {reference}
          </code>
        </p>
      ) : null}
    </div>
  );
}

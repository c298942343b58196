import Link from "next/link";

const BADGE = "rounded-sm bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100";

/** The marker readers see wherever stored sources disagree; links to the comparison when given one. */
export function DifferBadge({ href }: { href?: string }) {
  return href ? (
    <Link href={href} className={BADGE} data-sources-differ="true">
      sources differ
    </Link>
  ) : (
    <span className={BADGE}>sources differ</span>
  );
}

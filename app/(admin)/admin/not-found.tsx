import Link from "next/link";

export const metadata = { title: "Not found" };

/** A desk address that does not exist, or a record that is gone (an id from an old link), in the desk's own frame. */
export default function AdminNotFound() {
  return (
    <div className="max-w-2xl">
      <h1 className="font-serif text-3xl font-bold">Not on the editors&apos; desk</h1>
      <p className="mt-3 text-(--color-muted)">
        There is no such page or record here. It may have been deleted, or the link may be mistyped.
      </p>
      <p className="mt-6">
        <Link href="/admin" className="font-semibold underline">
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
}

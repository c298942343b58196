import { agreementOptions, nextRoundNumber, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { RoundForm } from "@/components/admin/RoundForm";
import type { SearchParams } from "@/components/admin/Saved";
import { saveRoundAction } from "../actions";

export const metadata = { title: "Add a round" };

export default async function NewRound({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("content", "/admin/rounds/new");
  const agreements = await agreementOptions();
  const wanted = (await searchParams).agreement;
  const slug = typeof wanted === "string" && agreements.some((a) => a.slug === wanted) ? wanted : "ckfta";
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">Add a round</h1>
      <RoundForm
        action={saveRoundAction}
        agreements={agreements}
        sources={await sourceOptions()}
        initial={{ agreement: slug, number: String(await nextRoundNumber(slug)), format: "virtual" }}
        submitLabel="Add round"
      />
    </div>
  );
}

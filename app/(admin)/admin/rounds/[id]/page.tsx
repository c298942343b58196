import { notFound } from "next/navigation";
import Link from "next/link";
import { agreementOptions, getRoundAdmin, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { RoundForm } from "@/components/admin/RoundForm";
import { idParam, Saved, type SearchParams } from "@/components/admin/Saved";
import { saveRoundAction } from "../actions";

export const metadata = { title: "Edit round" };

export default async function EditRound({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  await requirePageUser("content", `/admin/rounds/${raw}`);
  const id = idParam(raw);
  const round = id ? await getRoundAdmin(id) : null;
  if (!round) notFound();
  const topics: unknown = JSON.parse(round.topics);
  const preferred = round.reports.find((r) => r.preferred)?.sourceId ?? "";
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">Round {round.number}</h1>
      <p className="text-sm">
        <Link className="underline" href={`/agreements/${round.agreementSlug}#round-${round.number}`}>
          See it on the tracker
        </Link>{" "}
        · version {round.version}
      </p>
      <Saved show={(await searchParams).saved !== undefined} />
      <RoundForm
        action={saveRoundAction}
        agreements={await agreementOptions()}
        sources={await sourceOptions()}
        submitLabel="Save round"
        initial={{
          id: String(round.id),
          version: String(round.version),
          agreement: round.agreementSlug,
          number: String(round.number),
          startDate: round.startDate,
          endDate: round.endDate,
          format: round.format,
          host: round.host ?? "",
          topics: Array.isArray(topics) ? topics.join(", ") : "",
          summary: round.summary,
          sources: round.reports.map((r) => r.sourceId),
          preferredSource: preferred,
        }}
      />
    </div>
  );
}

import { notFound } from "next/navigation";
import Link from "next/link";
import { agreementOptions, getUpdateAdmin, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { utcToLocal } from "@/lib/validation/update";
import { UpdateForm } from "@/components/admin/UpdateForm";
import { idParam, Saved, type SearchParams } from "@/components/admin/Saved";
import { saveUpdateAction } from "../actions";

export const metadata = { title: "Edit update" };

export default async function EditUpdate({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id: raw } = await params;
  await requirePageUser("content", `/admin/updates/${raw}`);
  const id = idParam(raw);
  const u = id ? await getUpdateAdmin(id) : null;
  if (!u) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="font-serif text-3xl font-bold">Edit update</h1>
      <p className="text-sm">
        {u.status === "published" ? (
          <Link className="underline" href={`/agreements/${u.agreementSlug}#update-${u.id}`}>
            See it on the tracker
          </Link>
        ) : (
          "Draft: not on the public site."
        )}{" "}
        · version {u.version}
      </p>
      <Saved show={(await searchParams).saved !== undefined} />
      <UpdateForm
        action={saveUpdateAction}
        agreements={await agreementOptions()}
        sources={await sourceOptions()}
        submitLabel="Save"
        initial={{
          id: String(u.id),
          version: String(u.version),
          agreement: u.agreementSlug,
          round: u.roundNumber ? String(u.roundNumber) : "",
          postedAt: utcToLocal(u.postedAt),
          title: u.title,
          body: u.body,
          status: u.status,
          source: u.sourceId ?? "",
        }}
      />
    </div>
  );
}

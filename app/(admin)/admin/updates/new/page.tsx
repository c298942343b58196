import { agreementOptions, sourceOptions } from "@/db/queries/admin";
import { requirePageUser } from "@/lib/auth/guard";
import { utcToLocal } from "@/lib/validation/update";
import { UpdateForm } from "@/components/admin/UpdateForm";
import { saveUpdateAction } from "../actions";

export const metadata = { title: "New update" };

export default async function NewUpdate() {
  await requirePageUser("content", "/admin/updates/new");
  return (
    <div className="max-w-3xl">
      <h1 className="mb-4 font-serif text-3xl font-bold">New update</h1>
      <UpdateForm
        action={saveUpdateAction}
        agreements={await agreementOptions()}
        sources={await sourceOptions()}
        initial={{ agreement: "ckfta", status: "draft", postedAt: utcToLocal(new Date().toISOString()) }}
        submitLabel="Save"
      />
    </div>
  );
}

"use client";

import { useActionState, useState } from "react";
import { initialFormState, type FormState } from "@/lib/form-state";

export type ImportState = {
  status: "idle" | "ok" | "error";
  message?: string;
  csv?: string;
  problems?: { line: number; messages: string[] }[];
  rows?: { line: number; reporter: string; partner: string; period: string; flow: string; value: string; source: string; action: string }[];
  total?: number;
};

type Props = {
  preview: (s: ImportState, fd: FormData) => Promise<ImportState>;
  commit: (s: FormState, fd: FormData) => Promise<FormState>;
  columns: readonly string[];
};

const sameLines = (a: string | undefined, b: string) => a !== undefined && a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");

/** Step 1: paste or choose a file and preview it. Step 2: import exactly the previewed text. */
export function ImportForm({ preview, commit, columns }: Props) {
  const [previewState, previewAction, previewing] = useActionState(preview, { status: "idle" });
  const [commitState, commitAction, importing] = useActionState(commit, initialFormState);
  const [text, setText] = useState("");
  // A form sends a textarea's line breaks as CRLF, so the previewed text comes back with them.
  const ready = previewState.status === "ok" && sameLines(previewState.csv, text) && (previewState.total ?? 0) > 0;
  return (
    <div className="space-y-6">
      <form action={previewAction} className="space-y-3">
        <p className="text-sm text-(--color-muted)">
          Header row: <code>{columns.join(",")}</code>. Values in US$ millions with a dot for decimals (ranks as whole numbers); estimate is yes or empty. Existing figures with
          the same reporter, partner, flow, period and source are corrected; others are added. Any bad row and nothing is imported.
        </p>
        <div>
          <label htmlFor="csv-file" className="block text-sm font-semibold">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            className="mt-1 text-sm"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setText(await file.text());
            }}
          />
        </div>
        <div>
          <label htmlFor="csv" className="block text-sm font-semibold">Or paste it</label>
          <textarea id="csv" name="csv" rows={8} value={text} onChange={(e) => setText(e.target.value)} className="mt-1 block w-full rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1.5 font-mono text-xs" />
        </div>
        <button type="submit" disabled={previewing} className="rounded border border-(--color-ink) px-4 py-2 text-sm font-semibold">
          {previewing ? "Checking…" : "Preview"}
        </button>
      </form>

      {previewState.message ? (
        <p role={previewState.status === "ok" ? "status" : "alert"} data-preview-status={previewState.status} className="rounded border border-(--color-rule) px-3 py-2 text-sm">
          {previewState.message}
        </p>
      ) : null}
      {previewState.problems?.length ? (
        <ul className="space-y-1 text-sm" data-import-problems>
          {previewState.problems.map((p) => (
            <li key={p.line} data-line={p.line}>
              <strong>Line {p.line}:</strong> {p.messages.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
      {previewState.rows?.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-import-preview>
            <thead className="border-b border-(--color-rule) text-xs uppercase text-(--color-muted)">
              <tr><th>Line</th><th>Reporter → partner</th><th>Period</th><th>Flow</th><th>Value</th><th>Source</th><th>Will be</th></tr>
            </thead>
            <tbody>
              {previewState.rows.map((r) => (
                <tr key={r.line} className="border-b border-(--color-rule)">
                  <td>{r.line}</td><td>{r.reporter} → {r.partner}</td><td>{r.period}</td><td>{r.flow}</td><td>{r.value}</td><td>{r.source}</td><td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(previewState.total ?? 0) > previewState.rows.length ? <p className="text-xs">Showing the first {previewState.rows.length} of {previewState.total} rows.</p> : null}
        </div>
      ) : null}

      {ready ? (
        <form action={commitAction}>
          <input type="hidden" name="csv" value={previewState.csv} />
          <button type="submit" disabled={importing} className="rounded bg-(--color-ink) px-4 py-2 text-sm font-semibold text-(--color-paper)">
            {importing ? "Importing…" : `Import ${previewState.total} row(s)`}
          </button>
        </form>
      ) : null}
      {commitState.message ? (
        <p role={commitState.status === "ok" ? "status" : "alert"} data-form-status={commitState.status} className="rounded border border-(--color-rule) px-3 py-2 text-sm">
          {/* The commit form has no fields to mark, so a problem with the file is said here. */}
          {commitState.fieldErrors?.csv?.join(" ") ?? commitState.message}
        </p>
      ) : null}
    </div>
  );
}

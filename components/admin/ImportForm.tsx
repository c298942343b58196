"use client";

import { useActionState, useState } from "react";
import type { FormState } from "@/lib/form-state";

/** What a preview found, as the form shows it (the first rows only; `total` counts them all). */
export type ImportPreview = {
  counts: { create: number; update: number; unchanged: number };
  problems: { line: number; messages: string[] }[];
  rows: { line: number; reporter: string; partner: string; period: string; flow: string; value: string; source: string; action: string }[];
  total: number;
  /** What the preview saw of each row, sent back with the import (null when the file has problems). */
  seen: string | null;
};

type Props = {
  action: (s: FormState<ImportPreview>, fd: FormData) => Promise<FormState<ImportPreview>>;
  columns: readonly string[];
};

/** The last answer, and the last preview with the text it was made from (kept here; the server gets only the form). */
type View = { answer: FormState<ImportPreview>; preview: { data: ImportPreview; text: string } | null };

// A form sends a textarea's line breaks as CRLF; the editor's text has LF.
const sameLines = (a: string, b: string) => a.replace(/\r\n?/g, "\n") === b.replace(/\r\n?/g, "\n");

/**
 * One form, one text, two buttons: Preview says what the import would do; Import (offered once the
 * text previewed clean, and while it is unchanged) writes it, sending what the preview saw of each
 * row so that rows another editor changed meanwhile are refused. The server parses the text on each submit.
 */
export function ImportForm({ action, columns }: Props) {
  const [text, setText] = useState("");
  const [view, formAction, pending] = useActionState(
    async (prev: View, fd: FormData): Promise<View> => {
      const sent = String(fd.get("csv") ?? "");
      let answer: FormState<ImportPreview>;
      try {
        answer = await action({ status: "idle" }, fd);
      } catch (error) {
        if (error && typeof error === "object" && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
        answer = {
          status: "error",
          message: "The server did not accept the form (it may be over the 1 MB limit, or the connection dropped). Nothing was imported.",
        };
      }
      if (answer.data) return { answer, preview: { data: answer.data, text: sent } };
      // A finished import ends the preview; a refused one keeps it on screen beside the reason.
      return { answer, preview: answer.status === "ok" ? null : prev.preview };
    },
    { answer: { status: "idle" }, preview: null },
  );
  const { answer, preview } = view;
  const ready = preview !== null && preview.data.seen !== null && preview.data.total > 0 && sameLines(preview.text, text);
  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-3" aria-label="Import figures">
        <p className="text-sm text-(--color-muted)">
          Header row: <code>{columns.join(",")}</code>. Values in US$ millions with a dot for decimals (ranks as whole numbers); estimate is
          yes or empty. Existing figures with the same reporter, partner, flow, period and source are corrected; others are added. Any bad
          row and nothing is imported.
        </p>
        <div>
          <label htmlFor="csv-file" className="block text-sm font-semibold">
            CSV file
          </label>
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
          <label htmlFor="csv" className="block text-sm font-semibold">
            Or paste it
          </label>
          <textarea
            id="csv"
            name="csv"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="mt-1 block w-full rounded border border-(--color-rule) bg-(--color-paper) px-2 py-1.5 font-mono text-xs"
          />
        </div>
        {ready ? <input type="hidden" name="seen" value={preview.data.seen ?? ""} /> : null}
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            name="intent"
            value="preview"
            disabled={pending}
            className="rounded border border-(--color-ink) px-4 py-2 text-sm font-semibold"
          >
            {pending ? "Checking…" : "Preview"}
          </button>
          {ready ? (
            <button
              type="submit"
              name="intent"
              value="import"
              disabled={pending}
              className="rounded bg-(--color-ink) px-4 py-2 text-sm font-semibold text-(--color-paper)"
            >
              {pending ? "Importing…" : `Import ${preview.data.total} row(s)`}
            </button>
          ) : null}
        </div>
      </form>

      {answer.message ? (
        <p
          role={answer.status === "ok" ? "status" : "alert"}
          {...(answer.data
            ? { "data-preview-status": answer.status }
            : { "data-form-status": answer.status, "data-conflict": answer.conflict ? "true" : undefined })}
          className="rounded border border-(--color-rule) px-3 py-2 text-sm"
        >
          {/* The import has no other field to mark, so a problem with the text is said here. */}
          {answer.fieldErrors?.csv?.join(" ") ?? answer.message}
        </p>
      ) : null}
      {preview?.data.problems.length ? (
        <ul className="space-y-1 text-sm" data-import-problems>
          {preview.data.problems.map((p) => (
            <li key={p.line} data-line={p.line}>
              <strong>Line {p.line}:</strong> {p.messages.join("; ")}
            </li>
          ))}
        </ul>
      ) : null}
      {preview?.data.rows.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-import-preview>
            <thead className="border-b border-(--color-rule) text-xs text-(--color-muted) uppercase">
              <tr>
                <th>Line</th>
                <th>Reporter → partner</th>
                <th>Period</th>
                <th>Flow</th>
                <th>Value</th>
                <th>Source</th>
                <th>Will be</th>
              </tr>
            </thead>
            <tbody>
              {preview.data.rows.map((r) => (
                <tr key={r.line} className="border-b border-(--color-rule)">
                  <td>{r.line}</td>
                  <td>
                    {r.reporter} → {r.partner}
                  </td>
                  <td>{r.period}</td>
                  <td>{r.flow}</td>
                  <td>{r.value}</td>
                  <td>{r.source}</td>
                  <td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.data.total > preview.data.rows.length ? (
            <p className="text-xs">
              Showing the first {preview.data.rows.length} of {preview.data.total} rows.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function Saved({
  show,
  children = "Saved. Public pages showing this are already up to date.",
}: {
  show: boolean;
  children?: React.ReactNode;
}) {
  if (!show) return null;
  return (
    <p
      role="status"
      data-form-status="ok"
      className="rounded border border-green-700 bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
    >
      {children}
    </p>
  );
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
export const idParam = (raw: string): number | null => (/^\d{1,12}$/.test(raw) ? Number(raw) : null);

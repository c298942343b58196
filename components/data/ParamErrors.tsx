import type { ParamIssue } from "@/lib/explorer/params";

/** What was wrong with the address, parameter by parameter, instead of a broken page. */
export function ParamErrors({ issues, resetHref }: { issues: ParamIssue[]; resetHref: string }) {
  return (
    <div role="alert" className="max-w-3xl rounded-md border-2 border-(--color-accent) p-4 text-sm" data-param-errors>
      <p className="font-bold">
        This view cannot be shown: {issues.length === 1 ? "one setting in the address is" : "some settings in the address are"} not valid.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {issues.map((i) => (
          <li key={`${i.parameter}:${i.message}`} data-param={i.parameter}>
            <code className="font-semibold">{i.parameter}</code>: {i.message}
          </li>
        ))}
      </ul>
      <p className="mt-3">
        Change the settings above and press Show, or{" "}
        <a href={resetHref} className="font-semibold underline">
          start again
        </a>
        .
      </p>
    </div>
  );
}

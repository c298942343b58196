import { z } from "zod";

/**
 * Query strings read against a zod object schema. The schema's keys are the parameters: a name
 * outside them is refused (or reported), a name given twice is refused unless it may repeat, and
 * an absent name takes its default or is required. The same object generates the parameter list
 * of the OpenAPI document (lib/api/openapi.ts), so what a handler accepts and what the document
 * says can only change together.
 */

export type ParamIssue = { parameter: string; message: string };

/** A parameter's value before parsing: one string, or several for a name that may repeat. */
export type RawParam = string | readonly string[];

export type QueryContract<S extends z.ZodObject = z.ZodObject> = {
  schema: S;
  /** Used when a parameter is absent. */
  defaults?: Readonly<Partial<Record<keyof S["shape"] & string, RawParam>>>;
  /** Names that may be given more than once (partner=KOR&partner=JPN); they reach the schema as arrays. */
  repeatable?: readonly (keyof S["shape"] & string)[];
};

export type QueryResult<S extends z.ZodObject> =
  { ok: true; data: z.output<S>; unknown: string[] } | { ok: false; issues: ParamIssue[]; unknown: string[] };

const ECHO_MAX = 24;
/** Echoes a bad value back in a message, shortened so an error never repeats a huge input. */
export function echo(value: string): string {
  const short = value.length > ECHO_MAX ? `${value.slice(0, ECHO_MAX)}…` : value;
  return JSON.stringify(short);
}

export function paramNames<S extends z.ZodObject>(contract: QueryContract<S>): string[] {
  return Object.keys(contract.schema.shape);
}

export function defaultOf<S extends z.ZodObject>(contract: QueryContract<S>, name: string): RawParam | undefined {
  return contract.defaults ? Object.entries(contract.defaults).find(([k]) => k === name)?.[1] : undefined;
}

/** Required: no default, and the schema does not accept the parameter's absence. */
export function isRequired<S extends z.ZodObject>(contract: QueryContract<S>, name: string): boolean {
  const field = contract.schema.shape[name];
  return defaultOf(contract, name) === undefined && field !== undefined && !field.safeParse(undefined).success;
}

/** Groups repeated names, so `partner=KOR&partner=JPN` (a plain form) and `partner=KOR,JPN` (a link) both reach the schema. */
export function groupParams(params: URLSearchParams): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of params) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return grouped;
}

/**
 * Reads `params` against the contract. Every problem is reported, each naming its parameter:
 * unknown names first (when `unknownNames` is "reject"), then missing or repeated ones, then
 * values the schema refuses. With "report", unknown names are returned for the caller to show.
 */
export function readQuery<S extends z.ZodObject>(
  params: URLSearchParams,
  contract: QueryContract<S>,
  unknownNames: "reject" | "report",
): QueryResult<S> {
  const names = paramNames(contract);
  const repeatable = new Set<string>(contract.repeatable ?? []);
  const grouped = groupParams(params);
  const unknown = [...grouped.keys()].filter((name) => !names.includes(name));
  const issues: ParamIssue[] = [];
  if (unknownNames === "reject") {
    for (const name of unknown) {
      issues.push({
        parameter: name,
        message: names.length
          ? `unknown parameter ${echo(name)}; the parameters are ${names.join(", ")}`
          : `unknown parameter ${echo(name)}; this endpoint takes no parameters`,
      });
    }
  }

  const raw: Record<string, RawParam> = {};
  for (const name of names) {
    const values = grouped.get(name);
    if (values === undefined) {
      const fallback = defaultOf(contract, name);
      if (fallback !== undefined) raw[name] = fallback;
      else if (isRequired(contract, name)) issues.push({ parameter: name, message: `${name} is required` });
    } else if (repeatable.has(name)) {
      raw[name] = values;
    } else if (values.length > 1) {
      issues.push({ parameter: name, message: `${name} is given ${values.length} times; give it once` });
    } else if (values[0] !== undefined) {
      raw[name] = values[0];
    }
  }

  const failed = new Set(issues.map((i) => i.parameter));
  const parsed = contract.schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const parameter = String(issue.path[0] ?? "query");
      // A missing or repeated parameter was already reported; zod would only add "expected string".
      if (!failed.has(parameter)) issues.push({ parameter, message: issue.message });
    }
  }
  if (!parsed.success || issues.length > 0) return { ok: false, issues, unknown };
  return { ok: true, data: parsed.data, unknown };
}

/** The contract of an endpoint that takes no parameters: any name at all is a 400. */
export const NO_PARAMS: QueryContract<z.ZodObject<Record<never, never>>> = { schema: z.object({}) };

import "server-only";
import { getAgreement } from "@/db/queries/agreements";
import { getPartner } from "@/db/queries/partners";
import { counterpartName, WORLD } from "@/lib/domain/figure";

/** Reads more than one widget makes, through the cached loaders of db/queries. */

/** A counterpart's name for readers: "the world" for WLD, else the partner's name (or its code). */
export async function partnerName(code: string): Promise<string> {
  const partner = code === WORLD ? null : await getPartner(code);
  return counterpartName(code, () => partner?.name);
}

/** The agreement a widget names; an unknown slug fails the build, like a bad prop. */
export async function requireAgreement(widget: string, slug: string) {
  const a = await getAgreement(slug);
  if (!a) throw new Error(`<${widget}> names unknown agreement ${slug}`);
  return a;
}

import "server-only";
import { getCell } from "./figures";
import { partnerNames } from "./partners";
import { counterpartName, periodFromLabel, pickFigure } from "@/lib/domain/figure";
import { KEY_FIGURES } from "@/lib/site";

/** The key figures strip: the cells named in KEY_FIGURES, valued from the database. */
export function keyFigures() {
  const names = partnerNames();
  return KEY_FIGURES.flatMap((k) => {
    const period = periodFromLabel(k.period);
    const pick = period ? pickFigure(getCell(k.partner, k.flow, period)) : null;
    return pick ? [{ ...k, pick, partnerName: counterpartName(k.partner, names) }] : [];
  });
}

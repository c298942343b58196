import "server-only";
import { getCell } from "./figures";
import { partnerNames } from "./partners";
import { counterpartName, periodFromLabel, pickFigure } from "@/lib/domain/figure";
import { KEY_FIGURES } from "@/lib/site";

/** The key figures strip: the cells named in KEY_FIGURES, valued from the database. Each cell's tags come from getCell. */
export async function keyFigures() {
  "use cache";
  const names = await partnerNames();
  const cells = await Promise.all(
    KEY_FIGURES.map(async (k) => {
      const period = periodFromLabel(k.period);
      return { k, pick: period ? pickFigure(await getCell(k.partner, k.flow, period)) : null };
    }),
  );
  return cells.flatMap(({ k, pick }) => (pick ? [{ ...k, pick, partnerName: counterpartName(k.partner, names) }] : []));
}

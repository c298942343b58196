import {
  AgreementStatusWidget,
  BeforeAfterWidget,
  MilestoneWidget,
  RoundDatesWidget,
  RoundsTimelineWidget,
  TariffShareWidget,
  WtoFieldWidget,
} from "./agreements";
import { ChangeWidget, FigureWidget, ShareWidget, TradeChartWidget } from "./figures";

/**
 * The live widgets stories may use, by the names they use them under (mdx-components.tsx hands
 * them to every story in content/). Each is a thin loader: it validates its props with zod (a bad
 * prop fails the build), reads through the cached loaders of db/queries, which declare the cache
 * tags of what they read, and renders a view from components/ that takes props only. Pages do not
 * use these: they read the same loaders themselves and render the views, so a page's reads are
 * visible in its own file.
 */
export const storyWidgets = {
  Figure: FigureWidget,
  Change: ChangeWidget,
  Share: ShareWidget,
  TradeChart: TradeChartWidget,
  RoundsTimeline: RoundsTimelineWidget,
  RoundDates: RoundDatesWidget,
  Milestone: MilestoneWidget,
  AgreementStatus: AgreementStatusWidget,
  TariffShare: TariffShareWidget,
  BeforeAfter: BeforeAfterWidget,
  WtoField: WtoFieldWidget,
};

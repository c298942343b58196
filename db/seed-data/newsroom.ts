/**
 * Facts taken from the five news reports in shared/seeds and from the two data extracts.
 * Each entry names its source; sentences here are the portal's own.
 */
import type { AgreementStatus, Flow } from "../schema";

export const SOURCES = [
  {
    id: "yonhap-2020-07-02",
    publisher: "Yonhap News Agency",
    title: "[Korea and Cambodia agree to launch FTA negotiations]",
    titleSupplied: true,
    publishedOn: "2020-07-02",
    kind: "news_report",
    url: null,
    note: "Cites the Korea International Trade Association for 2019 trade. Date inferred from the report (a Thursday in early July 2020).",
  },
  {
    id: "ppp-2020-09-01",
    publisher: "The Phnom Penh Post",
    title: "[Second round of CKFTA talks held by video conference]",
    titleSupplied: true,
    publishedOn: "2020-09-01",
    kind: "news_report",
    url: null,
    note: "Quotes the Ministry of Commerce; the 2018 and 2019 totals are those cited by Prime Minister Hun Sen in February 2020.",
  },
  {
    id: "yonhap-2020-10-05",
    publisher: "Yonhap News Agency",
    title: "[Korea to open third round of FTA talks with Cambodia]",
    titleSupplied: true,
    publishedOn: "2020-10-05",
    kind: "news_report",
    url: null,
    note: "Based on a statement by Korea's Ministry of Trade, Industry and Energy.",
  },
  {
    id: "yonhap-2020-11-17",
    publisher: "Yonhap News Agency",
    title: "[Korea to hold fourth round of FTA talks with Cambodia]",
    titleSupplied: true,
    publishedOn: "2020-11-17",
    kind: "news_report",
    url: null,
    note: "Published two days after RCEP was signed.",
  },
  {
    id: "ppp-2024-03-26",
    publisher: "The Phnom Penh Post",
    title: "[Cambodia–Japan trade in January–February 2024]",
    titleSupplied: true,
    publishedOn: "2024-03-26",
    kind: "news_report",
    url: null,
    note: "Trade figures from Cambodia's General Department of Customs and Excise (GDCE); investment figures from the National Bank of Cambodia.",
  },
  {
    id: "imf-dots",
    publisher: "International Monetary Fund",
    title: "Direction of Trade Statistics (DOTS), annual, 1960–2020",
    titleSupplied: false,
    publishedOn: "2022-01-31",
    kind: "official_statistics",
    url: "https://github.com/SamLeBlanc/Direction-of-Trade-Map",
    note: "Exports FOB and imports CIF in current US$ millions, as each economy reports them; values marked 'e' are IMF estimates. Accessed via github.com/SamLeBlanc/Direction-of-Trade-Map (commit a769819), data vintage about January 2022.",
  },
  {
    id: "wto-rtais",
    publisher: "World Trade Organization",
    title: "Regional Trade Agreements Information System (RTA-IS), all RTAs export",
    titleSupplied: false,
    publishedOn: "2021-03-25",
    kind: "database",
    url: "https://github.com/artt/rta-network",
    note: "Extract of March 2021 via github.com/artt/rta-network (commit 16432c6); agreements signed later are not in it.",
  },
] as const;

export type SourceId = (typeof SOURCES)[number]["id"];

export const ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"] as const;

type AgreementSeed = {
  slug: string;
  name: string;
  shortName: string;
  coverage: string | null;
  wtoName: string | null;
  summary: string;
  parties: readonly string[];
  events: {
    status: AgreementStatus;
    date: string;
    endDate?: string;
    precision?: "day" | "month";
    description: string;
    sourceId: SourceId;
  }[];
};

/** Agreements outside the WTO extract; the WTO ones are read from the CSV in seed.ts. */
export const NEWS_AGREEMENTS: AgreementSeed[] = [
  {
    slug: "ckfta",
    name: "Cambodia–Korea Free Trade Agreement",
    shortName: "CKFTA",
    coverage: "Goods",
    wtoName: null,
    summary:
      "A bilateral deal between Cambodia and South Korea, negotiated on top of the ASEAN–Korea FTA that already covers both. Talks opened in July 2020 and ran in virtual rounds through the rest of that year.",
    parties: ["KHM", "KOR"],
    events: [
      {
        status: "proposed",
        date: "2019-03-01",
        precision: "month",
        description: "Hun Sen suggests preparing a bilateral FTA at his Phnom Penh summit with Moon Jae-in.",
        sourceId: "yonhap-2020-07-02",
      },
      {
        status: "feasibility_study",
        date: "2020-01-01",
        endDate: "2020-05-31",
        precision: "month",
        description: "The two governments run a joint study of a possible agreement.",
        sourceId: "yonhap-2020-07-02",
      },
      {
        status: "negotiating",
        date: "2020-07-02",
        description: "Seoul and Phnom Penh agree to open formal negotiations.",
        sourceId: "yonhap-2020-07-02",
      },
    ],
  },
  {
    slug: "rcep",
    name: "Regional Comprehensive Economic Partnership",
    shortName: "RCEP",
    coverage: "Goods & Services",
    wtoName: null,
    summary:
      "A mega-regional pact joining the ten ASEAN members with China, Japan, South Korea, Australia and New Zealand.",
    parties: [...ASEAN, "CHN", "JPN", "KOR", "AUS", "NZL"],
    events: [
      {
        status: "signed",
        date: "2020-11-15",
        description: "The fifteen parties sign the agreement.",
        sourceId: "yonhap-2020-11-17",
      },
    ],
  },
];

/** Slugs and partner lists for the agreements in the WTO extract, keyed by RTA name. */
export const WTO_AGREEMENTS: Record<string, { slug: string; shortName: string; parties: readonly string[] }> = {
  "ASEAN Free Trade Area (AFTA)": { slug: "afta", shortName: "AFTA", parties: ASEAN },
  "ASEAN - China": { slug: "asean-china", shortName: "ACFTA", parties: [...ASEAN, "CHN"] },
  "ASEAN - Japan": { slug: "asean-japan", shortName: "AJCEP", parties: [...ASEAN, "JPN"] },
  "ASEAN - Korea, Republic of": { slug: "asean-korea", shortName: "AKFTA", parties: [...ASEAN, "KOR"] },
  "ASEAN - India": { slug: "asean-india", shortName: "AIFTA", parties: [...ASEAN, "IND"] },
  "ASEAN - Australia - New Zealand": { slug: "aanzfta", shortName: "AANZFTA", parties: [...ASEAN, "AUS", "NZL"] },
  "ASEAN - Hong Kong, China": { slug: "asean-hong-kong", shortName: "AHKFTA", parties: [...ASEAN, "HKG"] },
};

type RoundSeed = {
  number: number;
  startDate: string;
  endDate: string;
  format: "virtual" | "in_person";
  topics: string[];
  summary: string;
  reports: { sourceId: SourceId; startDate: string | null; endDate: string | null; preferred: boolean; note: string }[];
};

export const CKFTA_ROUNDS: RoundSeed[] = [
  {
    number: 1,
    startDate: "2020-07-30",
    endDate: "2020-07-31",
    format: "virtual",
    topics: [],
    summary: "The opening round, held online over two days at the end of July.",
    reports: [
      { sourceId: "ppp-2020-09-01", startDate: "2020-07-30", endDate: "2020-07-31", preferred: true, note: "Held online." },
      { sourceId: "yonhap-2020-10-05", startDate: null, endDate: null, preferred: false, note: "Says only that it took place in July." },
    ],
  },
  {
    number: 2,
    startDate: "2020-08-31",
    endDate: "2020-09-02",
    format: "virtual",
    topics: [
      "Scope of goods with preferential access",
      "Rules of origin",
      "Trade in goods",
      "Customs procedures and trade facilitation",
      "Trade remedies",
      "Regulatory framework",
      "Economic cooperation",
    ],
    summary:
      "Held by **video conference**. Negotiators worked on which goods would get preferential access and on the draft text, organised in six main chapters.",
    reports: [
      {
        sourceId: "yonhap-2020-10-05",
        startDate: "2020-08-31",
        endDate: "2020-09-02",
        preferred: true,
        note: "Gives 31 August to 2 September; repeated in Yonhap's report of 17 November.",
      },
      {
        sourceId: "yonhap-2020-11-17",
        startDate: "2020-08-31",
        endDate: "2020-09-02",
        preferred: false,
        note: "Same dates as the October report.",
      },
      {
        sourceId: "ppp-2020-09-01",
        startDate: "2020-08-31",
        endDate: "2020-09-03",
        preferred: false,
        note: "Describes a four-day round from Monday to Thursday, which would end on 3 September.",
      },
    ],
  },
  {
    number: 3,
    startDate: "2020-10-06",
    endDate: "2020-10-08",
    format: "virtual",
    topics: ["Detailed provisions of the draft text"],
    summary: "A three-day virtual session aimed at filling in the details of a draft both sides wanted ready by the end of 2020.",
    reports: [
      {
        sourceId: "yonhap-2020-10-05",
        startDate: "2020-10-06",
        endDate: "2020-10-08",
        preferred: true,
        note: "Announced on a Monday for three days from the Tuesday.",
      },
      { sourceId: "yonhap-2020-11-17", startDate: null, endDate: null, preferred: false, note: "Places it in early October." },
    ],
  },
  {
    number: 4,
    startDate: "2020-11-18",
    endDate: "2020-11-20",
    format: "virtual",
    topics: ["General rules", "Rules of origin", "Customs clearance", "Market access"],
    summary: "Three days of virtual meetings, opening the Wednesday after RCEP was signed.",
    reports: [
      {
        sourceId: "yonhap-2020-11-17",
        startDate: "2020-11-18",
        endDate: "2020-11-20",
        preferred: true,
        note: "Announced on a Tuesday for three days from the Wednesday.",
      },
    ],
  },
];

export const CKFTA_UPDATES: {
  postedAt: string;
  round: number | null;
  title: string;
  body: string;
  sourceId: SourceId;
}[] = [
  {
    postedAt: "2020-07-02T06:00:00Z",
    round: null,
    title: "Negotiations formally launched",
    body: "Trade ministers in Seoul and Phnom Penh have agreed to move from the joint study to **formal talks**. A first round is expected later this month.",
    sourceId: "yonhap-2020-07-02",
  },
  {
    postedAt: "2020-07-31T10:00:00Z",
    round: 1,
    title: "Round 1 wraps up online",
    body: "The first negotiating session closed after two days of online meetings.",
    sourceId: "ppp-2020-09-01",
  },
  {
    postedAt: "2020-09-01T09:00:00Z",
    round: 2,
    title: "Round 2 under way by video link",
    body: "Day two of the second round. Commerce ministry officials say the agenda covers **market access for goods** and the chapters of the draft text.",
    sourceId: "ppp-2020-09-01",
  },
  {
    postedAt: "2020-10-05T03:00:00Z",
    round: 3,
    title: "Round 3 opens tomorrow",
    body: "Seoul's trade ministry says the third round starts on Tuesday and will run for three days, again online.",
    sourceId: "yonhap-2020-10-05",
  },
  {
    postedAt: "2020-11-17T03:00:00Z",
    round: 4,
    title: "Round 4 set for Wednesday",
    body: "A fourth virtual round is scheduled from Wednesday. Expected topics: general rules, origin, customs clearance and market access.",
    sourceId: "yonhap-2020-11-17",
  },
];

type FigureSeed = {
  reporter: string;
  partner: string;
  period: string;
  flow: Flow;
  millions?: number;
  rank?: number;
  sourceId: SourceId;
  derived?: boolean;
  note?: string;
};

const KOR_2019_TOTAL = 1030;
/** Figures as the reports give them. Period: a year, "YYYY-MM" or "YYYY-MM/YYYY-MM". */
export const NEWS_FIGURES: FigureSeed[] = [
  // Korea–Cambodia, Korea's records (KITA) as Yonhap reports them.
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "total", millions: KOR_2019_TOTAL, sourceId: "yonhap-2020-10-05", note: "Reported as a record high." },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "total", millions: KOR_2019_TOTAL, sourceId: "yonhap-2020-11-17", note: "Reported as a record high." },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2018",
    flow: "total",
    millions: Math.round((KOR_2019_TOTAL / 1.06) * 10) / 10,
    sourceId: "yonhap-2020-10-05",
    derived: true,
    note: "Not stated: implied by the reported 6% rise to 2019.",
  },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "exports", millions: 697, sourceId: "yonhap-2020-07-02", note: "Korea's shipments to Cambodia, up 5.5% on 2018." },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "exports", millions: 697, sourceId: "yonhap-2020-10-05" },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "exports", millions: 697, sourceId: "yonhap-2020-11-17" },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "balance", millions: 361, sourceId: "yonhap-2020-07-02", note: "Korea's surplus with Cambodia, so Cambodia's deficit." },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "destination_rank", rank: 58, sourceId: "yonhap-2020-07-02", note: "Cambodia's place among Korea's export markets." },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "destination_rank", rank: 58, sourceId: "yonhap-2020-10-05" },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "destination_rank", rank: 58, sourceId: "yonhap-2020-11-17" },
  // The Post: the figure Hun Sen cited; which side's records is not stated.
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2018",
    flow: "total",
    millions: 756,
    sourceId: "ppp-2020-09-01",
    note: "Cited by Prime Minister Hun Sen in February 2020; the report does not say whose statistics.",
  },
  // Cambodia–Japan, GDCE figures as The Post reports them.
  { reporter: "KHM", partner: "JPN", period: "2024-01/2024-02", flow: "total", millions: 325.65, sourceId: "ppp-2024-03-26" },
  { reporter: "KHM", partner: "JPN", period: "2023-01/2023-02", flow: "total", millions: 298.06, sourceId: "ppp-2024-03-26" },
  { reporter: "KHM", partner: "JPN", period: "2024-01/2024-02", flow: "exports", millions: 237.22, sourceId: "ppp-2024-03-26", note: "Up 15.3% on a year earlier." },
  { reporter: "KHM", partner: "JPN", period: "2024-01/2024-02", flow: "imports", millions: 88.43, sourceId: "ppp-2024-03-26", note: "Down 4.3% on a year earlier." },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023-01/2023-02",
    flow: "exports",
    millions: Math.round((237.22 / 1.153) * 100) / 100,
    sourceId: "ppp-2024-03-26",
    derived: true,
    note: "Not stated: implied by the reported 15.3% rise.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023-01/2023-02",
    flow: "imports",
    millions: Math.round((88.43 / 0.957) * 100) / 100,
    sourceId: "ppp-2024-03-26",
    derived: true,
    note: "Not stated: implied by the reported 4.3% fall.",
  },
  { reporter: "KHM", partner: "JPN", period: "2024-01/2024-02", flow: "balance", millions: 148.79, sourceId: "ppp-2024-03-26", note: "Cambodia's surplus with Japan." },
  { reporter: "KHM", partner: "JPN", period: "2023-01/2023-02", flow: "balance", millions: 113.24, sourceId: "ppp-2024-03-26", note: "Cambodia's surplus with Japan." },
  { reporter: "KHM", partner: "WLD", period: "2024-01/2024-02", flow: "total", millions: 8120, sourceId: "ppp-2024-03-26", note: "Cambodia's trade with all partners." },
  { reporter: "KHM", partner: "JPN", period: "2024-01/2024-02", flow: "partner_rank", rank: 5, sourceId: "ppp-2024-03-26", note: "After China, Vietnam, the United States and Thailand." },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "total", millions: 1800, sourceId: "ppp-2024-03-26", note: "Down 7.2% on 2022." },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "exports", millions: 1170, sourceId: "ppp-2024-03-26", note: "Up 2% on 2022." },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "imports", millions: 623.6, sourceId: "ppp-2024-03-26", note: "Down 18.5% on 2022." },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2022",
    flow: "total",
    millions: Math.round((1800 / 0.928) * 10) / 10,
    sourceId: "ppp-2024-03-26",
    derived: true,
    note: "Not stated: implied by the reported 7.2% fall in 2023.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2022",
    flow: "exports",
    millions: Math.round((1170 / 1.02) * 10) / 10,
    sourceId: "ppp-2024-03-26",
    derived: true,
    note: "Not stated: implied by the reported 2% rise in 2023.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2022",
    flow: "imports",
    millions: Math.round((623.6 / 0.815) * 10) / 10,
    sourceId: "ppp-2024-03-26",
    derived: true,
    note: "Not stated: implied by the reported 18.5% fall in 2023.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023-03",
    flow: "investment_stock",
    millions: 2806,
    sourceId: "ppp-2024-03-26",
    note: "Japan's cumulative investment at the end of Q1 2023 per the National Bank of Cambodia: 11.3 trillion riel, up 11.6% on a year earlier.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023-03",
    flow: "investor_rank",
    rank: 4,
    sourceId: "ppp-2024-03-26",
    note: "After China, South Korea and Singapore.",
  },
];

/** Display names and regions for the economies the data name. IMF names are kept as `imf_name`. */
export const PARTNER_INFO: Record<string, { name: string; region: string }> = {
  KHM: { name: "Cambodia", region: "South-East Asia" },
  WLD: { name: "World", region: "World" },
  AUS: { name: "Australia", region: "Oceania" },
  AUT: { name: "Austria", region: "Europe" },
  BGD: { name: "Bangladesh", region: "South Asia" },
  BEL: { name: "Belgium", region: "Europe" },
  BRA: { name: "Brazil", region: "Americas" },
  BRN: { name: "Brunei", region: "South-East Asia" },
  BGR: { name: "Bulgaria", region: "Europe" },
  CAN: { name: "Canada", region: "Americas" },
  HKG: { name: "Hong Kong SAR, China", region: "East Asia" },
  MAC: { name: "Macao SAR, China", region: "East Asia" },
  CHN: { name: "China", region: "East Asia" },
  HRV: { name: "Croatia", region: "Europe" },
  CYP: { name: "Cyprus", region: "Europe" },
  CZE: { name: "Czechia", region: "Europe" },
  DNK: { name: "Denmark", region: "Europe" },
  EST: { name: "Estonia", region: "Europe" },
  FIN: { name: "Finland", region: "Europe" },
  FRA: { name: "France", region: "Europe" },
  DEU: { name: "Germany", region: "Europe" },
  GRC: { name: "Greece", region: "Europe" },
  HUN: { name: "Hungary", region: "Europe" },
  IND: { name: "India", region: "South Asia" },
  IDN: { name: "Indonesia", region: "South-East Asia" },
  IRL: { name: "Ireland", region: "Europe" },
  ISR: { name: "Israel", region: "Middle East" },
  ITA: { name: "Italy", region: "Europe" },
  JPN: { name: "Japan", region: "East Asia" },
  KOR: { name: "South Korea", region: "East Asia" },
  LAO: { name: "Laos", region: "South-East Asia" },
  LVA: { name: "Latvia", region: "Europe" },
  LTU: { name: "Lithuania", region: "Europe" },
  LUX: { name: "Luxembourg", region: "Europe" },
  MYS: { name: "Malaysia", region: "South-East Asia" },
  MLT: { name: "Malta", region: "Europe" },
  MEX: { name: "Mexico", region: "Americas" },
  MMR: { name: "Myanmar", region: "South-East Asia" },
  NLD: { name: "Netherlands", region: "Europe" },
  NZL: { name: "New Zealand", region: "Oceania" },
  NOR: { name: "Norway", region: "Europe" },
  PAK: { name: "Pakistan", region: "South Asia" },
  PHL: { name: "Philippines", region: "South-East Asia" },
  POL: { name: "Poland", region: "Europe" },
  PRT: { name: "Portugal", region: "Europe" },
  ROU: { name: "Romania", region: "Europe" },
  RUS: { name: "Russia", region: "Europe" },
  SAU: { name: "Saudi Arabia", region: "Middle East" },
  SGP: { name: "Singapore", region: "South-East Asia" },
  SVK: { name: "Slovakia", region: "Europe" },
  SVN: { name: "Slovenia", region: "Europe" },
  ZAF: { name: "South Africa", region: "Africa" },
  ESP: { name: "Spain", region: "Europe" },
  LKA: { name: "Sri Lanka", region: "South Asia" },
  SWE: { name: "Sweden", region: "Europe" },
  CHE: { name: "Switzerland", region: "Europe" },
  TWN: { name: "Taiwan", region: "East Asia" },
  THA: { name: "Thailand", region: "South-East Asia" },
  TUR: { name: "Türkiye", region: "Middle East" },
  ARE: { name: "United Arab Emirates", region: "Middle East" },
  GBR: { name: "United Kingdom", region: "Europe" },
  USA: { name: "United States", region: "Americas" },
  VNM: { name: "Vietnam", region: "South-East Asia" },
};

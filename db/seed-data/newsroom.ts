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
  // ---- The record after the seed reports (shared/sources/record-2021-2026.md). Headlines in
  // square brackets were rebuilt from the article's address; "c." dates are inferred (dateInferred).
  {
    id: "wto-rtais-2026",
    publisher: "World Trade Organization",
    title: "Regional Trade Agreements Information System (RTA-IS), all RTAs export, early 2026",
    titleSupplied: false,
    publishedOn: "2026-04-27",
    kind: "database",
    url: "https://github.com/mindstxrm/Geopolitiko",
    note: "The WTO's public export (655 agreements; its latest date is 3 March 2026) via github.com/mindstxrm/Geopolitiko (commit 15b11c1). Newer than the March 2021 extract and preferred where the two differ. RCEP is not in it.",
  },
  {
    id: "vna-2021-02-03",
    publisher: "Vietnam News Agency (VNA)",
    title: "RoK, Cambodia strike free trade agreement",
    titleSupplied: false,
    publishedOn: "2021-02-03",
    kind: "news_report",
    url: "https://en.vietnamplus.vn/rok-cambodia-strike-free-trade-agreement/195859.vnp",
    note: "Conclusion of the CKFTA talks. Its tariff-elimination shares combine the CKFTA with RCEP and count products, not tariff lines.",
  },
  {
    id: "koreatimes-2021-10-26",
    publisher: "The Korea Times, via bilaterals.org",
    title: "Korea, Cambodia ink free trade deal for deeper economic ties",
    titleSupplied: false,
    publishedOn: "2021-10-26",
    kind: "news_report",
    url: "http://www.bilaterals.org/spip.php?id_article=45249&page=print-art",
    note: "The signing by video link: Yeo Han-koo, Korea's trade minister, and Pan Sorasak, Cambodia's commerce minister.",
  },
  {
    id: "ppp-2022-02-royal-code",
    publisher: "The Phnom Penh Post",
    title: "King signs South Korea FTA ratification into law",
    titleSupplied: false,
    publishedOn: "2022-02-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: "https://www.phnompenhpost.com/business/king-signs-south-korea-fta-ratification-law",
    note: "Cambodia's ratification of the CKFTA, step by step. Publication date inferred from the article (about February 2022).",
  },
  {
    id: "okja-2022-12",
    publisher: "OKJA (Korean community news)",
    title: "[Korea's ratification of the Korea–Cambodia FTA]",
    titleSupplied: true,
    publishedOn: "2022-12-01",
    publishedPrecision: "month",
    kind: "news_report",
    url: "http://okja.org/index.php?document_srl=209397&mid=asia_dong",
    note: "One secondary source for Korea's side of the ratification (medium confidence).",
  },
  {
    id: "khmertimes-2022-10-05",
    publisher: "Khmer Times, via bilaterals.org",
    title: "Cambodia-Korea FTA to come into force from December 1",
    titleSupplied: false,
    publishedOn: "2022-10-05",
    kind: "news_report",
    url: "https://www.bilaterals.org/?cambodia-korea-fta-to-come-into",
    note: "Entry into force 60 days after the last notification.",
  },
  {
    id: "edaily-2024-05-13",
    publisher: "Edaily",
    title: "한-캄보디아 FTA 발효 후 첫 공동위 열려",
    titleSupplied: false,
    publishedOn: "2024-05-13",
    kind: "news_report",
    url: "https://m.edaily.co.kr/amp/read?mediaCodeNo=257&newsId=01164406638888592",
    note: "Korean headline, in English: the first joint committee since the Korea–Cambodia FTA took effect. Held in Seoul; Korea's trade ministry called 2023 bilateral trade a record.",
  },
  {
    id: "xinhua-2022-01-29",
    publisher: "Xinhua, via People's Daily",
    title: "RCEP affirms resurgence of multilateralism: Cambodia's FM",
    titleSupplied: false,
    publishedOn: "2022-01-29",
    kind: "news_report",
    url: "http://en.people.cn/n3/2022/0129/c90000-9951208.html",
    note: "RCEP in force for Cambodia from 1 January 2022.",
  },
  {
    id: "khmertimes-2021-06-22",
    publisher: "Khmer Times, via bilaterals.org",
    title: "Assembly approves RCEP trade agreement",
    titleSupplied: false,
    publishedOn: "2021-06-22",
    kind: "news_report",
    url: null,
    note: "Cambodia's National Assembly approved RCEP on 21 June 2021.",
  },
  {
    id: "akp-2020-10-12",
    publisher: "Agence Kampuchea Presse (AKP), via cnv.org.kh",
    title: "[CCFTA signed, witnessed by the Cambodian PM and the Chinese foreign minister]",
    titleSupplied: true,
    publishedOn: "2020-10-12",
    kind: "news_report",
    url: "http://cnv.org.kh/ccfta-signed-witness-cambodian-pm-chinese-foreign-minister/",
    note: "The signing of the Cambodia–China FTA.",
  },
  {
    id: "ppp-2024-02-japan-sez",
    publisher: "The Phnom Penh Post",
    title: "[CDC conducts study on Japan SEZ]",
    titleSupplied: true,
    publishedOn: "2024-02-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: "https://phnompenhpost.com/national/cdc-conducts-study-on-japan-sez",
    note: "No bilateral Cambodia–Japan FTA or EPA; ties raised to a comprehensive strategic partnership in December 2023; a Cambodia–Japan special economic zone under study.",
  },
  {
    id: "khmer7news-2023-02",
    publisher: "Khmer7News",
    title: "[Third round of Cambodia–UAE CEPA talks in Dubai]",
    titleSupplied: true,
    publishedOn: "2023-02-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "One secondary source (medium confidence). Date inferred from the round it reports; no address kept.",
  },
  {
    id: "ppp-2022-01-korea-trade",
    publisher: "The Phnom Penh Post",
    title: "[2021 Korea trade tops $965m]",
    titleSupplied: true,
    publishedOn: "2022-01-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "Korea's records (KITA). The total is well sourced; the export/import split is one source only, and its import figure equals Japan's 2023 figure in another report.",
  },
  {
    id: "ppp-2023-02-korea-envoy",
    publisher: "The Phnom Penh Post",
    title: "[New South Korean envoy …]",
    titleSupplied: true,
    publishedOn: "2023-02-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figure for 2022.",
  },
  {
    id: "ppp-2023-09-korea-exports",
    publisher: "The Phnom Penh Post",
    title: "[Exports to South Korea help reduce …]",
    titleSupplied: true,
    publishedOn: "2023-09-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figures for January–August 2023.",
  },
  {
    id: "nbcambodia-2024-10-23",
    publisher: "NB Cambodia",
    title: "[Cambodia–Korea trade, January–September 2024]",
    titleSupplied: true,
    publishedOn: "2024-10-23",
    kind: "news_report",
    url: "https://nbcambodia.com/archives/71953",
    note: "Cambodia's customs (GDCE) figures. The address was given without a scheme (nbcambodia.com/archives/71953).",
  },
  {
    id: "dongpo-2025",
    publisher: "Dongpo News, citing Khmer Times",
    title: "[Cambodia–Korea trade, January–June 2025]",
    titleSupplied: true,
    publishedOn: "2025-01-01",
    publishedPrecision: "year",
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figures for the first half of 2025, up 10.7% on a year earlier.",
  },
  {
    id: "ppp-2022-02-jetro",
    publisher: "The Phnom Penh Post",
    title: "[Cambodia-Japan trade clocks $2.33B: Jetro]",
    titleSupplied: true,
    publishedOn: "2022-02-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "Japan's records as JETRO compiles them, which run well above Cambodia's customs figures.",
  },
  {
    id: "ppp-2023-01-japan-trade",
    publisher: "The Phnom Penh Post",
    title: "[Cambodia-Japan trade passes $1.9B …]",
    titleSupplied: true,
    publishedOn: "2023-01-01",
    publishedPrecision: "month",
    dateInferred: true,
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figures for 2022.",
  },
  {
    id: "vietstock-2024-01",
    publisher: "Vietstock, reprinting The Phnom Penh Post",
    title: "[Cambodia–Japan trade in 2023]",
    titleSupplied: true,
    publishedOn: "2024-01-01",
    publishedPrecision: "month",
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figures for 2023; the total is given as about US$1.8 billion.",
  },
  {
    id: "thestar-2024-10-25",
    publisher: "The Star / Asia News Network",
    title: "[Cambodia–Japan trade, January–September 2024]",
    titleSupplied: true,
    publishedOn: "2024-10-25",
    kind: "news_report",
    url: null,
    note: "Cambodia's customs (GDCE) figures for January–September 2024.",
  },
] as const;

/** The bodies whose records post-2020 figures are; each keeps one economy's records. */
export const RECORD_KEEPERS = [
  { code: "GDCE", name: "General Department of Customs and Excise of Cambodia", economy: "KHM" },
  { code: "KITA", name: "Korea International Trade Association", economy: "KOR" },
  { code: "JETRO", name: "Japan External Trade Organization", economy: "JPN" },
] as const;

/** Figures stored before record keepers existed, and whose records they are (filled in where still empty). */
export const RECORDS_BY_SOURCE: { sourceId: SourceId; reporter: string; records: string; flows: readonly Flow[] }[] = [
  { sourceId: "yonhap-2020-07-02", reporter: "KOR", records: "KITA", flows: ["exports", "imports", "total", "balance"] },
  { sourceId: "yonhap-2020-10-05", reporter: "KOR", records: "KITA", flows: ["exports", "imports", "total", "balance"] },
  { sourceId: "yonhap-2020-11-17", reporter: "KOR", records: "KITA", flows: ["exports", "imports", "total", "balance"] },
  { sourceId: "ppp-2024-03-26", reporter: "KHM", records: "GDCE", flows: ["exports", "imports", "total", "balance"] },
];

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
  events: EventSeed[];
};

export type EventSeed = {
  status: AgreementStatus;
  date: string;
  endDate?: string;
  precision?: "day" | "month";
  description: string;
  sourceId: SourceId;
  /** The one party the step concerns; omitted for the agreement as a whole. */
  party?: string;
  confidence?: "high" | "medium";
  /** Further sources that give the same step. */
  alsoIn?: { sourceId: SourceId; note: string }[];
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
      {
        status: "concluded",
        date: "2021-02-03",
        description: "Negotiators wrap up the talks, seven months and four official rounds after they opened.",
        sourceId: "vna-2021-02-03",
      },
      {
        status: "signed",
        date: "2021-10-26",
        description:
          "Yeo Han-koo and Pan Sorasak, the two trade ministers, sign the agreement over a video link between Seoul and Phnom Penh.",
        sourceId: "koreatimes-2021-10-26",
      },
      {
        status: "ratification",
        date: "2021-12-29",
        party: "KHM",
        description: "Cambodia's National Assembly approves the agreement.",
        sourceId: "ppp-2022-02-royal-code",
      },
      {
        status: "ratification",
        date: "2022-01-06",
        party: "KHM",
        description: "Cambodia's Senate approves it in turn.",
        sourceId: "ppp-2022-02-royal-code",
      },
      {
        status: "ratification",
        date: "2022-01-29",
        party: "KHM",
        description: "The King's Royal Code makes Cambodia's ratification law.",
        sourceId: "ppp-2022-02-royal-code",
      },
      {
        status: "ratification",
        date: "2022-02-09",
        party: "KHM",
        description: "Cambodia informs Korea that its domestic procedures are complete.",
        sourceId: "ppp-2022-02-royal-code",
      },
      {
        status: "ratification",
        date: "2022-09-27",
        party: "KOR",
        confidence: "medium",
        description: "Korea's National Assembly consents to ratification.",
        sourceId: "okja-2022-12",
      },
      {
        status: "ratification",
        date: "2022-10-02",
        party: "KOR",
        confidence: "medium",
        description: "Korea informs Cambodia that its procedures are complete, which starts the 60-day count to entry into force.",
        sourceId: "okja-2022-12",
      },
      {
        status: "in_force",
        date: "2022-12-01",
        description: "The agreement enters into force, 60 days after the second notification.",
        sourceId: "khmertimes-2022-10-05",
      },
      {
        status: "in_force",
        date: "2024-05-13",
        description:
          "The first Joint Committee since entry into force meets in Seoul; Korea's trade ministry describes 2023 as a record year for bilateral trade.",
        sourceId: "edaily-2024-05-13",
      },
    ],
  },
  {
    slug: "rcep",
    name: "Regional Comprehensive Economic Partnership",
    shortName: "RCEP",
    coverage: "Goods & Services",
    wtoName: null,
    summary: "A mega-regional pact joining the ten ASEAN members with China, Japan, South Korea, Australia and New Zealand.",
    parties: [...ASEAN, "CHN", "JPN", "KOR", "AUS", "NZL"],
    events: [
      {
        status: "signed",
        date: "2020-11-15",
        description: "The fifteen parties sign the agreement.",
        sourceId: "yonhap-2020-11-17",
      },
      {
        status: "ratification",
        date: "2021-06-21",
        party: "KHM",
        description: "Cambodia's National Assembly approves RCEP.",
        sourceId: "khmertimes-2021-06-22",
      },
      {
        status: "in_force",
        date: "2022-01-01",
        party: "KHM",
        description: "RCEP takes effect for Cambodia.",
        sourceId: "xinhua-2022-01-29",
      },
    ],
  },
  {
    slug: "ccfta",
    name: "Cambodia–China Free Trade Agreement",
    shortName: "CCFTA",
    coverage: "Goods & Services",
    wtoName: "China - Cambodia",
    summary: "Cambodia's first bilateral free trade agreement, covering goods and services, on top of the ASEAN–China FTA and RCEP.",
    parties: ["KHM", "CHN"],
    events: [
      {
        status: "signed",
        date: "2020-10-12",
        description: "Signed, with Cambodia's prime minister and China's foreign minister as witnesses.",
        sourceId: "akp-2020-10-12",
      },
    ],
  },
  {
    slug: "cambodia-uae-cepa",
    name: "Cambodia–United Arab Emirates Comprehensive Economic Partnership Agreement",
    shortName: "Cambodia–UAE CEPA",
    coverage: null,
    wtoName: null,
    summary:
      "A bilateral economic partnership agreement under negotiation with the United Arab Emirates. Our sources report a third round in Dubai in February 2023; a treaty database (the World Trade Institute) lists a text dated 2023, but we have not found a signing date.",
    parties: ["KHM", "ARE"],
    events: [
      {
        status: "negotiating",
        date: "2023-02-20",
        endDate: "2023-02-22",
        confidence: "medium",
        description: "A third negotiating round is held in Dubai; the earlier rounds are not in our sources.",
        sourceId: "khmer7news-2023-02",
      },
    ],
  },
];

/** Negotiating rounds of agreements other than the CKFTA, keyed by agreement slug. */
export const OTHER_ROUNDS: Record<string, RoundSeed[]> = {
  "cambodia-uae-cepa": [
    {
      number: 3,
      startDate: "2023-02-20",
      endDate: "2023-02-22",
      format: "in_person",
      host: "Dubai",
      topics: [],
      summary:
        "The third round of Cambodia's talks with the UAE, in Dubai. Only one report (Khmer7News) covers it, and none of the earlier rounds is in our sources.",
      reports: [{ sourceId: "khmer7news-2023-02", startDate: "2023-02-20", endDate: "2023-02-22", preferred: true, note: "One source." }],
    },
  ],
};

/** Shares of tariffs each party eliminates, as the sources state them (percent of what the source counts). */
export const TARIFF_ELIMINATIONS: {
  agreement: string;
  party: string;
  percent: number;
  counted: "products" | "tariff_lines";
  combinedWith: string | null;
  sourceId: SourceId;
  note: string | null;
}[] = [
  {
    agreement: "ckfta",
    party: "KHM",
    percent: 93.8,
    counted: "products",
    combinedWith: "rcep",
    sourceId: "vna-2021-02-03",
    note: "Cambodia's cuts cover Korean trucks, cars, strawberries and dried seaweed, among other goods.",
  },
  {
    agreement: "ckfta",
    party: "KOR",
    percent: 95.6,
    counted: "products",
    combinedWith: "rcep",
    sourceId: "vna-2021-02-03",
    note: null,
  },
];

export type WtoAgreementSeed = {
  slug: string;
  /** Our name for the agreement (the WTO's is kept as `wto_name`). */
  name: string;
  shortName: string;
  parties: readonly string[];
  /** What the goods and services parts of this WTO row are called, for milestone descriptions. */
  instruments?: { goods?: string; services?: string };
  summary?: string;
};

/**
 * The agreements in the WTO exports, keyed by RTA ID. The 2021 extract has no ID column: its rows
 * are matched by name, and AFTA (two rows of that name in 2026) by its date of signature.
 * Two WTO rows can be one agreement: AFTA's 1992 CEPT row (126, inactive since 2010) and the
 * current AFTA row (1170: ATIGA for goods, AFAS for services) share one tracker.
 */
export const WTO_AGREEMENTS: Record<number, WtoAgreementSeed> = {
  126: {
    slug: "afta",
    name: "ASEAN Free Trade Area (AFTA)",
    shortName: "AFTA",
    parties: ASEAN,
    instruments: { goods: "the 1992 CEPT scheme" },
  },
  1170: {
    slug: "afta",
    name: "ASEAN Free Trade Area (AFTA)",
    shortName: "AFTA",
    parties: ASEAN,
    instruments: { goods: "ATIGA (the goods agreement)", services: "AFAS (the services framework)" },
  },
  42: { slug: "asean-china", name: "ASEAN–China Free Trade Area", shortName: "ACFTA", parties: [...ASEAN, "CHN"] },
  176: { slug: "asean-japan", name: "ASEAN–Japan Free Trade Area", shortName: "AJCEP", parties: [...ASEAN, "JPN"] },
  169: { slug: "asean-korea", name: "ASEAN–Korea Free Trade Area", shortName: "AKFTA", parties: [...ASEAN, "KOR"] },
  438: { slug: "asean-india", name: "ASEAN–India Free Trade Area", shortName: "AIFTA", parties: [...ASEAN, "IND"] },
  437: { slug: "aanzfta", name: "ASEAN–Australia–New Zealand Free Trade Area", shortName: "AANZFTA", parties: [...ASEAN, "AUS", "NZL"] },
  994: { slug: "asean-hong-kong", name: "ASEAN–Hong Kong Free Trade Area", shortName: "AHKFTA", parties: [...ASEAN, "HKG"] },
  1171: {
    slug: "atisa",
    name: "ASEAN Trade in Services Agreement",
    shortName: "ATISA",
    parties: ASEAN,
    summary:
      "The ASEAN members' agreement on trade in services, the successor to the AFAS framework. The WTO lists each member's date of ratification.",
  },
  1092: { slug: "ccfta", name: "Cambodia–China Free Trade Agreement", shortName: "CCFTA", parties: ["KHM", "CHN"] },
  1168: { slug: "ckfta", name: "Cambodia–Korea Free Trade Agreement", shortName: "CKFTA", parties: ["KHM", "KOR"] },
};

/** The 2021 extract's rows by RTA name (AFTA, whose name two 2026 rows share, by its date of signature). */
export function rtaIdOf2021Row(name: string, signedGoods: string): number | null {
  if (name === "ASEAN Free Trade Area (AFTA)") return signedGoods === "1992-01-28" ? 126 : 1170;
  const byName: Record<string, number> = {
    "ASEAN - China": 42,
    "ASEAN - Japan": 176,
    "ASEAN - Korea, Republic of": 169,
    "ASEAN - India": 438,
    "ASEAN - Australia - New Zealand": 437,
    "ASEAN - Hong Kong, China": 994,
  };
  return byName[name] ?? null;
}

type RoundSeed = {
  number: number;
  startDate: string;
  endDate: string;
  format: "virtual" | "in_person";
  host?: string;
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
  /** Whose records (GDCE, KITA, JETRO) when the source says. */
  records?: "GDCE" | "KITA" | "JETRO";
  /** The source gives it as "about" (≈). */
  approximate?: boolean;
  confidence?: "high" | "medium";
};

const KOR_2019_TOTAL = 1030;
/** Figures as the reports give them. Period: a year, "YYYY-MM" or "YYYY-MM/YYYY-MM". */
export const NEWS_FIGURES: FigureSeed[] = [
  // Korea–Cambodia, Korea's records (KITA) as Yonhap reports them.
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2019",
    flow: "total",
    millions: KOR_2019_TOTAL,
    sourceId: "yonhap-2020-10-05",
    note: "Reported as a record high.",
  },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2019",
    flow: "total",
    millions: KOR_2019_TOTAL,
    sourceId: "yonhap-2020-11-17",
    note: "Reported as a record high.",
  },
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
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2019",
    flow: "exports",
    millions: 697,
    sourceId: "yonhap-2020-07-02",
    note: "Korea's shipments to Cambodia, up 5.5% on 2018.",
  },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "exports", millions: 697, sourceId: "yonhap-2020-10-05" },
  { reporter: "KOR", partner: "KHM", period: "2019", flow: "exports", millions: 697, sourceId: "yonhap-2020-11-17" },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2019",
    flow: "balance",
    millions: 361,
    sourceId: "yonhap-2020-07-02",
    note: "Korea's surplus with Cambodia, so Cambodia's deficit.",
  },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2019",
    flow: "destination_rank",
    rank: 58,
    sourceId: "yonhap-2020-07-02",
    note: "Cambodia's place among Korea's export markets.",
  },
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
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-02",
    flow: "exports",
    millions: 237.22,
    sourceId: "ppp-2024-03-26",
    note: "Up 15.3% on a year earlier.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-02",
    flow: "imports",
    millions: 88.43,
    sourceId: "ppp-2024-03-26",
    note: "Down 4.3% on a year earlier.",
  },
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
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-02",
    flow: "balance",
    millions: 148.79,
    sourceId: "ppp-2024-03-26",
    note: "Cambodia's surplus with Japan.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023-01/2023-02",
    flow: "balance",
    millions: 113.24,
    sourceId: "ppp-2024-03-26",
    note: "Cambodia's surplus with Japan.",
  },
  {
    reporter: "KHM",
    partner: "WLD",
    period: "2024-01/2024-02",
    flow: "total",
    millions: 8120,
    sourceId: "ppp-2024-03-26",
    note: "Cambodia's trade with all partners.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-02",
    flow: "partner_rank",
    rank: 5,
    sourceId: "ppp-2024-03-26",
    note: "After China, Vietnam, the United States and Thailand.",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023",
    flow: "total",
    millions: 1800,
    sourceId: "ppp-2024-03-26",
    note: "Down 7.2% on 2022.",
  },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "exports", millions: 1170, sourceId: "ppp-2024-03-26", note: "Up 2% on 2022." },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023",
    flow: "imports",
    millions: 623.6,
    sourceId: "ppp-2024-03-26",
    note: "Down 18.5% on 2022.",
  },
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
  // ---- After 2020, as reported (shared/sources/record-2021-2026.md, part C). Flows are the reporter's:
  // in Korea's or Japan's records, Cambodia's exports are the partner's imports.
  // Korea's records (KITA), 2021. The total is well sourced; the split is one source only.
  { reporter: "KOR", partner: "KHM", period: "2021", flow: "total", millions: 965.1, sourceId: "ppp-2022-01-korea-trade", records: "KITA" },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2021",
    flow: "imports",
    millions: 341.5,
    sourceId: "ppp-2022-01-korea-trade",
    records: "KITA",
    confidence: "medium",
    note: "Korea's imports from Cambodia, i.e. Cambodia's exports. One source.",
  },
  {
    reporter: "KOR",
    partner: "KHM",
    period: "2021",
    flow: "exports",
    millions: 623.6,
    sourceId: "ppp-2022-01-korea-trade",
    records: "KITA",
    confidence: "medium",
    note: "Korea's exports to Cambodia, i.e. Cambodia's imports. One source; the same number is Japan's 2023 figure in another report.",
  },
  // Cambodia's customs (GDCE).
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2022",
    flow: "total",
    millions: 778.92,
    sourceId: "ppp-2023-02-korea-envoy",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2023-01/2023-08",
    flow: "total",
    millions: 503.75,
    sourceId: "ppp-2023-09-korea-exports",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2023-01/2023-08",
    flow: "exports",
    millions: 189.38,
    sourceId: "ppp-2023-09-korea-exports",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2023-01/2023-08",
    flow: "imports",
    millions: 314.37,
    sourceId: "ppp-2023-09-korea-exports",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2024-01/2024-09",
    flow: "total",
    millions: 627.74,
    sourceId: "nbcambodia-2024-10-23",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2024-01/2024-09",
    flow: "exports",
    millions: 242.16,
    sourceId: "nbcambodia-2024-10-23",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2024-01/2024-09",
    flow: "imports",
    millions: 385.58,
    sourceId: "nbcambodia-2024-10-23",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "KOR",
    period: "2025-01/2025-06",
    flow: "total",
    millions: 438,
    sourceId: "dongpo-2025",
    records: "GDCE",
    note: "Up 10.7% on the first half of 2024.",
  },
  { reporter: "KHM", partner: "KOR", period: "2025-01/2025-06", flow: "exports", millions: 151, sourceId: "dongpo-2025", records: "GDCE" },
  { reporter: "KHM", partner: "KOR", period: "2025-01/2025-06", flow: "imports", millions: 286, sourceId: "dongpo-2025", records: "GDCE" },
  // Japan: JETRO's figures for 2021 (Japan's records), then Cambodia's customs.
  { reporter: "JPN", partner: "KHM", period: "2021", flow: "total", millions: 2333, sourceId: "ppp-2022-02-jetro", records: "JETRO" },
  {
    reporter: "JPN",
    partner: "KHM",
    period: "2021",
    flow: "imports",
    millions: 1753,
    sourceId: "ppp-2022-02-jetro",
    records: "JETRO",
    note: "Japan's imports from Cambodia, i.e. Cambodia's exports.",
  },
  {
    reporter: "JPN",
    partner: "KHM",
    period: "2021",
    flow: "exports",
    millions: 580.1,
    sourceId: "ppp-2022-02-jetro",
    records: "JETRO",
    note: "Japan's exports to Cambodia, i.e. Cambodia's imports.",
  },
  { reporter: "KHM", partner: "JPN", period: "2022", flow: "total", millions: 1948, sourceId: "ppp-2023-01-japan-trade", records: "GDCE" },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2022",
    flow: "exports",
    millions: 1173,
    sourceId: "ppp-2023-01-japan-trade",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2022",
    flow: "imports",
    millions: 775.0,
    sourceId: "ppp-2023-01-japan-trade",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2023",
    flow: "total",
    millions: 1800,
    sourceId: "vietstock-2024-01",
    records: "GDCE",
    approximate: true,
    note: "Given as about US$1.8 billion.",
  },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "exports", millions: 1170, sourceId: "vietstock-2024-01", records: "GDCE" },
  { reporter: "KHM", partner: "JPN", period: "2023", flow: "imports", millions: 623.6, sourceId: "vietstock-2024-01", records: "GDCE" },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-09",
    flow: "total",
    millions: 1595,
    sourceId: "thestar-2024-10-25",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-09",
    flow: "exports",
    millions: 1057,
    sourceId: "thestar-2024-10-25",
    records: "GDCE",
  },
  {
    reporter: "KHM",
    partner: "JPN",
    period: "2024-01/2024-09",
    flow: "imports",
    millions: 537.9,
    sourceId: "thestar-2024-10-25",
    records: "GDCE",
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

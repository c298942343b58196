import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
// Relative: drizzle-kit loads this file without the "@/" alias.
import { CAMBODIA_SIDE_SQL, SIDES } from "../lib/domain/figure";

// SQL fragments shared by CHECK constraints. `date(x) IS x` rejects both malformed strings
// and impossible days: with a modifier SQLite normalises 2025-02-30 to 2025-03-02, which differs.
const isIsoDate = (col: string) => sql.raw(`date(${col}, '+0 days') IS ${col}`);
const isIsoDateOrNull = (col: string) => sql.raw(`(${col} IS NULL OR date(${col}, '+0 days') IS ${col})`);
const isIsoMonth = (col: string) => sql.raw(`(${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND substr(${col}, 6, 2) BETWEEN '01' AND '12')`);
const isBool = (col: string) => sql.raw(`${col} IN (0, 1)`);
const inList = (col: string, values: readonly string[]) => sql.raw(`${col} IN (${values.map((v) => `'${v}'`).join(", ")})`);
/** A date with a stated precision is stored as its first day: 2022-02-01 for "February 2022". */
const dateMatchesPrecision = (date: string, precision: string) =>
  sql.raw(
    `(${precision} = 'day' OR (${precision} = 'month' AND substr(${date}, 9, 2) = '01') OR (${precision} = 'year' AND substr(${date}, 6, 5) = '01-01'))`,
  );
/** Links readers follow: web addresses only, never javascript: or data: URLs. */
const isWebUrlOrNull = (col: string) => sql.raw(`(${col} IS NULL OR ${col} GLOB 'https://*' OR ${col} GLOB 'http://*')`);

export const AGREEMENT_STATUSES = [
  "proposed",
  "feasibility_study",
  "negotiating",
  "concluded",
  "signed",
  "ratification",
  "in_force",
] as const;
/** How well a fact is sourced: high = a wire or official report states it; medium = one secondary source. */
export const CONFIDENCES = ["high", "medium"] as const;
/** How much of a source's date is known: "c. Feb 2022" is month precision, inferred. */
export const DATE_PRECISIONS = ["day", "month", "year"] as const;
/** What a tariff-elimination share counts, in the source's own terms. */
export const TARIFF_UNITS = ["products", "tariff_lines"] as const;
export const ROUND_FORMATS = ["virtual", "in_person", "hybrid"] as const;
export const SOURCE_KINDS = ["news_report", "official_statistics", "database"] as const;
/** Flows are stored from the reporter's point of view; `khm_flow` restates them from Cambodia's. */
export const FLOWS = [
  "exports",
  "imports",
  "total",
  "balance",
  "investment_stock",
  "partner_rank",
  "investor_rank",
  "destination_rank",
] as const;
export const UNITS = ["USD", "rank"] as const;
export const ROLES = ["admin", "editor"] as const;
export const UPDATE_STATUSES = ["draft", "published"] as const;

export const partners = sqliteTable(
  "partners",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    imfName: text("imf_name"),
    region: text("region").notNull(),
  },
  () => [check("partners_code_iso3", sql.raw(`code GLOB '[A-Z][A-Z][A-Z]'`))],
);

export const sources = sqliteTable(
  "sources",
  {
    id: text("id").primaryKey(),
    publisher: text("publisher").notNull(),
    title: text("title").notNull(),
    /** The report's own headline was not preserved; the title is the portal's description. */
    titleSupplied: integer("title_supplied", { mode: "boolean" }).notNull().default(false),
    publishedOn: text("published_on").notNull(),
    /** How much of `published_on` the source gives; a month or year is stored as its first day. */
    publishedPrecision: text("published_precision", { enum: DATE_PRECISIONS }).notNull().default("day"),
    /** The date is inferred from the article ("c."), not printed on it. */
    dateInferred: integer("date_inferred", { mode: "boolean" }).notNull().default(false),
    kind: text("kind", { enum: SOURCE_KINDS }).notNull(),
    /** The address as given (some publishers' addresses are plain http). */
    url: text("url"),
    note: text("note"),
    version: integer("version").notNull().default(1),
  },
  () => [
    check("sources_id_slug", sql.raw(`id GLOB '[a-z0-9]*' AND id NOT GLOB '*[^a-z0-9-]*'`)),
    check("sources_published_on", isIsoDate("published_on")),
    check("sources_published_precision", inList("published_precision", DATE_PRECISIONS)),
    check("sources_published_on_precision", dateMatchesPrecision("published_on", "published_precision")),
    check("sources_date_inferred", isBool("date_inferred")),
    check("sources_kind", inList("kind", SOURCE_KINDS)),
    check("sources_url", isWebUrlOrNull("url")),
  ],
);

export const agreements = sqliteTable(
  "agreements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    coverage: text("coverage"),
    /** Markdown written by editors; rendered without raw HTML. */
    summary: text("summary").notNull().default(""),
    wtoName: text("wto_name"),
    version: integer("version").notNull().default(1),
  },
  () => [check("agreements_slug", sql.raw(`slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'`))],
);

export const agreementParties = sqliteTable(
  "agreement_parties",
  {
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    partnerCode: text("partner_code")
      .notNull()
      .references(() => partners.code),
    /** Party-specific entry into force, where the WTO records one. */
    inForceOn: text("in_force_on"),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.partnerCode] }),
    check("agreement_parties_in_force_on", isIsoDateOrNull("in_force_on")),
    index("agreement_parties_partner").on(t.partnerCode),
  ],
);

/**
 * Status history: proposed → feasibility study → negotiating → concluded → signed → ratification →
 * in force. Each event is one dated step; the stage it belongs to is its status (a joint committee
 * after entry into force is an `in_force` step).
 */
export const agreementEvents = sqliteTable(
  "agreement_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    status: text("status", { enum: AGREEMENT_STATUSES }).notNull(),
    /** First day of the event; `precision` says how much of it the sources give. */
    date: text("date").notNull(),
    endDate: text("end_date"),
    precision: text("precision", { enum: ["day", "month"] })
      .notNull()
      .default("day"),
    description: text("description").notNull(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    /** The one party this step concerns (Cambodia's Senate, Korea's notification); null for the agreement as a whole. */
    party: text("party").references(() => partners.code),
    confidence: text("confidence", { enum: CONFIDENCES }).notNull().default("high"),
  },
  (t) => [
    check("agreement_events_status", inList("status", AGREEMENT_STATUSES)),
    check("agreement_events_confidence", inList("confidence", CONFIDENCES)),
    check("agreement_events_date", isIsoDate("date")),
    check("agreement_events_end_date", isIsoDateOrNull("end_date")),
    check("agreement_events_order", sql.raw(`end_date IS NULL OR end_date >= date`)),
    check("agreement_events_precision", sql.raw(`precision IN ('day', 'month')`)),
    uniqueIndex("agreement_events_unique").on(t.agreementId, t.status, t.date),
  ],
);

/** Further sources that confirm an event (the event's own `source_id` is the one shown first). */
export const agreementEventSources = sqliteTable(
  "agreement_event_sources",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => agreementEvents.id, { onDelete: "cascade" }),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.sourceId] }), index("agreement_event_sources_source").on(t.sourceId)],
);

/**
 * One row of a WTO RTA-IS export, per vintage (the export is the source). Kept whole so that what
 * the WTO recorded in March 2021 and in 2026 can be compared field by field; events are built from
 * the newest vintage.
 */
export const wtoRtaRecords = sqliteTable(
  "wto_rta_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    /** The WTO's RTA ID (the 2021 extract has no ID column: matched by name and date of signature). */
    rtaId: integer("rta_id").notNull(),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    coverage: text("coverage").notNull(),
    type: text("type").notNull(),
    /** The WTO's status, as written ("In Force", "Inactive", "In force for at least one Party"). */
    status: text("status").notNull(),
    signedGoods: text("signed_goods"),
    signedServices: text("signed_services"),
    notifiedGoods: text("notified_goods"),
    notifiedServices: text("notified_services"),
    inForceGoods: text("in_force_goods"),
    inForceServices: text("in_force_services"),
    inactiveOn: text("inactive_on"),
    /** Cambodia's own date in "Specific Entry/Exit dates", and whether the remarks call it a ratification. */
    cambodiaDate: text("cambodia_date"),
    cambodiaDateKind: text("cambodia_date_kind", { enum: ["entry", "ratification"] }),
    remarks: text("remarks"),
  },
  (t) => [
    uniqueIndex("wto_rta_records_vintage_rta").on(t.sourceId, t.rtaId),
    index("wto_rta_records_agreement").on(t.agreementId),
    check("wto_rta_records_rta_id", sql.raw(`rta_id BETWEEN 1 AND 99999`)),
    check("wto_rta_records_signed_goods", isIsoDateOrNull("signed_goods")),
    check("wto_rta_records_signed_services", isIsoDateOrNull("signed_services")),
    check("wto_rta_records_notified_goods", isIsoDateOrNull("notified_goods")),
    check("wto_rta_records_notified_services", isIsoDateOrNull("notified_services")),
    check("wto_rta_records_in_force_goods", isIsoDateOrNull("in_force_goods")),
    check("wto_rta_records_in_force_services", isIsoDateOrNull("in_force_services")),
    check("wto_rta_records_inactive_on", isIsoDateOrNull("inactive_on")),
    check("wto_rta_records_cambodia_date", isIsoDateOrNull("cambodia_date")),
    check(
      "wto_rta_records_cambodia_date_kind",
      sql.raw(
        `(cambodia_date IS NULL AND cambodia_date_kind IS NULL) OR (cambodia_date IS NOT NULL AND cambodia_date_kind IN ('entry', 'ratification'))`,
      ),
    ),
  ],
);

/**
 * Shares of tariffs a party eliminates under an agreement, as a source states them. Stored in basis
 * points (9380 = 93.8%) so the number is exact; `counted` keeps the source's unit ("products" is not
 * "tariff lines"), and `combined_with` marks a share that covers two agreements together.
 */
export const tariffEliminations = sqliteTable(
  "tariff_eliminations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    /** Whose tariffs are eliminated. */
    party: text("party")
      .notNull()
      .references(() => partners.code),
    shareBp: integer("share_bp").notNull(),
    counted: text("counted", { enum: TARIFF_UNITS }).notNull(),
    combinedWithId: integer("combined_with_id").references(() => agreements.id),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    confidence: text("confidence", { enum: CONFIDENCES }).notNull().default("high"),
    note: text("note"),
  },
  (t) => [
    uniqueIndex("tariff_eliminations_one_per_source").on(t.agreementId, t.party, t.sourceId),
    check("tariff_eliminations_share", sql.raw(`typeof(share_bp) = 'integer' AND share_bp BETWEEN 0 AND 10000`)),
    check("tariff_eliminations_counted", inList("counted", TARIFF_UNITS)),
    check("tariff_eliminations_confidence", inList("confidence", CONFIDENCES)),
    check("tariff_eliminations_combined", sql.raw(`combined_with_id IS NULL OR combined_with_id <> agreement_id`)),
  ],
);

export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** The preferred dates; other reported dates live in round_sources. */
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    format: text("format", { enum: ROUND_FORMATS }).notNull(),
    host: text("host"),
    /** JSON array of strings: chapters or topics discussed. */
    topics: text("topics").notNull().default("[]"),
    /** Markdown written by editors; rendered without raw HTML. */
    summary: text("summary").notNull().default(""),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("rounds_agreement_number").on(t.agreementId, t.number),
    check("rounds_number", sql.raw(`number BETWEEN 1 AND 999`)),
    check("rounds_start_date", isIsoDate("start_date")),
    check("rounds_end_date", isIsoDate("end_date")),
    check("rounds_order", sql.raw(`end_date >= start_date`)),
    check("rounds_format", inList("format", ROUND_FORMATS)),
    check("rounds_topics", sql.raw(`json_valid(topics) AND json_type(topics) = 'array'`)),
  ],
);

/** What each source says about a round; exactly one preferred set of dates per round. */
export const roundSources = sqliteTable(
  "round_sources",
  {
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    startDate: text("start_date"),
    endDate: text("end_date"),
    preferred: integer("preferred", { mode: "boolean" }).notNull().default(false),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.sourceId] }),
    check("round_sources_start", isIsoDateOrNull("start_date")),
    check("round_sources_end", isIsoDateOrNull("end_date")),
    check("round_sources_preferred", isBool("preferred")),
    uniqueIndex("round_sources_one_preferred").on(t.roundId).where(sql.raw(`preferred = 1`)),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** Bumped on disable, role or password change: every older session is refused. */
    sessionVersion: integer("session_version").notNull().default(1),
    createdAt: text("created_at").notNull(),
  },
  () => [
    check("users_role", inList("role", ROLES)),
    check("users_email", sql.raw(`email = lower(email) AND email LIKE '%_@_%'`)),
    check("users_disabled", isBool("disabled")),
  ],
);

/** A live-blog stream of dated entries on an agreement or one of its rounds. */
export const updates = sqliteTable(
  "updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    roundId: integer("round_id").references(() => rounds.id, { onDelete: "set null" }),
    /** ISO date-time in UTC, e.g. 2020-11-17T09:00:00Z. */
    postedAt: text("posted_at").notNull(),
    title: text("title").notNull(),
    /** Markdown written by editors; rendered without raw HTML. */
    body: text("body").notNull(),
    status: text("status", { enum: UPDATE_STATUSES }).notNull().default("draft"),
    sourceId: text("source_id").references(() => sources.id),
    authorId: integer("author_id").references(() => users.id),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    check("updates_status", inList("status", UPDATE_STATUSES)),
    check(
      "updates_posted_at",
      sql.raw(`posted_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'
        AND substr(posted_at, 12, 2) BETWEEN '00' AND '23'
        AND date(substr(posted_at, 1, 10), '+0 days') IS substr(posted_at, 1, 10)`),
    ),
    check("updates_title", sql.raw(`length(trim(title)) BETWEEN 1 AND 200`)),
    index("updates_agreement_posted").on(t.agreementId, t.postedAt),
  ],
);

/**
 * The statistical bodies whose records a figure is: Cambodia's customs (GDCE), the Korea
 * International Trade Association (KITA), JETRO. Each keeps one economy's records, so a figure's
 * record keeper must belong to its reporter (a composite foreign key says so).
 */
export const recordKeepers = sqliteTable(
  "record_keepers",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    economy: text("economy")
      .notNull()
      .references(() => partners.code),
  },
  (t) => [
    uniqueIndex("record_keepers_code_economy").on(t.code, t.economy),
    check("record_keepers_code", sql.raw(`code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z]*' AND length(code) BETWEEN 2 AND 12`)),
  ],
);

/**
 * One value for one cell, from one source. A cell is (counterpart, khm_flow, period): the same
 * quantity seen from Cambodia's side, whoever reported it. Several sources may fill a cell; one
 * is preferred, and readers are shown when the others differ.
 */
export const tradeFigures = sqliteTable(
  "trade_figures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Whose records the value comes from; flows are from this economy's point of view. */
    reporter: text("reporter")
      .notNull()
      .references(() => partners.code),
    partner: text("partner")
      .notNull()
      .references(() => partners.code),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    flow: text("flow", { enum: FLOWS }).notNull(),
    /** Whole US dollars (or a rank). Exports FOB, imports CIF as the reporter records them. */
    value: integer("value").notNull(),
    unit: text("unit", { enum: UNITS }).notNull(),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    note: text("note"),
    preferred: integer("preferred", { mode: "boolean" }).notNull().default(false),
    estimate: integer("estimate", { mode: "boolean" }).notNull().default(false),
    /** Computed from other stored values (a total, or a level implied by a reported change). */
    derived: integer("derived", { mode: "boolean" }).notNull().default(false),
    /** The source gives the value as approximate ("about US$1.8 billion", "≈"). */
    approximate: integer("approximate", { mode: "boolean" }).notNull().default(false),
    /** medium: one secondary source, shown with "one source". */
    confidence: text("confidence", { enum: CONFIDENCES }).notNull().default("high"),
    /** Which body's records the value is (GDCE, KITA, JETRO), when the source says; it keeps the reporter's records. */
    records: text("records").references(() => recordKeepers.code),
    // The value restated from Cambodia's point of view; the rules and their SQL live in lib/domain/figure.ts.
    counterpart: text("counterpart").notNull().generatedAlwaysAs(sql.raw(CAMBODIA_SIDE_SQL.counterpart), { mode: "stored" }),
    side: text("side", { enum: SIDES }).notNull().generatedAlwaysAs(sql.raw(CAMBODIA_SIDE_SQL.side), { mode: "stored" }),
    khmFlow: text("khm_flow", { enum: FLOWS }).notNull().generatedAlwaysAs(sql.raw(CAMBODIA_SIDE_SQL.khmFlow), { mode: "stored" }),
    /** The value from Cambodia's point of view: a partner's surplus is Cambodia's deficit. */
    khmValue: integer("khm_value").notNull().generatedAlwaysAs(sql.raw(CAMBODIA_SIDE_SQL.khmValue), { mode: "stored" }),
    version: integer("version").notNull().default(1),
    updatedAt: text("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [
    check("trade_figures_involves_khm", sql.raw(CAMBODIA_SIDE_SQL.involvesCambodia)),
    check("trade_figures_period_start", isIsoMonth("period_start")),
    check("trade_figures_period_end", isIsoMonth("period_end")),
    check("trade_figures_period_order", sql.raw(`period_end >= period_start`)),
    check("trade_figures_flow", inList("flow", FLOWS)),
    check("trade_figures_unit", inList("unit", UNITS)),
    check(
      "trade_figures_value",
      sql.raw(`typeof(value) = 'integer' AND abs(value) <= 100000000000000 AND (
        (unit = 'rank' AND flow GLOB '*_rank' AND value >= 1) OR
        (unit = 'USD' AND flow NOT GLOB '*_rank' AND (flow = 'balance' OR value >= 0)))`),
    ),
    check("trade_figures_flags", sql.raw(`preferred IN (0, 1) AND estimate IN (0, 1) AND derived IN (0, 1)`)),
    // approximate, confidence and records are checked by triggers (migration 0004_record_2026_checks, hand-written block):
    // a CHECK here would make drizzle-kit rebuild this table, which it cannot do with generated columns.
    uniqueIndex("trade_figures_one_per_source").on(t.reporter, t.partner, t.flow, t.periodStart, t.periodEnd, t.sourceId),
    uniqueIndex("trade_figures_one_preferred").on(t.counterpart, t.khmFlow, t.periodStart, t.periodEnd).where(sql.raw(`preferred = 1`)),
    index("trade_figures_cell").on(t.counterpart, t.khmFlow, t.periodStart, t.periodEnd),
    index("trade_figures_source").on(t.sourceId),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: text("before"),
    after: text("after"),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
    /**
     * The device cookie's id when the browser carried one valid for this email (a trusted device,
     * throttled on its own); null for every other client (lib/auth/device.ts).
     */
    device: text("device"),
  },
  (t) => [
    index("login_attempts_email_at").on(t.email, t.at),
    index("login_attempts_ip_at").on(t.ip, t.at),
    // The global limit counts every recent failure, and pruning deletes by age.
    index("login_attempts_at").on(t.at),
  ],
);

export const SESSION_END_REASONS = ["signed out", "ended by an admin", "account changed"] as const;

/**
 * One row per sign-in. The session cookie carries a random token whose SHA-256 is `token_hash`;
 * every page and action looks the row up, so ending it here ends the session at once.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    /** Sign-in time plus the absolute lifetime; nothing moves it later. */
    expiresAt: text("expires_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    endedAt: text("ended_at"),
    endReason: text("end_reason", { enum: SESSION_END_REASONS }),
    /** As the browser sent it at sign-in, cut to 256 characters. */
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull(),
  },
  (t) => [
    check("sessions_order", sql.raw(`expires_at > created_at`)),
    check("sessions_ended", sql.raw(`(ended_at IS NULL) = (end_reason IS NULL)`)),
    check("sessions_end_reason", inList("end_reason", SESSION_END_REASONS)),
    index("sessions_user").on(t.userId, t.endedAt),
    index("sessions_expires_at").on(t.expiresAt),
  ],
);

export type Partner = typeof partners.$inferSelect;
export type Source = typeof sources.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type AgreementEvent = typeof agreementEvents.$inferSelect;
export type WtoRtaRecord = typeof wtoRtaRecords.$inferSelect;
export type TariffElimination = typeof tariffEliminations.$inferSelect;
export type RecordKeeper = typeof recordKeepers.$inferSelect;
export type Confidence = (typeof CONFIDENCES)[number];
export type Round = typeof rounds.$inferSelect;
export type RoundSource = typeof roundSources.$inferSelect;
export type Update = typeof updates.$inferSelect;
export type TradeFigure = typeof tradeFigures.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Flow = (typeof FLOWS)[number];
export type Role = (typeof ROLES)[number];
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

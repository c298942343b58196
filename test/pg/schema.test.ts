/**
 * What db/schema.pg.ts and db/migrations/postgres guarantee, on a real PostgreSQL 15: the same refusals
 * test/db.test.ts checks on SQLite (each by the constraint's name, with nothing written), the generated
 * Cambodia's-side columns, and the date and JSON checks giving the same answers as SQLite's on the same
 * inputs. The database is a clone of the seeded template (test/pg/global-setup.ts).
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneDatabase, sqliteSeedCopy, type TestDatabase } from "./helpers";

let db: TestDatabase;
let client: pg.Client;
let lite: Database.Database;
let liteCopy: ReturnType<typeof sqliteSeedCopy>;

const SEED_TIME = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  db = await cloneDatabase("schema");
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  liteCopy = sqliteSeedCopy("pg-schema");
  lite = new Database(liteCopy.path);
});

afterAll(async () => {
  await client?.end();
  lite?.close();
  liteCopy?.cleanup();
  await db?.drop();
});

const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const ckftaId = async () => (await client.query(`SELECT id FROM agreements WHERE slug = 'ckfta'`)).rows[0].id as number;

/** Runs `statement` in a transaction that is always rolled back. */
async function rolledBack<T>(fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}

/** Expects PostgreSQL to refuse `statement` with SQLSTATE `code` naming `constraint`, and nothing written to `table`. */
async function expectRefused(table: string, statement: string, params: unknown[], code: string, constraint?: string | string[]) {
  const before = await count(table);
  let error: (Error & { code?: string; constraint?: string }) | null = null;
  try {
    await client.query(statement, params);
  } catch (e) {
    error = e as Error & { code?: string; constraint?: string };
  }
  expect(error, `expected PostgreSQL to refuse: ${statement} ${JSON.stringify(params)}`).toBeInstanceOf(Error);
  expect(error?.code).toBe(code);
  if (constraint !== undefined) expect([constraint].flat()).toContain(error?.constraint);
  expect(await count(table)).toBe(before);
}

const CHECK = "23514";
const UNIQUE = "23505";
const FOREIGN_KEY = "23503";

const INSERT_ROUND = `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES ($1, $2, $3, $4, 'virtual', $5)`;
const INSERT_FIGURE = `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, preferred, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const figure = (
  over: Partial<{
    reporter: string;
    partner: string;
    start: string;
    end: string;
    flow: string;
    value: number;
    unit: string;
    source: string;
    preferred: boolean;
  }> = {},
) => {
  const f = {
    reporter: "KHM",
    partner: "KOR",
    start: "1950-01",
    end: "1950-12",
    flow: "exports",
    value: 1_000_000,
    unit: "USD",
    source: "yonhap-2020-07-02",
    preferred: false,
    ...over,
  };
  return [f.reporter, f.partner, f.start, f.end, f.flow, f.value, f.unit, f.source, f.preferred, SEED_TIME];
};

describe("the seed on PostgreSQL", () => {
  it("holds every row of the SQLite seed, table by table", async () => {
    for (const table of [
      "partners",
      "sources",
      "agreements",
      "agreement_parties",
      "agreement_events",
      "agreement_event_sources",
      "wto_rta_records",
      "tariff_eliminations",
      "record_keepers",
      "rounds",
      "round_sources",
      "updates",
      "trade_figures",
      "users",
      "sessions",
      "audit_log",
      "login_attempts",
    ]) {
      const sqlite = (lite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(await count(table), table).toBe(sqlite);
    }
    expect(await count("trade_figures")).toBeGreaterThan(15_000);
  });

  it("computes the same Cambodia's-side columns as SQLite for every figure", async () => {
    const q = `SELECT id, counterpart, side, khm_flow, khm_value FROM trade_figures ORDER BY id`;
    // This client has node-postgres's defaults: bigint arrives as a string (the seam's pool parses it).
    const fromPg = (await client.query(q)).rows.map((r) => ({ ...r, khm_value: Number(r.khm_value) }));
    expect(fromPg).toEqual(lite.prepare(q).all());
  });

  it("keeps exactly one preferred value in every cell", async () => {
    const bad = await client.query(`SELECT counterpart, khm_flow, period_start, period_end FROM trade_figures
      GROUP BY counterpart, khm_flow, period_start, period_end HAVING count(*) FILTER (WHERE preferred) <> 1`);
    expect(bad.rows).toEqual([]);
  });

  it("continues ids after the copied rows", async () => {
    const id = await rolledBack(async () => (await client.query(INSERT_FIGURE + " RETURNING id", figure())).rows[0].id as number);
    const max = (lite.prepare(`SELECT max(id) AS m FROM trade_figures`).get() as { m: number }).m;
    expect(id).toBe(max + 1);
  });
});

describe("generated columns", () => {
  it("restates a partner's surplus as Cambodia's deficit for a new row, and refuse to be written", async () => {
    await rolledBack(async () => {
      const row = (
        await client.query(
          INSERT_FIGURE + " RETURNING counterpart, side, khm_flow, khm_value, value",
          figure({ reporter: "JPN", partner: "KHM", flow: "balance", value: -5 }),
        )
      ).rows[0];
      expect(row).toEqual({ counterpart: "JPN", side: "partner", khm_flow: "balance", khm_value: "5", value: "-5" });
    });
    await expectRefused(
      "trade_figures",
      `UPDATE trade_figures SET khm_value = 0 WHERE id = (SELECT min(id) FROM trade_figures)`,
      [],
      "428C9",
    );
  });
});

describe("constraints", () => {
  it("accepts the valid rows the rejection tests start from (control)", async () => {
    await rolledBack(async () => {
      await client.query(INSERT_ROUND, [await ckftaId(), 5, "2020-12-01", "2020-12-03", SEED_TIME]);
      await client.query(INSERT_FIGURE, figure());
      await client.query(
        INSERT_FIGURE,
        figure({ reporter: "KOR", partner: "KHM", start: "2018-01", end: "2018-12", flow: "total", source: "yonhap-2020-07-02" }),
      );
      await client.query(
        `INSERT INTO sources (id, publisher, title, published_on, kind) VALUES ('good-source-1', 'P', 'T', '2024-02-29', 'news_report')`,
      );
      await client.query(
        `INSERT INTO updates (agreement_id, posted_at, title, body, updated_at) VALUES ($1, '2020-07-02T23:59:59Z', 'Title', 'Body', $2)`,
        [await ckftaId(), SEED_TIME],
      );
    });
  });

  it("refuses a round that starts on an impossible day (2025-02-30)", async () => {
    await expectRefused("rounds", INSERT_ROUND, [await ckftaId(), 50, "2025-02-30", "2025-03-05", SEED_TIME], CHECK, "rounds_start_date");
  });

  it("refuses a round that ends before it starts", async () => {
    await expectRefused("rounds", INSERT_ROUND, [await ckftaId(), 50, "2025-03-05", "2025-03-01", SEED_TIME], CHECK, "rounds_order");
  });

  it("refuses a second round with the same number in one agreement", async () => {
    await expectRefused(
      "rounds",
      INSERT_ROUND,
      [await ckftaId(), 2, "2025-03-01", "2025-03-02", SEED_TIME],
      UNIQUE,
      "rounds_agreement_number",
    );
  });

  it("refuses topics that are not a JSON array", async () => {
    const insert = `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, topics, updated_at) VALUES ($1, 60, '2025-03-01', '2025-03-02', 'virtual', $2, $3)`;
    for (const topics of ["{not json", `{"a": 1}`, `"text"`, ""]) {
      await expectRefused("rounds", insert, [await ckftaId(), topics, SEED_TIME], CHECK, "rounds_topics");
    }
  });

  it("refuses a negative export value", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ value: -1 }), CHECK, "trade_figures_value");
  });

  it("refuses a fractional value (bigint does not take 1.5 from a parameter)", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ value: 1.5 }), "22P02");
  });

  it("refuses a value beyond 10^14 dollars", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ value: 100_000_000_000_001 }), CHECK, "trade_figures_value");
  });

  it("refuses a month 13 period", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ start: "2019-13", end: "2019-13" }), CHECK, [
      "trade_figures_period_start",
      "trade_figures_period_end",
    ]);
  });

  it("refuses a partner code that is not in partners (foreign key)", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ partner: "XYZ" }), FOREIGN_KEY, "trade_figures_partner_partners_code_fk");
  });

  it("refuses a second preferred value in the same cell", async () => {
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({
        reporter: "KOR",
        partner: "KHM",
        start: "2018-01",
        end: "2018-12",
        flow: "total",
        source: "yonhap-2020-07-02",
        preferred: true,
      }),
      UNIQUE,
      "trade_figures_one_preferred",
    );
  });

  it("refuses a source id with upper-case letters, and a link that is not a web address (http as published is allowed)", async () => {
    const insert = `INSERT INTO sources (id, publisher, title, published_on, kind, url) VALUES ($1, 'P', 'T', '2020-01-01', 'news_report', $2)`;
    await expectRefused("sources", insert, ["Yonhap-2020-07-02", null], CHECK, "sources_id_slug");
    await expectRefused("sources", insert, ["ok-id", "javascript:alert(1)"], CHECK, "sources_url");
    await expectRefused("sources", insert, ["ok-id", "data:text/html,x"], CHECK, "sources_url");
    await rolledBack(() => client.query(insert, ["ok-id", "http://www.example.org/a"]));
  });

  it("refuses a source date finer than its precision, or an unknown precision", async () => {
    const insert = `INSERT INTO sources (id, publisher, title, published_on, published_precision, kind) VALUES ('ok-id', 'P', 'T', $1, $2, 'news_report')`;
    await expectRefused("sources", insert, ["2022-02-15", "month"], CHECK, "sources_published_on_precision");
    await expectRefused("sources", insert, ["2022-02-01", "year"], CHECK, "sources_published_on_precision");
    await expectRefused("sources", insert, ["2022-02-01", "week"], CHECK, [
      "sources_published_precision",
      "sources_published_on_precision",
    ]);
    await rolledBack(() => client.query(insert, ["2022-02-01", "month"]));
  });

  it("takes a ratification step, and refuses an unknown stage or confidence", async () => {
    const insert = `INSERT INTO agreement_events (agreement_id, status, date, description, source_id, party, confidence) VALUES ($1, $2, '2030-01-01', 'Step.', 'yonhap-2020-07-02', 'KHM', $3)`;
    await rolledBack(async () => client.query(insert, [await ckftaId(), "ratification", "medium"]));
    await expectRefused("agreement_events", insert, [await ckftaId(), "ratified", "high"], CHECK, "agreement_events_status");
    await expectRefused("agreement_events", insert, [await ckftaId(), "signed", "low"], CHECK, "agreement_events_confidence");
  });

  it("refuses a tariff share above 100% or as a fraction of a basis point", async () => {
    await expectRefused("tariff_eliminations", `UPDATE tariff_eliminations SET share_bp = 10001`, [], CHECK, "tariff_eliminations_share");
    await expectRefused("tariff_eliminations", `UPDATE tariff_eliminations SET share_bp = $1`, ["93.8"], "22P02");
  });

  it("refuses what SQLite's triggers refuse on trade_figures: a confidence other than high or medium, a record keeper of another economy", async () => {
    const insert = `INSERT INTO trade_figures (reporter, partner, period_start, period_end, flow, value, unit, source_id, updated_at, confidence, records)
      VALUES ('KHM', 'KOR', '2030-01', '2030-12', 'total', 1, 'USD', 'imf-dots', $1, $2, $3)`;
    await expectRefused("trade_figures", insert, [SEED_TIME, "low", null], CHECK, "trade_figures_confidence");
    await expectRefused("trade_figures", insert, [SEED_TIME, "high", "KITA"], FOREIGN_KEY, "trade_figures_records");
    await expectRefused("trade_figures", insert, [SEED_TIME, "high", "NOPE"], FOREIGN_KEY, [
      "trade_figures_records",
      "trade_figures_records_record_keepers_code_fk",
    ]);
    await rolledBack(async () => {
      const id = (await client.query(insert + " RETURNING id", [SEED_TIME, "medium", "GDCE"])).rows[0].id as number;
      await expect(client.query(`UPDATE trade_figures SET records = 'JETRO' WHERE id = $1`, [id])).rejects.toMatchObject({
        code: FOREIGN_KEY,
        constraint: "trade_figures_records",
      });
    });
  });

  it("refuses trade between two economies neither of which is Cambodia", async () => {
    await expectRefused("trade_figures", INSERT_FIGURE, figure({ reporter: "KOR", partner: "JPN" }), CHECK, "trade_figures_involves_khm");
  });

  it("refuses a rank stored in US dollars", async () => {
    await expectRefused(
      "trade_figures",
      INSERT_FIGURE,
      figure({ flow: "partner_rank", value: 5, unit: "USD" }),
      CHECK,
      "trade_figures_value",
    );
  });

  it("refuses an update posted at hour 29, or on 31 April", async () => {
    const insert = `INSERT INTO updates (agreement_id, posted_at, title, body, updated_at) VALUES ($1, $2, 'Title', 'Body', $3)`;
    await expectRefused("updates", insert, [await ckftaId(), "2020-07-02T29:59:59Z", SEED_TIME], CHECK, "updates_posted_at");
    await expectRefused("updates", insert, [await ckftaId(), "2020-04-31T09:00:00Z", SEED_TIME], CHECK, "updates_posted_at");
  });

  it("refuses an unknown role, an e-mail address in capitals, and a blank update title", async () => {
    const user = `INSERT INTO users (email, name, role, password_hash, created_at) VALUES ($1, 'N', $2, 'x', $3)`;
    await expectRefused("users", user, ["a@example.org", "owner", SEED_TIME], CHECK, "users_role");
    await expectRefused("users", user, ["A@example.org", "editor", SEED_TIME], CHECK, "users_email");
    const update = `INSERT INTO updates (agreement_id, posted_at, title, body, updated_at) VALUES ($1, '2020-07-02T09:00:00Z', $2, 'Body', $3)`;
    await expectRefused("updates", update, [await ckftaId(), "   ", SEED_TIME], CHECK, "updates_title");
  });
});

describe("date and JSON checks agree with SQLite's", () => {
  const dates = [
    "2020-07-30",
    "2024-02-29",
    "2023-02-29",
    "2000-02-29",
    "1900-02-29",
    "2025-02-30",
    "2025-04-31",
    "2025-12-31",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "0000-01-01",
    "9999-12-31",
    "2020-7-30",
    "2020-07-30T00:00",
    " 2020-07-30",
    "2020-07-30 ",
    "20200730",
    "２０２０-07-30",
    "2020/07/30",
    "",
    "abcd-ef-gh",
  ];

  it("accepts exactly the days SQLite's date() accepts", async () => {
    const pgAnswers = (await client.query(`SELECT d, ctm_is_iso_date(d) AS ok FROM unnest($1::text[]) AS d`, [dates])).rows.map((r) => [
      r.d,
      r.ok,
    ]);
    const sqliteAnswers = dates.map((d) => [
      d,
      (lite.prepare(`SELECT date(?, '+0 days') IS ? AS ok`).get(d, d) as { ok: number }).ok === 1,
    ]);
    expect(pgAnswers).toEqual(sqliteAnswers);
    // Controls: the list holds both answers.
    expect(pgAnswers.filter(([, ok]) => ok).length).toBeGreaterThan(3);
    expect(pgAnswers.filter(([, ok]) => !ok).length).toBeGreaterThan(10);
  });

  it("accepts exactly the JSON arrays SQLite accepts", async () => {
    const inputs = [`[]`, `["a", "b"]`, `[1, {"x": []}]`, ` [ ] `, `{}`, `"a"`, `null`, `[`, `["a",]`, `nope`];
    const pgAnswers = (
      await client.query(`SELECT t, ctm_is_json_array(t) AS ok FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`, [inputs])
    ).rows.map((r) => r.ok);
    const sqliteAnswers = inputs.map(
      (t) =>
        (lite.prepare(`SELECT CASE WHEN json_valid(?) THEN json_type(?) = 'array' ELSE 0 END AS ok`).get(t, t) as { ok: number | null })
          .ok === 1,
    );
    expect(pgAnswers).toEqual(sqliteAnswers);
  });
});

-- HAND-WRITTEN (drizzle-kit generate --custom). Two functions the CHECK constraints of the generated
-- tables in 0001_init.sql call, so they must exist first. Both are IMMUTABLE and STRICT: a NULL
-- passes, as SQLite's `date(NULL, '+0 days') IS NULL` does; the columns say NOT NULL where it matters.

-- An ISO calendar day, YYYY-MM-DD, that exists: '2025-02-30' and '2023-02-29' are refused, '2024-02-29'
-- is accepted. The same set SQLite's `date(x, '+0 days') IS x` accepts (years 0000–9999, proleptic
-- Gregorian), computed without a cast to date, which would raise an error instead of failing the CHECK.
CREATE FUNCTION ctm_is_iso_date(d text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT CASE WHEN d ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
		substr(d, 9, 2)::int <= CASE substr(d, 6, 2)::int
			WHEN 2 THEN CASE
				WHEN (substr(d, 1, 4)::int % 4 = 0 AND substr(d, 1, 4)::int % 100 <> 0) OR substr(d, 1, 4)::int % 400 = 0 THEN 29
				ELSE 28 END
			WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30
			ELSE 31 END
	ELSE false END
$$;
--> statement-breakpoint
-- Text that parses as JSON and is an array: SQLite's `json_valid(x) AND json_type(x) = 'array'`.
-- PostgreSQL 15 has no `IS JSON`, and a failed cast raises an error rather than answering false.
CREATE FUNCTION ctm_is_json_array(t text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
	RETURN json_typeof(t::json) = 'array';
EXCEPTION WHEN invalid_text_representation THEN
	RETURN false;
END
$$;

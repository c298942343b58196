import { describe, expect, it } from "vitest";
import {
  classifyAction,
  dollarsToMillions,
  fieldValue,
  figureValues,
  maxOf,
  parseMultipart,
  percentile,
  rscRow,
  staleness,
  table,
  withFields,
} from "./protocol";

// Shapes copied from what Next 16 answered a form post in this app (trimmed).
const OK_BODY = [
  '2:"$Sreact.fragment"',
  'e:[["children",{"s":"__PAGE__","d":{"r":"$Lf","p":false,"v":null}}]]',
  '0:{"a":"$@1","q":"","i":false,"t":{"t":{"s":"","h":16,"d":{"r":["$","$2","c",{"children":"status \\"ok\\" inside the tree"}]}}}}',
  '1:{"status":"ok","message":"Published: “A title”.","seq":1795248744853}',
  "",
].join("\n");
const ERROR_BODY = [
  '0:{"a":"$@1","q":"","i":false,"b":"5PU6QvSQX5jwUpd_EvFQY"}',
  '1:{"status":"error","message":"The database is busy with another save. Nothing was written; try again in a moment.","values":{"title":"x","status":"ok"},"seq":1}',
  "",
].join("\n");

describe("classifyAction", () => {
  it("acknowledges a FormState with status ok", () => {
    expect(classifyAction(200, null, OK_BODY)).toEqual({ ok: true, kind: "ok", message: "Published: “A title”." });
  });

  it("does not acknowledge an error FormState, even with 'ok' in the echoed values", () => {
    const r = classifyAction(200, null, ERROR_BODY);
    expect(r.ok).toBe(false);
    expect(r.kind).toBe("error");
    expect(r.message).toMatch(/database is busy/);
  });

  it("acknowledges a redirect only to the expected page", () => {
    expect(classifyAction(200, "/admin/figures/7?saved=1;push", "0:{}", /[?&]saved=1/).ok).toBe(true);
    expect(classifyAction(200, "/admin/sign-in?callbackUrl=%2Fadmin;push", "0:{}", /[?&]saved=1/).ok).toBe(false);
    expect(classifyAction(303, "/admin/figures/7?saved=1;push", "", undefined).ok).toBe(false);
  });

  it("does not acknowledge server errors, truncated or unreadable answers", () => {
    expect(classifyAction(500, null, OK_BODY)).toMatchObject({ ok: false, kind: "http" });
    expect(classifyAction(200, null, OK_BODY.slice(0, OK_BODY.indexOf("\n1:")))).toMatchObject({ ok: false, kind: "unparsed" });
    expect(classifyAction(200, null, "<html>oops</html>")).toMatchObject({ ok: false, kind: "unparsed" });
    expect(classifyAction(200, null, '0:{"a":"$@1"}\n1:{"status":"ok"')).toMatchObject({ ok: false, kind: "unparsed" });
  });
});

describe("rscRow", () => {
  it("finds a row by id at the start of a line only", () => {
    expect(rscRow("10:[1]\n0:[2]\n", "0")).toEqual([2]);
    expect(rscRow("0:[2]\n", "0")).toEqual([2]);
    expect(rscRow("10:[1]\n", "1")).toBeUndefined();
  });
});

describe("multipart", () => {
  const body = [
    "------B",
    'Content-Disposition: form-data; name="_1_id"',
    "",
    "",
    "------B",
    'Content-Disposition: form-data; name="_1_title"',
    "",
    "Old title",
    "------B",
    'Content-Disposition: form-data; name="_1_body"',
    "",
    "line one\r\nline two",
    "------B",
    'Content-Disposition: form-data; name="0"',
    "",
    '[{"status":"idle"},"$K1"]',
    "------B--",
    "",
  ].join("\r\n");

  it("parses a browser's form body, empty values and inner newlines included", () => {
    const f = parseMultipart(body, "multipart/form-data; boundary=----B");
    expect(f).toEqual([
      ["_1_id", ""],
      ["_1_title", "Old title"],
      ["_1_body", "line one\r\nline two"],
      ["0", '[{"status":"idle"},"$K1"]'],
    ]);
    expect(fieldValue(f, "title")).toBe("Old title");
  });

  it("replaces fields by their form name and refuses unknown names", () => {
    const f = parseMultipart(body, "multipart/form-data; boundary=----B");
    const g = withFields(f, { title: "New", id: "3" });
    expect(fieldValue(g, "title")).toBe("New");
    expect(fieldValue(g, "id")).toBe("3");
    expect(fieldValue(f, "title")).toBe("Old title");
    expect(() => withFields(f, { version: "1" })).toThrow(/version/);
  });
});

describe("figureValues and dollarsToMillions", () => {
  it("reads every value shown for one figure", () => {
    const html =
      '<span data-figure-id="12" data-value="5">x</span><span data-figure-id="120" data-value="9"></span><div data-figure-id="12" data-value="-7">';
    expect(figureValues(html, 12)).toEqual([5, -7]);
    expect(figureValues(html, 3)).toEqual([]);
  });

  it("writes whole dollars as the US$ millions an editor types", () => {
    expect(dollarsToMillions(1_033_500_000)).toBe("1033.500000");
    expect(dollarsToMillions(2_500)).toBe("0.002500");
    expect(() => dollarsToMillions(1.5)).toThrow();
  });
});

describe("staleness", () => {
  // Values 100 (before any save), then saves of 101, 102, 103 returning at 1000, 2000, 3000 ms.
  const saves = [
    { value: 101, returnedAt: 1000 },
    { value: 102, returnedAt: 2000 },
    { value: 103, returnedAt: 3000 },
  ];

  it("accepts the newest value, and older ones within the limit", () => {
    const r = staleness(
      100,
      saves,
      [
        { startedAt: 500, value: 100 },
        { startedAt: 1500, value: 100 }, // 500 ms after save 0 returned: allowed
        { startedAt: 2100, value: 102 },
        { startedAt: 2100, value: 103 }, // seeing a save before it returned is fine
      ],
      1000,
    );
    expect(r).toMatchObject({ checked: 4, late: [], unknown: 0, maxStaleMs: 500 });
  });

  it("flags a response that started more than the limit after a save it does not show", () => {
    const r = staleness(100, saves, [{ startedAt: 3100, value: 101 }], 1000);
    // Save 1 (102) returned at 2000: 1100 ms before this request started.
    expect(r.maxStaleMs).toBe(1100);
    expect(r.late).toEqual([{ startedAt: 3100, shown: 101, expected: 102, staleMs: 1100 }]);
  });

  it("measures exactly at the limit as not late", () => {
    expect(staleness(100, saves, [{ startedAt: 2000, value: 100 }], 1000).late).toEqual([]);
    expect(staleness(100, saves, [{ startedAt: 2001, value: 100 }], 1000).late).toHaveLength(1);
  });

  it("counts values no acknowledged save wrote", () => {
    expect(staleness(100, saves, [{ startedAt: 10, value: 999 }], 1000)).toMatchObject({ checked: 0, unknown: 1 });
  });
});

describe("percentile and table", () => {
  it("uses nearest rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });

  it("pads columns", () => {
    expect(table(["a", "bb"], [["xxx", 1]])).toBe("a    bb\n---  --\nxxx  1");
  });
});

describe("maxOf", () => {
  it("takes a quiet machine's 300,000 latencies, where Math.max(...xs) overflows the stack", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    many[123_456] = 5000;
    expect(() => Math.max(...many)).toThrow(RangeError);
    expect(maxOf(many)).toBe(5000);
    expect(maxOf([])).toBe(Number.NEGATIVE_INFINITY);
  });
});

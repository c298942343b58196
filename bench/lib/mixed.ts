/**
 * A long mixed load, for memory: the pages everyone reads and many distinct explorer, API and search
 * queries (wrk with a Lua script), so that Next's caches fill the way a day of varied traffic fills
 * them, not with the handful of URLs the per-page rows use. Its figures: requests served, the peak
 * resident memory while it runs and the idle memory 10 s after it.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseWrk, type LoadResult } from "./load";

const PARTNERS =
  "ARE AUS AUT BEL BGD BRA CAN CHE CHN DEU DNK ESP FRA GBR HKG IDN IND ITA JPN KOR LAO MEX MYS NLD NZL PHL POL RUS SGP SWE THA TUR TWN USA VNM ZAF".split(
    " ",
  );
const WORDS = "korea japan round tariff garment rice rcep agreement exports imports china asean trade customs origin".split(" ");

/** The Lua script: three in ten requests an API selection, one an explorer selection, one a search, the rest pages. */
export function mixedScript(): string {
  return `-- A long mixed load: pages, and many distinct explorer, API and search queries (bench/lib/mixed.ts).
local partners = { ${PARTNERS.map((p) => `"${p}"`).join(", ")} }
local words = { ${WORDS.map((w) => `"${w}"`).join(", ")} }
local pages = { "/articles/ckfta-explainer", "/agreements/ckfta", "/" }
local n = 0
request = function()
  n = n + 1
  local p = partners[(n % #partners) + 1]
  local k = n % 10
  if k < 3 then
    return wrk.format("GET", "/api/v1/figures?partner=" .. p .. "&from=" .. (1960 + (n * 7) % 55) .. "&to=2020")
  elseif k < 4 then
    return wrk.format("GET", "/data?partner=" .. p .. "&from=" .. (1970 + (n * 3) % 45))
  elseif k < 5 then
    return wrk.format("GET", "/search?q=" .. words[(n % #words) + 1] .. "+" .. words[((n * 7) % #words) + 1])
  elseif k < 7 then
    return wrk.format("GET", "/partners/" .. p)
  end
  return wrk.format("GET", pages[(k % 3) + 1])
end
`;
}

/** wrk with the mixed script against `base` for `seconds`. */
export function mixedLoad(base: string, connections: number, seconds: number, dir: string): Promise<LoadResult> {
  const script = join(dir, "mixed.lua");
  writeFileSync(script, mixedScript());
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "20s", "--latency", "-s", script, base], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(parseWrk(out)) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
}

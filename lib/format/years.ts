/** A list of years as readers write it: [2023, 2024, 2025, 2027] → "2023–2025 and 2027". */
export function yearsText(years: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const y of [...years].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && y === last[1] + 1) last[1] = y;
    else if (!last || y !== last[1]) runs.push([y, y]);
  }
  const parts = runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`));
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

// The availability grid (weekday × part of day) and the `day:part` items core reads.

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const DAY_CODES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Grid keys `"<iso weekday>:<part>"` → core's items (`mon:morning`), Monday first. */
export function availabilityItems(keys: Iterable<string>): string[] {
  const order = ["morning", "afternoon", "evening"];
  return [...keys]
    .map((k) => k.split(":"))
    .filter(([d, p]) => Number(d) >= 1 && Number(d) <= 7 && order.includes(p))
    .sort(([d1, p1], [d2, p2]) => Number(d1) - Number(d2) || order.indexOf(p1) - order.indexOf(p2))
    .map(([d, p]) => `${DAY_CODES[Number(d) - 1]}:${p}`);
}

// The phone intake's own logic, kept out of the components so it is unit-tested.

/** The caller's number from a `solidesk://intake?phone=…` link; null for any other link. */
export function phoneFromIntakeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "solidesk:") return null;
  // `solidesk://intake?…` puts "intake" in the host; `solidesk:intake?…` in the path.
  const target = (parsed.host || parsed.pathname).replace(/^\/+|\/+$/g, "");
  if (target !== "intake") return null;
  const phone = parsed.searchParams.get("phone")?.trim() ?? "";
  return /\d/.test(phone) ? phone : null;
}

/** Whether a search text is a phone number (digits and phone punctuation only). */
export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  return /\d/.test(t) && /^[\d\s+/.()-]+$/.test(t);
}

/** What a "new resident" form starts with, from what was typed in the search field. */
export function newResidentSeed(query: string): { phone: string; lastName: string; firstName: string } {
  const q = query.trim();
  if (looksLikePhone(q)) return { phone: q, lastName: "", firstName: "" };
  const words = q.split(/\s+/).filter(Boolean);
  return { phone: "", lastName: words[0] ?? "", firstName: words.slice(1).join(" ") };
}

/** `HH:MM` from what people type: `9`, `9h`, `9u30`, `09.30`, `930`; null when it is no time. */
export function normaliseTime(input: string): string | null {
  const t = input.trim().toLowerCase().replace(/[hu.]/g, ":");
  if (t === "") return null;
  let h: number;
  let m = 0;
  const parts = t.split(":").filter((p) => p !== "");
  if (parts.length === 1 && /^\d{3,4}$/.test(parts[0])) {
    h = Number(parts[0].slice(0, -2));
    m = Number(parts[0].slice(-2));
  } else if (parts.length >= 1 && parts.length <= 2 && parts.every((p) => /^\d{1,2}$/.test(p))) {
    h = Number(parts[0]);
    m = parts.length === 2 ? Number(parts[1]) : 0;
  } else {
    return null;
  }
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** The window core expects (`09:00-11:00`), or null when both ends are empty; throws when only one is set or they are reversed. */
export function timeWindow(from: string, to: string): string | null {
  const a = normaliseTime(from);
  const b = normaliseTime(to);
  if (a === null && b === null && from.trim() === "" && to.trim() === "") return null;
  if (a === null || b === null || a >= b) throw new Error("window");
  return `${a}-${b}`;
}

/** A local date as ISO `YYYY-MM-DD` (what core's list commands take). */
export function isoDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, "0");
  const day = String(d.getDate()).padStart(2, "0");
  return `${y}-${m}-${day}`;
}

/** `27/11/2026`: the day-first form Belgian users type and read. */
export function dayFirst(d: Date): string {
  return `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
}

export function addDays(d: Date, n: number): Date {
  const out = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  out.setDate(out.getDate() + n);
  return out;
}

/** Repetition choices of the intake form and the text core stores for each. */
export const REPEAT_CHOICES: { id: string; rule: string | null }[] = [
  { id: "repeat-none", rule: null },
  { id: "repeat-daily", rule: "daily" },
  { id: "repeat-every-2-days", rule: "every 2 days" },
  { id: "repeat-weekly", rule: "weekly" },
  { id: "repeat-every-2-weeks", rule: "every 2 weeks" },
  { id: "repeat-monthly", rule: "monthly" },
];

/** ISO `YYYY-MM-DD` from a day-first date (`27/11/2026`, `27.11.2026`, `27-11-2026`, `7/3/2026`)
 *  or an ISO one; null when it is not a real date. Never month first. */
export function parseDayFirst(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null;
  return isoDate(date);
}

// The Matching screen's pure parts: the neighbourhood view and the keys of the proposal list.
import type { DayPlan } from "./backend/types/DayPlan";
import type { Proposal } from "./backend/types/Proposal";
import type { Unmatched } from "./backend/types/Unmatched";

/** One postal code's share of the day. */
export interface Neighbourhood {
  postalCode: string;
  proposals: Proposal[];
  unmatched: Unmatched[];
}

/** The day's proposals and unmatched requests grouped by the residents' postal codes, in
 *  postal-code order (residents without one last). */
export function byPostalCode(plan: Pick<DayPlan, "proposals" | "unmatched">): Neighbourhood[] {
  const groups = new Map<string, Neighbourhood>();
  const group = (code: string | null) => {
    const key = code ?? "";
    let g = groups.get(key);
    if (!g) {
      g = { postalCode: key, proposals: [], unmatched: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const p of plan.proposals) group(p.postal_code).proposals.push(p);
  for (const u of plan.unmatched) group(u.postal_code).unmatched.push(u);
  return [...groups.values()].sort((a, b) =>
    a.postalCode === "" ? 1 : b.postalCode === "" ? -1 : a.postalCode.localeCompare(b.postalCode),
  );
}

export type ListKey = "up" | "down" | "accept" | "decline" | "alternatives";

/** What a key does in the proposal list: arrows move, A or Enter accepts, D or Delete declines,
 *  W shows who else could go. */
export function listKey(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): ListKey | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case "ArrowUp":
      return "up";
    case "ArrowDown":
      return "down";
    case "Enter":
    case "a":
    case "A":
      return "accept";
    case "Delete":
    case "d":
    case "D":
      return "decline";
    case "w":
    case "W":
      return "alternatives";
    default:
      return null;
  }
}

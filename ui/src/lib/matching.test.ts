import { expect, it } from "vitest";
import { byPostalCode, listKey } from "./matching";
import type { Proposal } from "./backend/types/Proposal";
import type { Unmatched } from "./backend/types/Unmatched";

const proposal = (postal: string | null, id: string) => ({ postal_code: postal, request_id: id }) as Proposal;
const unmatched = (postal: string | null, id: string) => ({ postal_code: postal, request_id: id }) as Unmatched;

it("groups the day by postal code, in order, residents without one last", () => {
  const groups = byPostalCode({
    proposals: [proposal("9050", "a"), proposal("9000", "b"), proposal(null, "c"), proposal("9000", "d")],
    unmatched: [unmatched("9050", "e"), unmatched("1000", "f")],
  });
  expect(groups.map((g) => g.postalCode)).toEqual(["1000", "9000", "9050", ""]);
  expect(groups[1].proposals.map((p) => p.request_id)).toEqual(["b", "d"]);
  expect(groups[2].unmatched.map((u) => u.request_id)).toEqual(["e"]);
  expect(groups[3].proposals.map((p) => p.request_id)).toEqual(["c"]);
});

it("the proposal list is worked with the keyboard", () => {
  const k = (key: string, mods = {}) => listKey({ key, altKey: false, ctrlKey: false, metaKey: false, ...mods });
  expect(k("a")).toBe("accept");
  expect(k("Enter")).toBe("accept");
  expect(k("d")).toBe("decline");
  expect(k("Delete")).toBe("decline");
  expect(k("ArrowDown")).toBe("down");
  expect(k("w")).toBe("alternatives");
  expect(k("a", { ctrlKey: true })).toBeNull();
  expect(k("x")).toBeNull();
});

import { expect, it } from "vitest";
import { availabilityItems } from "./availability";

it("turns grid keys into core's items, Monday first, morning first", () => {
  expect(availabilityItems(["3:evening", "1:afternoon", "1:morning", "7:morning"])).toEqual([
    "mon:morning",
    "mon:afternoon",
    "wed:evening",
    "sun:morning",
  ]);
});

it("drops keys that are not a slot", () => {
  expect(availabilityItems(["0:morning", "8:morning", "2:night", "x"])).toEqual([]);
});

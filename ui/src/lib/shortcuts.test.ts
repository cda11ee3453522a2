import { expect, it } from "vitest";
import { actionFor, SCREENS } from "./shortcuts";

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

it("Alt+digit goes to each screen in order, Alt+0 to the tenth", () => {
  SCREENS.forEach((screen, i) => expect(actionFor(key(String((i + 1) % 10), { altKey: true }))).toEqual({ goto: screen }));
  expect(SCREENS).toHaveLength(10);
  expect(actionFor(key("0", { altKey: true }))).toEqual({ goto: "about" });
  expect(actionFor(key("6", { altKey: true }))).toEqual({ goto: "matching" });
  expect(actionFor(key("7", { altKey: true }))).toEqual({ goto: "sheets" });
  expect(actionFor(key("1"))).toBeNull();
});

it("save, search, help and escape have their keys", () => {
  expect(actionFor(key("F8"))).toEqual({ do: "save" });
  expect(actionFor(key("Enter", { ctrlKey: true }))).toEqual({ do: "save" });
  expect(actionFor(key("Enter"))).toBeNull();
  expect(actionFor(key("k", { ctrlKey: true }))).toEqual({ do: "search" });
  expect(actionFor(key("F3"))).toEqual({ do: "search" });
  expect(actionFor(key("F1"))).toEqual({ do: "help" });
  expect(actionFor(key("Escape"))).toEqual({ do: "escape" });
});

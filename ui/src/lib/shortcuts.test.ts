import { expect, it } from "vitest";
import { actionFor, SCREENS, screenKey } from "./shortcuts";

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

it("Alt+digit goes to each of the first ten screens in order, Alt+0 to the tenth", () => {
  SCREENS.slice(0, 10).forEach((screen, i) =>
    expect(actionFor(key(String((i + 1) % 10), { altKey: true }))).toEqual({ goto: screen }),
  );
  expect(actionFor(key("0", { altKey: true }))).toEqual({ goto: "settings" });
  expect(actionFor(key("6", { altKey: true }))).toEqual({ goto: "matching" });
  expect(actionFor(key("7", { altKey: true }))).toEqual({ goto: "sheets" });
  expect(actionFor(key("9", { altKey: true }))).toEqual({ goto: "sync" });
  expect(actionFor(key("1"))).toBeNull();
});

it("names each screen's key; the eleventh has none", () => {
  expect(screenKey(0)).toBe("Alt+1");
  expect(screenKey(8)).toBe("Alt+9");
  expect(screenKey(9)).toBe("Alt+0");
  expect(SCREENS[10]).toBe("about");
  expect(screenKey(10)).toBeNull();
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

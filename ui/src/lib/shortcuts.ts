// Keyboard first: every screen and the main actions have a key. The help overlay lists these.

export type Screen =
  | "today"
  | "intake"
  | "residents"
  | "volunteers"
  | "requests"
  | "matching"
  | "sheets"
  | "import"
  | "sync"
  | "settings"
  | "about";

/** In the navigation's order; the first ten have Alt+1 … Alt+9, Alt+0 (About, rarely needed,
 *  has none). */
export const SCREENS: Screen[] = [
  "today",
  "intake",
  "residents",
  "volunteers",
  "requests",
  "matching",
  "sheets",
  "import",
  "sync",
  "settings",
  "about",
];

/** The screen's Alt+digit key, or null for a screen without one. */
export function screenKey(index: number): string | null {
  return index < 10 ? `Alt+${(index + 1) % 10}` : null;
}

export type Action = { goto: Screen } | { do: "help" | "search" | "save" | "escape" };

/** The action of a key press, or null. Alt+1…9 and Alt+0 screens, F1 help, F8 or Ctrl+Enter save,
 *  Ctrl+K or F3 search, Escape closes. */
export function actionFor(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): Action | null {
  if (e.altKey && !e.ctrlKey && /^[0-9]$/.test(e.key)) {
    const screen = SCREENS[(Number(e.key) + 9) % 10];
    return screen ? { goto: screen } : null;
  }
  if (e.key === "F1") return { do: "help" };
  if (e.key === "F8" || ((e.ctrlKey || e.metaKey) && e.key === "Enter")) return { do: "save" };
  if (e.key === "F3" || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k")) return { do: "search" };
  if (e.key === "Escape") return { do: "escape" };
  return null;
}

/** The shortcut list for the help overlay: [keys, message id]. */
export const SHORTCUT_HELP: [string, string][] = [
  ["Alt+1 … Alt+9, Alt+0", "help-goto"],
  ["A, D (Matching)", "help-matching"],
  ["PgUp PgDn (Sheets)", "help-sheets"],
  ["S (Sync)", "help-sync"],
  ["Ctrl+K, F3", "help-search"],
  ["F8, Ctrl+Enter", "help-save"],
  ["↑ ↓ Enter", "help-lists"],
  ["Esc", "help-close"],
  ["F1", "help-help"],
];

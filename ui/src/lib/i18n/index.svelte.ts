// Every label, message and date format of the UI in nl, fr, de and en, from the Fluent files in
// /locales that the printed sheets use too. The language follows the system and can be switched
// at any time; the choice is remembered on this desk.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import de from "../../../../locales/de.ftl?raw";
import en from "../../../../locales/en.ftl?raw";
import fr from "../../../../locales/fr.ftl?raw";
import nl from "../../../../locales/nl.ftl?raw";

export const LANGUAGES = ["nl", "fr", "de", "en"] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

const SOURCES: Record<UiLanguage, string> = { nl, fr, de, en };
const LOCALES: Record<UiLanguage, string> = { nl: "nl-BE", fr: "fr-BE", de: "de-BE", en: "en-GB" };

function bundle(lang: UiLanguage): FluentBundle {
  const b = new FluentBundle(LOCALES[lang], { useIsolating: false });
  const errors = b.addResource(new FluentResource(SOURCES[lang]));
  if (errors.length > 0) console.error(`locales/${lang}.ftl`, errors);
  return b;
}

const BUNDLES: Record<UiLanguage, FluentBundle> = {
  nl: bundle("nl"),
  fr: bundle("fr"),
  de: bundle("de"),
  en: bundle("en"),
};

/** The first supported language among the system's preferences (`fr-BE` → fr), else English. */
export function pickLanguage(preferences: readonly string[]): UiLanguage {
  for (const p of preferences) {
    const base = p.toLowerCase().split(/[-_]/)[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as UiLanguage;
  }
  return "en";
}

function initialLanguage(): UiLanguage {
  const stored = globalThis.localStorage?.getItem("solidesk.language");
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as UiLanguage;
  return pickLanguage(globalThis.navigator?.languages ?? []);
}

export const i18n = $state({ lang: initialLanguage() });

export function setLanguage(lang: UiLanguage): void {
  i18n.lang = lang;
  globalThis.localStorage?.setItem("solidesk.language", lang);
  if (globalThis.document) document.documentElement.lang = lang;
}

/** The message `id` in the current language (falling back to English, then to the id). */
export function t(id: string, args?: Record<string, FluentVariable>, lang: UiLanguage = i18n.lang): string {
  for (const l of [lang, "en"] as UiLanguage[]) {
    const message = BUNDLES[l].getMessage(id);
    if (message?.value) return BUNDLES[l].formatPattern(message.value, args);
  }
  return id;
}

/** A date (ISO `YYYY-MM-DD` or a Date) the way the current language writes it, day first. */
export function formatDate(date: string | Date, lang: UiLanguage = i18n.lang, withWeekday = false): string {
  const d = typeof date === "string" ? new Date(`${date}T12:00:00`) : date;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    ...(withWeekday ? { weekday: "short" } : {}),
  }).format(d);
}

/** A number the way the current language writes it (1.234 / 1 234 / 1,234). */
export function formatNumber(n: number, lang: UiLanguage = i18n.lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

/** A moment (RFC 3339) as a date and time in the desk's time zone (`timeZone` for tests). */
export function formatDateTime(moment: string, lang: UiLanguage = i18n.lang, timeZone?: string): string {
  const d = new Date(moment);
  if (Number.isNaN(d.getTime())) return moment;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone,
  }).format(d);
}

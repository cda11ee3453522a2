import { describe, expect, it } from "vitest";
import de from "../../../../locales/de.ftl?raw";
import en from "../../../../locales/en.ftl?raw";
import fr from "../../../../locales/fr.ftl?raw";
import nl from "../../../../locales/nl.ftl?raw";
import { formatDate, formatNumber, pickLanguage, t } from "./index.svelte";

const ids = (src: string) =>
  src
    .split("\n")
    .map((l) => /^([a-z][a-z0-9_-]*)\s*=/.exec(l)?.[1])
    .filter((x): x is string => !!x)
    .sort();

describe("translations", () => {
  it("every language has exactly the English messages", () => {
    for (const [name, src] of Object.entries({ nl, fr, de })) {
      expect(ids(src), name).toEqual(ids(en));
    }
  });

  it("translates, with plurals, and falls back to the id", () => {
    expect(t("nav-residents", {}, "nl")).toBe("Bewoners");
    expect(t("nav-residents", {}, "fr")).toBe("Habitants");
    expect(t("nav-residents", {}, "de")).toBe("Bewohner");
    expect(t("intake-results", { count: 1 }, "fr")).toBe("Un habitant trouvé");
    expect(t("intake-results", { count: 3 }, "nl")).toBe("3 bewoners gevonden");
    expect(t("no-such-message", {}, "de")).toBe("no-such-message");
  });

  it("follows the system language", () => {
    expect(pickLanguage(["fr-BE", "en-US"])).toBe("fr");
    expect(pickLanguage(["nl_BE.UTF-8"])).toBe("nl");
    expect(pickLanguage(["es-ES"])).toBe("en");
    expect(pickLanguage([])).toBe("en");
  });
});

describe("formats", () => {
  it("writes dates day first in every language", () => {
    expect(formatDate("2026-11-27", "nl")).toBe("27/11/2026");
    expect(formatDate("2026-11-27", "fr")).toBe("27/11/2026");
    expect(formatDate("2026-11-27", "de")).toBe("27.11.2026");
    expect(formatDate("2026-11-27", "en")).toBe("27/11/2026");
  });

  it("writes numbers the local way", () => {
    expect(formatNumber(500000, "nl")).toBe("500.000");
    expect(formatNumber(500000, "en")).toBe("500,000");
  });
});

import { describe, expect, it } from "vitest";
import { accountedFor, FIELDS, fieldLabel, missingFields, overridesFrom, percent } from "./importing";
import type { Column } from "./backend/types/Column";
import type { ImportReport } from "./backend/types/ImportReport";

const columns: Column[] = [
  { header: "Naam", field: "last_name", by: "recognised" },
  { header: "Kleur", field: null, by: "recognised" },
  { header: "GSM", field: "phone", by: "recognised" },
];

describe("the import wizard", () => {
  it("sends only the columns the person changed", () => {
    expect(overridesFrom(columns, ["last_name", "", "phone"])).toEqual({});
    expect(overridesFrom(columns, ["last_name", "notes", ""])).toEqual({ Kleur: "notes", GSM: "ignore" });
  });

  it("knows which fields a kind cannot do without", () => {
    expect(missingFields("residents", ["", "phone"])).toEqual(["last_name"]);
    expect(missingFields("residents", ["last_name"])).toEqual([]);
    expect(missingFields("volunteers", ["last_name"])).toEqual(["postal_code"]);
  });

  it("labels every field, reusing the form's labels", () => {
    expect(fieldLabel("last_name")).toBe("field-last-name");
    expect(fieldLabel("consent_date")).toBe("import-field-consent_date");
    for (const f of [...FIELDS.residents, ...FIELDS.volunteers]) expect(fieldLabel(f)).toMatch(/^(field|import-field)-/);
  });

  it("shows progress in whole percent, capped", () => {
    expect(percent(null)).toBe(0);
    expect(percent({ rows: 10, bytes: 50, total_bytes: 200 })).toBe(25);
    expect(percent({ rows: 10, bytes: 250, total_bytes: 200 })).toBe(100);
    expect(percent({ rows: 0, bytes: 0, total_bytes: 0 })).toBe(0);
  });

  it("checks that every row is accounted for", () => {
    const r = { rows: 5, created: 2, updated: 1, unchanged: 1, duplicates_in_file: 0, rejected: 1 } as ImportReport;
    expect(accountedFor(r)).toBe(true);
    expect(accountedFor({ ...r, rows: 6 })).toBe(false);
  });
});

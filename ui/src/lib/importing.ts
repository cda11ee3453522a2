// The import wizard's own logic, kept out of the component so it is unit-tested.
import type { Column } from "./backend/types/Column";
import type { Field } from "./backend/types/Field";
import type { ImportKind } from "./backend/types/ImportKind";
import type { ImportReport } from "./backend/types/ImportReport";
import type { Progress } from "./backend/types/Progress";

/** The fields a column can be mapped to, per kind, in the order the wizard lists them. */
export const FIELDS: Record<ImportKind, Field[]> = {
  residents: [
    "last_name", "first_name", "birth_date", "national_number", "language", "street",
    "house_number", "box", "address", "postal_code", "locality", "phone", "lives_alone", "needs",
    "notes", "consent_date", "consent_basis", "status", "solidesk_id", "ignore",
  ],
  volunteers: [
    "last_name", "first_name", "phone", "email", "language", "postal_code", "radius_km", "tasks",
    "availability", "capacity", "status", "notes", "solidesk_id", "ignore",
  ],
};

/** The message id of a field's label (the form labels where the UI has them already). */
export function fieldLabel(field: Field): string {
  const shared: Partial<Record<Field, string>> = {
    last_name: "field-last-name",
    first_name: "field-first-name",
    birth_date: "field-birth-date",
    national_number: "field-national-number",
    language: "field-language",
    street: "field-street",
    house_number: "field-number",
    box: "field-box",
    address: "field-address",
    postal_code: "field-postal-code",
    locality: "field-locality",
    phone: "field-phone",
    email: "field-email",
    lives_alone: "field-lives-alone",
    needs: "field-needs",
    notes: "field-notes",
    status: "field-status",
    radius_km: "field-radius",
    tasks: "field-tasks",
    availability: "field-availability",
    capacity: "field-capacity",
  };
  return shared[field] ?? `import-field-${field}`;
}

/**
 * The corrections to send: every column whose chosen field differs from what Solidesk
 * recognised (or from the saved mapping). `chosen` is indexed like `columns`; "" = not imported.
 */
export function overridesFrom(columns: Column[], chosen: (Field | "")[]): Record<string, Field> {
  const out: Record<string, Field> = {};
  columns.forEach((c, i) => {
    const now = chosen[i] ?? "";
    const before = c.field ?? "";
    if (now !== before) out[c.header] = now === "" ? "ignore" : now;
  });
  return out;
}

/** Fields no column fills that a row cannot do without. */
export function missingFields(kind: ImportKind, chosen: (Field | "")[]): Field[] {
  const required: Field[] = kind === "volunteers" ? ["last_name", "postal_code"] : ["last_name"];
  return required.filter((f) => !chosen.includes(f));
}

/** Whole percent of the file read, never above 100. */
export function percent(p: Progress | null): number {
  if (!p || p.total_bytes <= 0) return 0;
  return Math.min(100, Math.floor((p.bytes / p.total_bytes) * 100));
}

/** Every data row is one of created, updated, unchanged, duplicate in the file or rejected. */
export function accountedFor(r: ImportReport): boolean {
  return r.rows === r.created + r.updated + r.unchanged + r.duplicates_in_file + r.rejected;
}

import { describe, expect, it } from "vitest";
import type { SyncIssue } from "./backend/types/SyncIssue";
import type { SyncReport } from "./backend/types/SyncReport";
import { formatDateTime, t as translate, type UiLanguage } from "./i18n/index.svelte";
import {
  attemptState,
  entityText,
  kindText,
  REASONS,
  reasonText,
  recordText,
  exportLines,
  failureText,
  importLines,
  reportLines,
  setAsideText,
  splitIssues,
  stopText,
  waitingText,
} from "./sync";

const tr =
  (lang: UiLanguage) =>
  (id: string, args?: Record<string, string | number>) =>
    translate(id, args, lang);

const issue = (reason: string, holder: string | null = null): SyncIssue => ({
  mutation_id: `m-${reason}`,
  entity: reason === "claim_lost" ? "claim" : "request",
  entity_id: "0195-abc",
  reason,
  holder,
  message: "The platform refused the change as invalid.",
  created_at: "2026-11-27T13:05:00.000Z",
  request_number: null,
  date: null,
  resident: null,
  volunteer: null,
});

describe("the last attempt", () => {
  const at = (attempt: string | null, success: string | null, error: string | null = null) =>
    attemptState({ last_attempt_at: attempt, last_success_at: success, last_error: error });

  it.each([
    ["never synced", at(null, null), "never"],
    ["finished", at("2026-11-27T13:05:00.000Z", "2026-11-27T13:05:02.500Z"), "succeeded"],
    ["failed after an earlier success", at("2026-11-28T08:00:00.000Z", "2026-11-27T13:05:02.500Z", "The platform could not be reached"), "failed"],
    ["failed, never succeeded", at("2026-11-28T08:00:00.000Z", null, "no"), "failed"],
    ["started after the last success, no outcome recorded", at("2026-11-28T08:00:00.000Z", "2026-11-27T13:05:02.500Z"), "unfinished"],
    ["started, never finished", at("2026-11-28T08:00:00.000Z", null), "unfinished"],
  ])("%s", (_, state, expected) => expect(state).toBe(expected));
});

describe("refusals", () => {
  it("names the record as the office knows it: request number, day, resident, volunteer", () => {
    const booking: SyncIssue = {
      ...issue("claim_lost", "OCMW Gent"),
      request_number: 12,
      date: "2026-12-01",
      resident: "Hélène Dubœuf",
      volunteer: "Vera Peeters",
    };
    const day = (d: string) => `<${d}>`;
    expect(recordText(booking, tr("nl"), day)).toBe("Hulpvraag #12 · <2026-12-01> · Hélène Dubœuf · Vera Peeters");
    expect(recordText(booking, tr("fr"), day)).toContain("Demande n° 12");
    expect(recordText({ ...booking, volunteer: null }, tr("de"), day)).toBe(
      "Anfrage Nr. 12 · <2026-12-01> · Hélène Dubœuf",
    );
    // Gone from the register: its id is all there is.
    expect(recordText(issue("invalid"), tr("en"), day)).toBe("0195-abc");
  });

  it("words every reason code in every language, never as its id", () => {
    for (const lang of ["nl", "fr", "de", "en"] as UiLanguage[]) {
      for (const reason of REASONS) {
        const text = reasonText(issue(reason, "OCMW Gent"), tr(lang));
        expect(text, `${lang} ${reason}`).not.toMatch(/^sync-/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });

  it("names the office holding a lost volunteer, or says another office", () => {
    expect(reasonText(issue("claim_lost", "OCMW Gent"), tr("nl"))).toBe(
      "De vrijwilliger is die dag al geboekt door OCMW Gent.",
    );
    expect(reasonText(issue("claim_lost", "CPAS Liège"), tr("fr"))).toContain("CPAS Liège");
    expect(reasonText(issue("claim_lost"), tr("de"))).toContain("anderen ÖSHZ");
  });

  it("says a code it does not know is a refusal, naming the code", () => {
    expect(reasonText(issue("quota_exceeded"), tr("fr"))).toBe(
      "La plateforme a refusé le changement (motif « quota_exceeded »).",
    );
  });

  it("words what a record is, and keeps an unknown kind as it came", () => {
    expect(entityText("request", tr("nl"))).toBe("Hulpvraag");
    expect(entityText("outcome", tr("en"))).toBe("Outcome of a visit");
    expect(entityText("snapshot", tr("en"))).toBe("snapshot");
  });

  it("lists lost claims apart from the other refusals", () => {
    const { lost, other } = splitIssues([issue("claim_lost", "OCMW Gent"), issue("invalid"), issue("unknown_record")]);
    expect(lost.map((i) => i.reason)).toEqual(["claim_lost"]);
    expect(other.map((i) => i.reason)).toEqual(["invalid", "unknown_record"]);
  });
});

describe("what waits", () => {
  it("counts per kind with plurals, and says nothing when nothing waits", () => {
    expect(
      waitingText(
        [
          { entity: "claim", count: 1 },
          { entity: "request", count: 2 },
        ],
        tr("en"),
      ),
    ).toBe("1 booking of a platform volunteer, 2 requests");
    expect(waitingText([{ entity: "request", count: 1 }], tr("fr"))).toBe("1 demande");
    expect(waitingText([], tr("en"))).toBeNull();
  });
});

describe("a record changed on two desks at once", () => {
  it("shows what was typed in the version set aside, not ids and clocks", () => {
    const json = JSON.stringify({
      kind: "resident",
      id: "0190-x",
      hlc: 5,
      author: "desk-b",
      deleted: false,
      row: { id: "0190-x", first_name: "Hélène", last_name: "Dubœuf", notes: "", updated_at: "2026-11-28" },
      children: { resident_access_note: [{ note: "Ring twice", agreed_on: "2026-11-28", updated_at: "x" }] },
    });
    expect(setAsideText(json)).toBe("first_name: Hélène · last_name: Dubœuf · resident_access_note: Ring twice, 2026-11-28");
    expect(setAsideText(JSON.stringify({ deleted: true }))).toBe("—");
    expect(setAsideText("not json")).toBe("");
    expect(kindText("resident", tr("fr"))).toBe("Résident");
    expect(kindText("unheard_of", tr("fr"))).toBe("unheard_of");
  });
});

describe("a cycle's report", () => {
  const report: SyncReport = {
    applied: 3,
    duplicates: 0,
    rejected: 1,
    claims_lost: 1,
    batches: 1,
    pulled: 12,
    volunteers_updated: 10,
    volunteers_removed: 0,
    skipped: 0,
    pages: 1,
    retries: 0,
    new_epoch: false,
    waiting: 0,
    office_sealed: 0,
    office_received: 0,
    office_conflicts: 0,
    office_parked: 0,
  };

  it("gives the figures sent and received, and what still waits", () => {
    expect(reportLines(report, "27/11/2026 14:05", tr("en"))).toEqual([
      "Synced at 27/11/2026 14:05.",
      "Sent: 3 applied, 0 already there, 1 refused.",
      "1 booking lost to another office (see below).",
      "Received: 12 changes (10 volunteers new or updated, 0 removed).",
      "Still waiting: 0.",
    ]);
  });

  it("tells what the office's other desks sent and got, only when there was something", () => {
    const lines = reportLines(
      { ...report, office_sealed: 2, office_received: 3, office_conflicts: 1, office_parked: 0 },
      "x",
      tr("en"),
    );
    expect(lines).toContain(
      "Office records: 2 sent to the office’s other desks, 3 received from them (1 changed on two desks at once), 0 kept aside.",
    );
    expect(reportLines(report, "x", tr("en")).some((l) => l.startsWith("Office records"))).toBe(false);
  });

  it("mentions retries only when there were some", () => {
    const lines = reportLines({ ...report, claims_lost: 0, retries: 2 }, "x", tr("nl"));
    expect(lines).toContain("Het platform antwoordde na 2 nieuwe pogingen.");
    expect(lines.some((l) => l.includes("verloren"))).toBe(false);
  });
});

describe("why a sync stopped", () => {
  it("is worded from its reason in every language", () => {
    for (const lang of ["nl", "fr", "de", "en"] as const) {
      for (const reason of [
        "unreachable",
        "unauthorized",
        "revoked",
        "outdated",
        "not_enrolled",
        "already_running",
        "bad_secret",
      ] as const) {
        const text = stopText({ reason }, tr(lang));
        expect(text, `${lang} ${reason}`).not.toContain("sync-stop");
        expect(text.length).toBeGreaterThan(20);
      }
      expect(stopText({ reason: "busy", minutes: 4 }, tr(lang))).toContain("4");
    }
    expect(stopText({ reason: "unreachable" }, tr("fr"))).toContain("n’a pas pu être jointe");
  });

  it("falls back on core's sentence when it has no reason", () => {
    const plain = Object.assign(new Error("The sync file could not be written."), { stop: null });
    expect(failureText(plain, tr("nl"))).toBe("The sync file could not be written.");
    const coded = Object.assign(new Error("The platform has revoked this desk."), { stop: { reason: "revoked" } });
    expect(failureText(coded, tr("nl"))).toContain("ingetrokken");
  });
});

describe("sync by file", () => {
  const report: SyncReport = {
    applied: 2,
    duplicates: 1,
    rejected: 0,
    claims_lost: 0,
    batches: 1,
    pulled: 4,
    volunteers_updated: 4,
    volunteers_removed: 0,
    skipped: 0,
    pages: 1,
    retries: 0,
    new_epoch: false,
    waiting: 3,
    office_sealed: 0,
    office_received: 0,
    office_conflicts: 0,
    office_parked: 0,
  };

  it("says what an export wrote, and that more needs a next file", () => {
    const written = { path: "/stick/sync.json", batches: 2, mutations: 7, left_out: 0 };
    expect(exportLines(written, tr("en"))).toEqual([
      "Wrote 7 changes in 2 batches to /stick/sync.json. Take it to the platform’s operator, then import their answer here.",
    ]);
    const lines = exportLines({ ...written, left_out: 40 }, tr("fr"));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("40 autres changements");
  });

  it("words an imported answer like a cycle, with what only a file can bring", () => {
    const answer = { ...report, batches_already_answered: 0, batches_refused: [], pull_applied: true };
    const lines = importLines(answer, "28/11/2026 10:00", tr("en"));
    expect(lines[0]).toBe("Answer imported at 28/11/2026 10:00.");
    expect(lines).toContain("Sent: 2 applied, 1 already there, 0 refused.");
    expect(lines.some((l) => l.startsWith("Synced"))).toBe(false);
    expect(lines.some((l) => l.includes("skipped"))).toBe(false);

    const stale = importLines(
      { ...answer, batches_already_answered: 1, batches_refused: ["The desk was revoked."], pull_applied: false },
      "x",
      tr("en"),
    );
    expect(stale).toContain("1 batch had been answered before and was skipped.");
    expect(stale).toContain("A batch was refused whole and stays queued: The desk was revoked.");
    expect(stale.at(-1)).toContain("older than what this desk already holds");
  });
});

describe("moments", () => {
  it("shows a moment as a date and time in the desk's time zone", () => {
    expect(formatDateTime("2026-11-27T13:05:00.000Z", "nl", "Europe/Brussels")).toMatch(/^27\/11\/2026,? 14:05$/);
    expect(formatDateTime("2026-07-01T22:30:00.000Z", "de", "Europe/Brussels")).toMatch(/^02\.07\.2026,? 00:30$/);
    expect(formatDateTime("not a time", "en")).toBe("not a time");
  });
});

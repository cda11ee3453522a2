// The Sync screen's pure parts: what the last attempt was, and refusals and waiting changes
// worded from their codes in the person's language (core's English sentences are not enough).
import type { SyncExport } from "./backend/types/SyncExport";
import type { SyncImport } from "./backend/types/SyncImport";
import type { SyncIssue } from "./backend/types/SyncIssue";
import type { SyncReport } from "./backend/types/SyncReport";
import type { SyncStatus } from "./backend/types/SyncStatus";
import type { SyncStop } from "./backend/types/SyncStop";
import type { Waiting } from "./backend/types/Waiting";

type Translate = (id: string, args?: Record<string, string | number>) => string;

/** How the last cycle ended. `unfinished`: it started and recorded neither success nor failure
 *  (it is still running, or the app was closed during it): never shown as a success. */
export type AttemptState = "never" | "succeeded" | "failed" | "unfinished";

const time = (moment: string | null) => (moment ? new Date(moment).getTime() : Number.NaN);

export function attemptState(s: Pick<SyncStatus, "last_attempt_at" | "last_success_at" | "last_error">): AttemptState {
  if (s.last_error) return "failed";
  if (!s.last_attempt_at) return s.last_success_at ? "succeeded" : "never";
  if (!s.last_success_at) return "unfinished";
  // A finished cycle records its success after its start; an older success is an earlier cycle.
  return time(s.last_success_at) >= time(s.last_attempt_at) ? "succeeded" : "unfinished";
}

/** The platform's reason codes this version words (protocol `RejectReason`). */
export const REASONS = [
  "claim_lost",
  "unknown_volunteer",
  "unknown_record",
  "not_your_record",
  "invalid_transition",
  "key_reused",
  "personal_data",
  "invalid",
  "other_key",
] as const;

/** What the outbox and the refusals name (`request`, `claim`, ...). */
export const ENTITIES = ["request", "claim", "claim_confirm", "claim_release", "outcome", "sealed"] as const;

const known = (list: readonly string[], code: string) => list.includes(code);

/** Why the platform refused a change, in words; a code this version does not know is named
 *  as such (its English sentence from core is shown beside it by the screen). */
export function reasonText(issue: Pick<SyncIssue, "reason" | "holder">, t: Translate): string {
  if (issue.reason === "claim_lost") {
    return issue.holder
      ? t("sync-reason-claim_lost", { holder: issue.holder })
      : t("sync-reason-claim_lost-anonymous");
  }
  if (known(REASONS, issue.reason)) return t(`sync-reason-${issue.reason}`);
  return t("sync-reason-other", { code: issue.reason });
}

/** Whether `reasonText` words this refusal itself (else the screen adds core's sentence). */
export const reasonKnown = (reason: string) => known(REASONS, reason);

/** The record a refusal is about, as the office knows it ("Request #12 · Tue 1 Dec · Hélène
 *  Dubœuf · Vera Peeters"); its id when it is no longer in the register. */
export function recordText(
  issue: Pick<SyncIssue, "entity_id" | "request_number" | "date" | "resident" | "volunteer">,
  t: Translate,
  formatDay: (date: string) => string,
): string {
  if (issue.request_number === null) return issue.entity_id;
  return [
    t("sync-record-request", { number: issue.request_number }),
    issue.date ? formatDay(issue.date) : null,
    issue.resident,
    issue.volunteer,
  ]
    .filter((part): part is string => !!part)
    .join(" · ");
}

/** What kind of record a change is about. */
export function entityText(entity: string, t: Translate): string {
  return known(ENTITIES, entity) ? t(`sync-entity-${entity}`) : entity;
}

/** What waits, per kind ("2 requests, 1 booking"), or null when nothing does. */
export function waitingText(kinds: Waiting[], t: Translate): string | null {
  const parts = kinds
    .filter((w) => w.count > 0)
    .map((w) =>
      known(ENTITIES, w.entity) ? t(`sync-waiting-${w.entity}`, { count: w.count }) : `${w.count} ${w.entity}`,
    );
  return parts.length > 0 ? parts.join(", ") : null;
}

/** Lost claims first (a person must find another volunteer), then the other refusals. */
export function splitIssues(issues: SyncIssue[]): { lost: SyncIssue[]; other: SyncIssue[] } {
  return {
    lost: issues.filter((i) => i.reason === "claim_lost"),
    other: issues.filter((i) => i.reason !== "claim_lost"),
  };
}

/** What a cycle did, one sentence a line; `when` is the finished moment, already formatted. */
export function reportLines(r: SyncReport, when: string, t: Translate): string[] {
  const lines = [
    t("sync-report-done", { when }),
    t("sync-report-sent", { applied: r.applied, duplicates: r.duplicates, rejected: r.rejected }),
  ];
  if (r.claims_lost > 0) lines.push(t("sync-report-lost", { count: r.claims_lost }));
  lines.push(
    t("sync-report-received", { pulled: r.pulled, updated: r.volunteers_updated, removed: r.volunteers_removed }),
  );
  if (r.office_sealed + r.office_received + r.office_parked > 0) {
    lines.push(
      t("sync-report-office", {
        sealed: r.office_sealed,
        received: r.office_received,
        conflicts: r.office_conflicts,
        parked: r.office_parked,
      }),
    );
  }
  if (r.retries > 0) lines.push(t("sync-report-retries", { count: r.retries }));
  // ts-rs types this u64 as bigint; JSON brings a number.
  lines.push(t("sync-report-waiting", { count: r.waiting }));
  return lines;
}

/** Why a sync did not run or stopped, in the person's language. */
export function stopText(stop: SyncStop, t: Translate): string {
  return stop.reason === "busy"
    ? t("sync-stop-busy", { minutes: stop.minutes })
    : t(`sync-stop-${stop.reason}`);
}

/** An error of a sync command as the person reads it: worded from its reason when core gave
 *  one, else core's sentence. */
export function failureText(e: unknown, t: Translate): string {
  if (typeof e === "object" && e !== null && "stop" in e && e.stop) return stopText(e.stop as SyncStop, t);
  return e instanceof Error ? e.message : String(e);
}

/** What an export wrote: how much, where, and that more needs a next file. */
export function exportLines(e: SyncExport, t: Translate): string[] {
  const lines = [t("sync-file-written", { count: e.mutations, batches: e.batches, path: e.path })];
  if (e.left_out > 0) lines.push(t("sync-file-left-out", { count: e.left_out }));
  return lines;
}

/** What importing the platform's answer did: the same lines as a cycle's report, then what only
 *  a file can bring (batches already answered, batches refused whole, pages too old to apply). */
export function importLines(r: SyncImport, when: string, t: Translate): string[] {
  const lines = reportLines(r, when, t);
  lines[0] = t("sync-file-imported", { when });
  if (r.batches_already_answered > 0) {
    lines.push(t("sync-file-already", { count: r.batches_already_answered }));
  }
  for (const why of r.batches_refused) lines.push(t("sync-file-refused", { why }));
  if (!r.pull_applied) lines.push(t("sync-file-pull-old"));
  return lines;
}

/** Record kinds of the office's own data, as sync status names them. */
export const KINDS = ["resident", "request", "assignment", "contact", "volunteer"] as const;

export const kindText = (kind: string, t: Translate) =>
  known(KINDS, kind) ? t(`sync-kind-${kind}`) : kind;

/** The fields of a version set aside in a conflict, for a person to compare: what they typed,
 *  not the ids, clocks and timestamps that differ between any two versions. */
export function setAsideText(json: string): string {
  let image: { deleted?: boolean; row?: Record<string, unknown>; children?: Record<string, unknown[]> };
  try {
    image = JSON.parse(json);
  } catch {
    return "";
  }
  if (image.deleted) return "—";
  const skip = /(^id$|_id$|_at$|^local_id$|^search_name$|^rev_digits$|^lat$|^lon$|^source$)/;
  const fields = Object.entries(image.row ?? {})
    .filter(([key, value]) => !skip.test(key) && value !== null && value !== "")
    .map(([key, value]) => `${key}: ${String(value)}`);
  for (const [table, rows] of Object.entries(image.children ?? {})) {
    for (const row of rows) {
      const values = Object.entries(row as Record<string, unknown>)
        .filter(([key, value]) => !skip.test(key) && value !== null && value !== "")
        .map(([, value]) => String(value));
      if (values.length > 0) fields.push(`${table}: ${values.join(", ")}`);
    }
  }
  return fields.join(" · ");
}

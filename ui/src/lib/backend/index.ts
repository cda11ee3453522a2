// The only module that talks to Tauri. Every screen calls these functions; the types come from
// the Rust side (ts-rs, in ./types), so a renamed field breaks the type check, not a user.
import { invoke } from "@tauri-apps/api/core";
import type { About } from "./types/About";
import type { ApiError } from "./types/ApiError";
import type { DayOverview } from "./types/DayOverview";
import type { ErrorCode } from "./types/ErrorCode";
import type { HelpRequest } from "./types/HelpRequest";
import type { Language } from "./types/Language";
import type { NewHelpRequest } from "./types/NewHelpRequest";
import type { NewResident } from "./types/NewResident";
import type { NewVolunteer } from "./types/NewVolunteer";
import type { OfficeForm } from "./types/OfficeForm";
import type { OfficeSettings } from "./types/OfficeSettings";
import type { PostalInfo } from "./types/PostalInfo";
import type { RegisterInfo } from "./types/RegisterInfo";
import type { RequestOccurrence } from "./types/RequestOccurrence";
import type { RequestStatus } from "./types/RequestStatus";
import type { Resident } from "./types/Resident";
import type { ResidentHistory } from "./types/ResidentHistory";
import type { ResidentHit } from "./types/ResidentHit";
import type { ResidentPage } from "./types/ResidentPage";
import type { Volunteer } from "./types/Volunteer";
import type { Field } from "./types/Field";
import type { FilePreview } from "./types/FilePreview";
import type { ImportKind } from "./types/ImportKind";
import type { ImportRecord } from "./types/ImportRecord";
import type { ImportReport } from "./types/ImportReport";
import type { ImportRequest } from "./types/ImportRequest";
import type { Progress } from "./types/Progress";
import type { SavedMapping } from "./types/SavedMapping";
import type { UndoReport } from "./types/UndoReport";
import type { Candidate } from "./types/Candidate";
import type { Confirmed } from "./types/Confirmed";
import type { DayPlan } from "./types/DayPlan";
import type { ManualAssignment } from "./types/ManualAssignment";
import type { Proposal } from "./types/Proposal";
import type { SheetKind } from "./types/SheetKind";
import type { SheetsSummary } from "./types/SheetsSummary";
import type { SyncExport } from "./types/SyncExport";
import type { SyncImport } from "./types/SyncImport";
import type { SyncReport } from "./types/SyncReport";
import type { SyncStop } from "./types/SyncStop";
import type { SyncStatus } from "./types/SyncStatus";


/** A failed command: `code` is for the program, `message` for the person. */
export class BackendError extends Error {
  readonly code: ErrorCode;
  /** Why a sync did not run or stopped, to word in the person's language (`message` is English). */
  readonly stop: SyncStop | null;
  constructor(code: ErrorCode, message: string, stop: SyncStop | null = null) {
    super(message);
    this.code = code;
    this.stop = stop;
  }
}

function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isApiError(e)) throw new BackendError(e.code, e.message, e.stop ?? null);
    throw new BackendError("internal", String(e));
  }
}

export const backend = {
  registerInfo: () => call<RegisterInfo>("register_info"),
  unlock: (key: string, create: boolean) => call<RegisterInfo>("unlock", { key, create }),
  searchResidents: (query: string, limit = 20) => call<ResidentHit[]>("search_residents", { query, limit }),
  listResidents: (offset: number, limit: number) => call<ResidentPage>("list_residents", { offset, limit }),
  getResident: (id: string) => call<ResidentHistory>("get_resident", { id }),
  addResident: (input: NewResident) => call<Resident>("add_resident", { input }),
  updateResident: (id: string, input: NewResident) => call<Resident>("update_resident", { id, input }),
  listVolunteers: (query: string, offset: number, limit: number) =>
    call<Volunteer[]>("list_volunteers", { query, offset, limit }),
  addVolunteer: (input: NewVolunteer) => call<Volunteer>("add_volunteer", { input }),
  updateVolunteer: (id: string, input: NewVolunteer) => call<Volunteer>("update_volunteer", { id, input }),
  listRequests: (from: string, to: string, status: RequestStatus | null) =>
    call<RequestOccurrence[]>("list_requests", { from, to, status }),
  addRequest: (input: NewHelpRequest) => call<HelpRequest>("add_request", { input }),
  setRequestStatus: (id: string, status: RequestStatus, note: string | null) =>
    call<HelpRequest>("set_request_status", { id, status, note }),
  dayOverview: (date: string) => call<DayOverview>("day_overview", { date }),
  getOffice: () => call<OfficeSettings>("get_office"),
  updateOffice: (form: OfficeForm) => call<OfficeSettings>("update_office", { form }),
  lookupPostalCode: (code: string, language: Language) =>
    call<PostalInfo | null>("lookup_postal_code", { code, language }),
  about: () => call<About>("about"),
  planDay: (date: string, language: Language) => call<DayPlan>("plan_day", { date, language }),
  acceptProposal: (assignment: string, language: Language) =>
    call<Proposal>("accept_proposal", { assignment, language }),
  declineProposal: (assignment: string, language: Language) =>
    call<Candidate[]>("decline_proposal", { assignment, language }),
  matchAlternatives: (request: string, date: string, language: Language) =>
    call<Candidate[]>("match_alternatives", { request, date, language }),
  assignVolunteer: (request: string, date: string, volunteer: string, language: Language) =>
    call<ManualAssignment>("assign_volunteer", { request, date, volunteer, language }),
  confirmDay: (date: string) => call<Confirmed>("confirm_day", { date }),
  setAccessNote: (resident: string, note: string) =>
    call<string | null>("set_access_note", { resident, note }),
  makeSheets: (date: string, duplex: boolean, language: Language) =>
    call<SheetsSummary>("make_sheets", { date, duplex, language }),
  sheetPage: (kind: SheetKind, page: number) => call<string>("sheet_page", { kind, page }),
  saveSheets: (folder: string) => call<string>("save_sheets", { folder }),
  chooseSheetsFolder: () => call<string | null>("choose_sheets_folder"),
  printSheets: (kind: SheetKind, folder: string) => call<string>("print_sheets", { kind, folder }),
  previewImport: (path: string, kind: ImportKind, profile: string | null, overrides: Record<string, Field>) =>
    call<FilePreview>("preview_import", { path, kind, profile, overrides }),
  runImport: (request: ImportRequest) => call<ImportReport>("run_import", { request }),
  cancelImport: () => call<void>("cancel_import"),
  importMappings: () => call<SavedMapping[]>("import_mappings"),
  listImports: () => call<ImportRecord[]>("list_imports"),
  undoImport: (id: string) => call<UndoReport>("undo_import", { id }),
  chooseImportFile: () => call<string | null>("choose_import_file"),
  openRejects: () => call<void>("open_rejects"),
  syncStatus: () => call<SyncStatus>("sync_status"),
  syncEnrol: (platform: string, secret: string, deskName: string) =>
    call<SyncStatus>("sync_enrol", { platform, secret, deskName }),
  syncNow: () => call<SyncReport>("sync_now"),
  syncOfficeKey: () => call<string>("sync_office_key"),
  syncJoinOffice: (code: string) => call<number>("sync_join_office", { code }),
  syncResolveConflict: (id: number) => call<SyncStatus>("sync_resolve_conflict", { id }),
  suggestedSyncFile: () => call<string>("suggested_sync_file"),
  syncExport: (path: string) => call<SyncExport>("sync_export", { path }),
  syncImport: (path: string) => call<SyncImport>("sync_import", { path }),
  chooseSyncFile: (save: boolean, suggested: string) =>
    call<string | null>("choose_sync_file", { save, suggested }),
};

/** Progress of the running import, as the Rust side reports it. Returns the unsubscribe. */
export async function watchImportProgress(onProgress: (p: Progress) => void): Promise<() => void> {
  const { listen } = await import("@tauri-apps/api/event");
  return listen<Progress>("import-progress", (event) => onProgress(event.payload));
}

/**
 * Phone numbers handed over by `solidesk://intake?phone=…` links (a softphone's "open this URL
 * on an incoming call"), at start-up and while the app runs.
 */
export async function watchIncomingCalls(onPhone: (phone: string) => void): Promise<void> {
  const { listen } = await import("@tauri-apps/api/event");
  const { phoneFromIntakeUrl } = await import("../intake");
  const deliver = (urls: string[] | null) => {
    for (const url of urls ?? []) {
      const phone = phoneFromIntakeUrl(url);
      if (phone) onPhone(phone);
    }
  };
  // Listen first, then ask for the launch links, so a link arriving in between is not lost
  // (one delivered twice only looks the caller up twice).
  // The event name is the deep-link plugin's own; the Rust side emits it for every new link.
  await listen<string[]>("deep-link://new-url", (event) => deliver(event.payload));
  deliver(await call<string[]>("launch_links"));
}

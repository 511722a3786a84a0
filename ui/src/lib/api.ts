// Typed wrappers around the Rust IPC commands. All types come from the
// generated bindings, named through their module (`Bindings.Event`) so no copy
// of the generator's list is kept here; nothing here validates input: the
// backend owns the rules.
import { Channel, invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { CommandName } from './commands';
import type * as Bindings from './bindings';

/** Invokes one of the commands the backend registers (`commands.ts` is generated). */
const invoke = <T>(command: CommandName, args?: InvokeArgs) => tauriInvoke<T>(command, args);

/** Whose progress, toward which track, as of which day (the Rust `ProgressQuery`). */
const progressQuery = (personId: number, track: string | null, asOf: string | null): Bindings.ProgressQuery => ({
  person_id: personId,
  track,
  as_of: asOf,
});

/** The directory's record kinds, as `record_history` names them. */
export type RecordType = 'organization' | 'person' | 'position';

export const api = {
  importPaste: (text: string) => invoke<Bindings.ImportSource>('import_paste', { text }),
  /** `file`: a token from `pickOpenFile('import')` or a drop. */
  importOpen: (file: string) => invoke<Bindings.ImportSource>('import_open', { file }),
  importPreview: (session: number, options: Bindings.ImportOptions) =>
    invoke<Bindings.ImportReport>('import_preview', { session, options }),
  /** Saves in one transaction; `onProgress` hears every few hundred events. */
  importSave: (session: number, options: Bindings.ImportOptions, onProgress: (p: Bindings.ImportProgress) => void) => {
    const channel = new Channel<Bindings.ImportProgress>();
    channel.onmessage = onProgress;
    return invoke<Bindings.ImportReport>('import_save', { session, options, onProgress: channel });
  },
  importCancel: (session: number) => invoke<void>('import_cancel', { session }),
  appInfo: () => invoke<Bindings.AppInfo>('app_info'),
  /** Every pick list (codes and labels), asked for once at start. */
  pickLists: () => invoke<Bindings.PickLists>('pick_lists'),
  catalogOptions: () => invoke<Bindings.CatalogOptions>('catalog_options'),
  searchEvents: (search: Bindings.EventSearch) => invoke<Bindings.EventPage>('events_search', { search }),
  getEvent: (id: number) => invoke<Bindings.Event>('event_get', { id }),
  createEvent: (input: Bindings.EventInput) => invoke<Bindings.Event>('event_create', { input }),
  updateEvent: (id: number, input: Bindings.EventInput) => invoke<Bindings.Event>('event_update', { id, input }),
  deleteEvent: (id: number) => invoke<void>('event_delete', { id }),
  duplicateEvent: (id: number) => invoke<Bindings.Event>('event_duplicate', { id }),
  eventHistory: (id: number) => invoke<Bindings.HistoryEntry[]>('event_history', { id }),
  /** `file`: a token from `pickOpenFile` or a drop, for a file resource. */
  addResource: (eventId: number, input: Bindings.ResourceInput, file: string | null = null) =>
    invoke<Bindings.Resource>('resource_add', { eventId, input, file }),
  removeResource: (id: number) => invoke<void>('resource_remove', { id }),
  /** Refused with field `confirm_program` for a program until `confirmed`. */
  openResource: (id: number, confirmed = false) => invoke<void>('resource_open', { id, confirmed }),
  /** `destination`: a token from `pickSaveFile`. */
  saveResourceCopy: (id: number, destination: string) =>
    invoke<void>('resource_save_copy', { id, destination }),

  // Files: dialogs are shown by the app, which hands back single-use tokens,
  // never paths (dropped files arrive as tokens too, event `files-dropped`).
  pickOpenFile: (kind: Bindings.FileKind) => invoke<Bindings.PickedFile | null>('pick_open_file', { kind }),
  pickSaveFile: (suggestedName: string) => invoke<Bindings.PickedFile | null>('pick_save_file', { suggestedName }),
  loadDemoData: () => invoke<number>('demo_data_load'),
  openExternal: (url: string) => invoke<void>('open_external', { url }),

  // The library directory.
  searchDirectory: (search: Bindings.DirectorySearch) => invoke<Bindings.DirectoryHit[]>('directory_search', { search }),
  getOrg: (id: number) => invoke<Bindings.Organization>('org_get', { id }),
  createOrg: (input: Bindings.OrganizationInput) => invoke<Bindings.Organization>('org_create', { input }),
  updateOrg: (id: number, input: Bindings.OrganizationInput) => invoke<Bindings.Organization>('org_update', { id, input }),
  getPerson: (id: number) => invoke<Bindings.Person>('person_get', { id }),
  createPerson: (input: Bindings.PersonInput) => invoke<Bindings.Person>('person_create', { input }),
  updatePerson: (id: number, input: Bindings.PersonInput) => invoke<Bindings.Person>('person_update', { id, input }),
  deletePerson: (id: number) => invoke<void>('person_delete', { id }),
  getPosition: (id: number) => invoke<Bindings.Position>('position_get', { id }),
  createPosition: (input: Bindings.PositionInput) => invoke<Bindings.Position>('position_create', { input }),
  updatePosition: (id: number, input: Bindings.PositionInput) => invoke<Bindings.Position>('position_update', { id, input }),
  recordHistory: (recordType: RecordType, id: number) => invoke<Bindings.HistoryEntry[]>('record_history', { recordType, id }),

  // Credits and certification (the rules live in Rust; these only carry them).
  tracksList: () => invoke<Bindings.Track[]>('tracks_list'),
  currentPerson: () => invoke<Bindings.Person | null>('current_person_get'),
  setCurrentPerson: (personId: number) => invoke<Bindings.Person>('current_person_set', { personId }),
  addCredit: (input: Bindings.CreditEntryInput) => invoke<Bindings.CreditEntry>('credit_add', { input }),
  updateCredit: (id: number, input: Bindings.CreditEntryInput) => invoke<Bindings.CreditEntry>('credit_update', { id, input }),
  setCreditStatus: (id: number, status: 'verified' | 'denied' | 'pending', by: string | null) =>
    invoke<Bindings.CreditEntry>('credit_set_status', { id, step: { status, date: null, by } satisfies Bindings.StepInput }),
  attachEvidence: (id: number, file: string) => invoke<string[]>('credit_attach_evidence', { id, file }),
  listCredits: (personId: number, filter: Bindings.LedgerFilter) => invoke<Bindings.Ledger>('credits_list', { personId, filter }),
  attendEvent: (personId: number, eventId: number, planGoalId: number | null = null) =>
    invoke<Bindings.CreditEntry[]>('event_attend', { personId, eventId, planGoalId }),
  enrollments: (personId: number) => invoke<Bindings.Enrollment[]>('enrollments_list', { personId }),
  enroll: (personId: number, track: string, start: string | null) =>
    invoke<Bindings.Enrollment>('enroll', { personId, track, start }),
  setEnrollmentStatus: (id: number, status: string, date: string | null, by: string | null) =>
    invoke<Bindings.Enrollment>('enrollment_set_status', { id, step: { status, date, by } satisfies Bindings.StepInput }),
  progress: (personId: number, track: string | null, asOf: string | null) =>
    invoke<Bindings.Progress>('progress_get', { query: progressQuery(personId, track, asOf) }),
  progressEntries: (personId: number, track: string | null, asOf: string | null, offset: number, limit: number) =>
    invoke<Bindings.VerdictPage>('progress_entries', { query: progressQuery(personId, track, asOf), offset, limit }),
  dashboard: () => invoke<Bindings.Dashboard>('dashboard_get'),

  // The Strategic Track: the professional development plan and self-directed learning.
  personGoals: (personId: number) => invoke<Bindings.PersonGoal[]>('person_goals', { personId }),
  latestPlan: (enrollmentId: number) => invoke<Bindings.Plan | null>('plan_latest', { enrollmentId }),
  getPlan: (id: number) => invoke<Bindings.Plan>('plan_get', { id }),
  createPlan: (input: Bindings.PlanInput) => invoke<Bindings.Plan>('plan_create', { input }),
  updatePlan: (id: number, input: Bindings.PlanInput) => invoke<Bindings.Plan>('plan_update', { id, input }),
  newPlanVersion: (id: number) => invoke<Bindings.Plan>('plan_new_version', { id }),
  setPlanStatus: (
    id: number,
    status: 'submitted' | 'accepted' | 'revision_requested',
    date: string | null,
    by: string | null,
    request: string | null,
  ) => invoke<Bindings.Plan>('plan_set_status', { id, step: { status, date, by } satisfies Bindings.StepInput, request }),
  uploadPlanDocument: (id: number, file: string) => invoke<Bindings.Plan>('plan_upload', { id, file }),
  planDocumentData: (id: number) => invoke<ArrayBuffer>('plan_document_data', { id }),
  savePlanDocumentCopy: (id: number, destination: string) =>
    invoke<void>('plan_document_save_copy', { id, destination }),
  exportPlanPdf: (id: number, destination: string) => invoke<void>('plan_export_pdf', { id, destination }),
  addActivity: (input: Bindings.ActivityInput) => invoke<Bindings.CreditEntry>('activity_add', { input }),

  // Backups: files are chosen in dialogs shown by Rust; the window holds only tokens.
  backupStatus: () => invoke<Bindings.BackupStatus>('backup_status'),
  pickBackupDestination: () => invoke<Bindings.PickedFile | null>('backup_pick_destination'),
  pickBackupSource: () => invoke<Bindings.PickedFile | null>('backup_pick_source'),
  createBackup: (token: string) => invoke<Bindings.BackupReport>('backup_create', { token }),
  restoreBackup: (token: string) => invoke<Bindings.RestoreReport>('backup_restore', { token }),
  restartApp: () => invoke<void>('app_restart'),
  chooseBackupFolder: (keep: number) => invoke<Bindings.BackupStatus | null>('backup_folder_choose', { keep }),
  setBackupSettings: (keep: number, turnOff: boolean) =>
    invoke<Bindings.BackupStatus>('backup_settings_set', { keep, turnOff }),
  // Documents out: previews as PDF bytes; saves through a save-dialog token.
  transcript: (request: Bindings.TranscriptRequest) => invoke<Bindings.Transcript>('transcript_get', { request }),
  transcriptPdf: (request: Bindings.TranscriptRequest) => invoke<ArrayBuffer>('transcript_pdf_data', { request }),
  saveTranscript: (request: Bindings.TranscriptRequest, format: Bindings.TranscriptFormat, token: string) =>
    invoke<void>('transcript_save', { request, format, token }),
  certificatePdf: (enrollmentId: number) => invoke<ArrayBuffer>('certificate_pdf_data', { enrollmentId }),
  saveCertificate: (enrollmentId: number, token: string) =>
    invoke<void>('certificate_save', { enrollmentId, token }),
  savePacket: (enrollmentId: number, token: string) =>
    invoke<Bindings.PacketManifest>('packet_save', { enrollmentId, token }),
  saveCalendar: (request: Bindings.CalendarRequest, token: string) => invoke<number>('calendar_save', { request, token }),
  recordCertificate: (personId: number, track: string, issued: string) =>
    invoke<Bindings.Enrollment>('certificate_record', { personId, track, issued }),
};

/** The event that carries backup and restore progress (`BackupProgress`). */
export const BACKUP_PROGRESS_EVENT = 'backup-progress';

/** The Strategic Track's code (its plan comes before any credit counts). */
export const STRATEGIC_TRACK = 'strategic';

/** Credits as the backend counts them: "0.5", "20". */
export function formatCredits(n: number): string {
  return String(Math.round(n * 2) / 2);
}

/** The input that saves an organization unchanged (to flip `active`, say). */
export function orgInput(org: Bindings.Organization): Bindings.OrganizationInput {
  return {
    name: org.name,
    org_type: org.org_type,
    parent_id: org.parent_id,
    federation: org.federation,
    address: org.address,
    phone: org.phone,
    email: org.email,
    website: org.website,
    hours: org.hours,
    strategic_goals: org.strategic_goals.map((g) => ({ id: g.id, text: g.text })),
    active: org.active,
  };
}

export function personInput(person: Bindings.Person): Bindings.PersonInput {
  return {
    last_name: person.last_name,
    first_name: person.first_name,
    email: person.email,
    phone: person.phone,
    active: person.active,
  };
}

export function positionInput(p: Bindings.Position): Bindings.PositionInput {
  return {
    person_id: p.person_id,
    organization_id: p.organization_id,
    position_type: p.position_type,
    title: p.title,
    begin: p.begin,
    end: p.end,
    email: p.email,
    phone: p.phone,
    active: p.active,
  };
}

/** Any rejection as an ErrorPayload (IPC failures and JS errors included). */
export function toError(err: unknown): Bindings.ErrorPayload {
  if (err && typeof err === 'object' && 'message' in err) {
    const e = err as Partial<Bindings.ErrorPayload> & { message: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : 'error',
      message: String(e.message),
      fields: Array.isArray(e.fields) ? e.fields : [],
    };
  }
  return { code: 'error', message: String(err), fields: [] };
}

/**
 * A refusal in plain words: the field messages when there are any (they say
 * what to do), else the overall message.
 */
export function plainMessage(err: Bindings.ErrorPayload): string {
  return err.fields.length ? err.fields.map((f) => f.message).join(' ') : err.message;
}

/** Field name -> message(s), for showing each message next to its input. */
export function fieldMessages(err: Bindings.ErrorPayload | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of err?.fields ?? []) {
    out[f.field] = out[f.field] ? `${out[f.field]} ${f.message}` : f.message;
  }
  return out;
}

// Generated from the Rust types by src-tauri/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test --test it bindings` instead.

export type BackupProgress = { done: number, total: number, };

export type BackupReport = { path: string, created_at: string, bytes: number, files: number, schema_version: number, };

export type BackupSettingsInput = { 
/**
 * The folder for automatic backups; none turns them off.
 */
folder: string | null, keep: number, };

export type BackupStatus = { 
/**
 * RFC 3339, UTC; none when no backup was ever made.
 */
last_backup_at: string | null, 
/**
 * Set when there is no backup from the last 30 days.
 */
warning: string | null, 
/**
 * The folder for automatic backups, when chosen.
 */
auto_folder: string | null, keep: number, };

export type ExportReport = { path: string, tables: number, rows: number, };

export type DataImportReport = { rows: number, 
/**
 * Files the records name whose bytes are not in this data folder (an
 * export carries hashes, not bytes): restore a backup for those.
 */
missing_files: Array<string>, };

export type RestoreReport = { 
/**
 * When the restored backup was made.
 */
backup_created_at: string, 
/**
 * Where the data folder that was replaced now is; none when there was none.
 */
previous_data_dir: string | null, files: number, };

export type EventPreview = { action: ImportAction, 
/**
 * On update, the fields that will change ("Location"), as the page
 * history will list them.
 */
changes: Array<string>, not_read: Array<string>, 
/**
 * Local date-time in `time_zone`: "2021-06-02T14:00".
 */
begin: string, end: string, time_zone: string, 
/**
 * "Wednesday, June 2, 2021 2:00 PM"
 */
begin_display: string, end_display: string, begin_utc: string, end_utc: string, delivery_label: string, credits: Array<CreditLine>, resources: Array<Resource>, created_at: string, updated_at: string, id: number, title: string, event_type: EventType, event_type_label: string, status: EventStatus, status_label: string, description: string, delivery: Delivery, meeting_url: string | null, location: string, sponsor: string, registration_required: boolean, 
/**
 * Linked positions get their `text` from the directory when stored.
 */
contact_positions: Array<EventPosition>, trainer_positions: Array<EventPosition>, };

export type ImportAction = "create" | "update" | "unchanged";

export type ImportKind = "aspen_page" | "ics" | "credits_csv";

export type ImportOptions = { 
/**
 * Whose credits a CSV holds (default: the current person).
 */
person_id: number | null, 
/**
 * Save the good rows and events even when others are bad.
 */
only_good: boolean, };

export type ImportProgress = { done: number, total: number, };

export type ImportReport = { created: number, updated: number, 
/**
 * Known events the file holds as they are stored (nothing written).
 */
unchanged: number, 
/**
 * True when a save was cancelled: nothing was saved.
 */
canceled: boolean, kind: ImportKind, events: Array<EventPreview>, credits: Array<ImportedCredit>, errors: Array<RowError>, warnings: Array<string>, };

export type ImportSource = { session: number, 
/**
 * The file's name, or "Pasted text".
 */
name: string, size: number, };

export type ImportedCredit = { row: number, input: CreditEntryInput, };

export type RowError = { row: number, field: string, message: string, };

export type CalendarRequest = { event_ids: number[], search: EventSearch | null, attended_by: number | null, };

export type CategoryTotal = { code: string, label: string, required: number, earned: number, };

export type PacketFile = { path: string, kind: string, description: string, entry_id: number | null, size: number, sha256: string, };

export type PacketManifest = { person_name: string, track_name: string, enrollment_id: number, period_from: string, period_to: string, prepared_on: string, files: Array<PacketFile>, };

export type Transcript = { 
/**
 * "First Last"
 */
person_name: string, library: string, position: string, track_name: string, period_from: string, period_to: string, prepared_on: string, entries: Array<TranscriptEntry>, categories: Array<CategoryTotal>, 
/**
 * Specialization labels ("Technology").
 */
specializations: Array<string>, 
/**
 * Credit beyond the category minimums.
 */
electives: number, total_required: number, total_earned: number, 
/**
 * Credit still pending verification in the window (not counted).
 */
pending: number, 
/**
 * "Library Administration: 12 of 20, 8 to go"
 */
missing: Array<string>, };

export type TranscriptEntry = { kind: string, sponsor: string, status: string, verified_by: string, id: number, title: string, date: string, category: Category, credits: number, counted: boolean, reason: string, };

export type TranscriptFormat = "pdf" | "csv";

export type TranscriptRequest = { person_id: number, track: string | null, from: string | null, to: string | null, };

export type ActivityInput = { person_id: number, title: string, description: string, plan_goal_id: number | null, date: string, end_date: string | null, 
/**
 * Credits = hours, in 0.5 steps.
 */
hours: number, learned: string, 
/**
 * LA, LSP, CMTS or TECH (the Strategic Track has no minimums; LA by default).
 */
category: string | null, 
/**
 * "pending" when empty.
 */
status: string | null, verified_by: string | null, 
/**
 * Today when a verified credit gives no date.
 */
verified_on: string | null, };

export type PersonGoal = { id: number, text: string, organization_name: string, };

export type Plan = { id: number, enrollment_id: number, version: number, status: PlanStatus, status_label: string, 
/**
 * The review steps this version may take now.
 */
next_statuses: Array<PlanStatus>, 
/**
 * Days as "2025-02-01" in JSON.
 */
submitted_on: string | null, accepted_on: string | null, accepted_by: string | null, revision_request: string | null, goals: Array<PlanGoal>, documents: Array<PlanDocument>, 
/**
 * Every version of this enrollment's plan, oldest first.
 */
versions: Array<PlanVersion>, };

export type PlanDocument = { id: number, file_name: string, media_type: string, size: number, sha256: string, uploaded_at: string, };

export type PlanGoal = { id: number, strategic_goal_id: number, strategic_goal_text: string, objective: string, activities: string, evidence: string, };

export type PlanGoalInput = { id: number | null, strategic_goal_id: number, objective: string, activities: string, evidence: string, };

export type PlanInput = { enrollment_id: number, goals: Array<PlanGoalInput>, };

export type PlanStatus = "draft" | "submitted" | "accepted" | "revision_requested";

export type PlanVersion = { id: number, version: number, status: PlanStatus, };

export type AppInfo = { version: string, 
/**
 * Today in Montana ("2026-11-29"): the UI's default for date inputs.
 */
today: string, data_dir: string, event_count: number, sample_loaded: boolean, };

export type CatalogOptions = { default_time_zone: string, time_zones: Array<string>, max_resource_megabytes: number, };

export type Category = "LA" | "LSP" | "CMTS" | "TECH";

export type CategoryProgress = { label: string, required: number, earned: number, };

export type CreditEntry = { id: number, person_id: number, kind: CreditKind, kind_label: string, title: string, date: string, end_date: string | null, sponsor: string, trainer: string, category: Category, category_label: string, credits: number, units: number | null, status_label: string, event_id: number | null, conference: string, notes: string, learned: string, plan_goal_id: number | null, 
/**
 * Warnings from the eligibility rules, when saved.
 */
warnings: Array<string>, status: VerificationStatus, verified_by: string | null, verified_on: string | null, };

export type CreditEntryInput = { person_id: number, kind: string | null, title: string, 
/**
 * "2024-03-14"; not in the future.
 */
date: string, end_date: string | null, sponsor: string | null, trainer: string | null, category: string, 
/**
 * Given directly, or computed from `units` (college credits, hours presented).
 */
credits: number | null, units: number | null, event_id: number | null, 
/**
 * The conference a session belongs to.
 */
conference: string | null, notes: string | null, 
/**
 * What was learned (self-directed activities).
 */
learned: string | null, 
/**
 * The Strategic Track plan goal this credit serves.
 */
plan_goal_id: number | null, 
/**
 * "pending" when empty.
 */
status: string | null, verified_by: string | null, 
/**
 * Today when a verified credit gives no date.
 */
verified_on: string | null, };

export type CreditKind = "event" | "independent" | "conference_session" | "college_semester" | "college_quarter" | "presenter" | "self_directed";

export type Dashboard = { person: Person | null, enrollment: Enrollment | null, progress: Progress | null, days_left: number | null, reminders: Array<Reminder>, recent: Array<CreditEntry>, 
/**
 * Upcoming catalog events whose credits fill what is still missing.
 */
gap_events: Array<EventSummary>, 
/**
 * When the last backup was made, and a warning after 30 days without one.
 */
backup: BackupStatus, };

export type Enrollment = { id: number, person_id: number, track_code: string, track_name: string, start_date: string, due_date: string, status: EnrollmentStatus, status_label: string, 
/**
 * The workflow steps this enrollment may take next.
 */
next_statuses: Array<EnrollmentStatus>, submitted_on: string | null, reviewed_on: string | null, verified_on: string | null, verified_by: string | null, issued_on: string | null, expires_on: string | null, };

export type EnrollmentStatus = "in_progress" | "submitted" | "coordinator_review" | "supervisor_verified" | "issued" | "expired";

export type EntryVerdict = { id: number, title: string, date: string, category: Category, credits: number, counted: boolean, reason: string, };

export type VerdictPage = { 
/**
 * Every entry judged, whatever the page.
 */
total: number, offset: number, entries: Array<EntryVerdict>, };

export type Ledger = { entries: Array<CreditEntry>, 
/**
 * Totals per category code of the listed entries (all statuses but denied).
 */
totals: { [key in string]?: number }, total: number, };

export type LedgerFilter = { from: string | null, to: string | null, category: string | null, kind: string | null, status: string | null, };

export type Progress = { track_code: string, track_name: string, as_of: string, 
/**
 * The first day of the 4-year window (inclusive).
 */
window_start: string, 
/**
 * Every category, keyed by code ("LA"): required minimum and verified credit earned in the window.
 */
categories: { [key in string]?: CategoryProgress }, complete: boolean, 
/**
 * Categories (codes) with a specialization: >= 20 credits (10 for trustees), not LA.
 */
specializations: Array<string>, 
/**
 * How many entries were judged, and how many of them counted.
 */
entry_count: number, counted_count: number, 
/**
 * Credit beyond the category minimums.
 */
electives: number, total_required: number, total_earned: number, 
/**
 * Credit still pending verification in the window (not counted).
 */
pending: number, 
/**
 * "Library Administration: 12 of 20, 8 to go"
 */
missing: Array<string>, };

export type ProgressQuery = { person_id: number, track: string | null, as_of: string | null, };

export type Reminder = { 
/**
 * "due" or "expiry"
 */
kind: string, date: string, days_left: bigint, message: string, };

export type Track = { code: string, program: string, name: string, 
/**
 * director, staff, trustee, renewing
 */
audience: string, period_years: number, 
/**
 * The Strategic Track: credit counts only after a submitted plan, toward its goals.
 */
requires_plan: boolean, 
/**
 * "60 credits; LA 20, LSP 10, CMTS 10, TECH 10"
 */
summary: string, };

export type VerificationStatus = "pending" | "verified" | "denied";

export type Choice = { code: string, label: string, };

export type CreditInput = { category: string, credits: number, };

export type CreditLine = { category: Category, category_label: string, credits: number, description: string, };

export type Delivery = "online" | "in_person" | "hybrid";

export type DirectoryHit = { kind: DirectoryKind, id: number, title: string, subtitle: string, active: boolean, };

export type DirectoryKind = "organization" | "person" | "position";

export type PickLists = { event_types: Array<Choice>, event_statuses: Array<Choice>, deliveries: Array<Choice>, categories: Array<Choice>, resource_types: Array<Choice>, org_types: Array<Choice>, federations: Array<Choice>, position_types: Array<Choice>, credit_kinds: Array<Choice>, verification_statuses: Array<Choice>, enrollment_statuses: Array<Choice>, plan_statuses: Array<Choice>, };

export type DirectorySearch = { text: string, federation: string | null, org_type: string | null, position_type: string | null, 
/**
 * Only these kinds; empty means all.
 */
kinds: Array<DirectoryKind>, include_inactive: boolean, limit: number, };

export type ErrorPayload = { code: string, message: string, fields: Array<FieldError>, };

export type Event = { 
/**
 * Local date-time in `time_zone`: "2021-06-02T14:00".
 */
begin: string, end: string, time_zone: string, 
/**
 * "Wednesday, June 2, 2021 2:00 PM"
 */
begin_display: string, end_display: string, begin_utc: string, end_utc: string, delivery_label: string, credits: Array<CreditLine>, resources: Array<Resource>, created_at: string, updated_at: string, id: number, title: string, event_type: EventType, event_type_label: string, status: EventStatus, status_label: string, description: string, delivery: Delivery, meeting_url: string | null, location: string, sponsor: string, registration_required: boolean, 
/**
 * Linked positions get their `text` from the directory when stored.
 */
contact_positions: Array<EventPosition>, trainer_positions: Array<EventPosition>, };

export type EventInput = { title: string, event_type: string | null, status: string | null, 
/**
 * Local date-time in `time_zone`, like "2021-06-02T14:00".
 */
begin: string, 
/**
 * Defaults to `begin` when empty.
 */
end: string | null, time_zone: string | null, description: string | null, delivery: string | null, meeting_url: string | null, location: string | null, sponsor: string | null, registration_required: boolean, credits: Array<CreditInput>, contact_positions: Array<PositionRefInput>, trainer_positions: Array<PositionRefInput>, 
/**
 * Only read when the event is created; later, resources have their own commands.
 */
resources: Array<ResourceInput>, };

export type EventPage = { 
/**
 * Exact, or a lower bound past `COUNT_CAP` (see `total_is_lower_bound`).
 */
total: number, 
/**
 * True when there are more than `total` matches ("5,000+").
 */
total_is_lower_bound: boolean, 
/**
 * The order applied (a browse asked for "best match" is newest first).
 */
sort: SortOrder, 
/**
 * Best match was asked for, but more than `RANK_LIMIT` events match:
 * the page is newest first instead.
 */
too_many_to_rank: boolean, 
/**
 * The first day searched, after defaults ("2022-11-29"), or null for all dates.
 */
from: string | null, items: Array<EventSummary>, offset: number, limit: number, };

export type EventPosition = { position_id: number | null, 
/**
 * "Last, First - Title (Organization)", or the free text.
 */
text: string, };

export type EventSearch = { text: string, 
/**
 * `None` means the ASPeN default, four years ago today, when browsing;
 * all dates when searching by text or with only an end date.
 */
from: string | null, 
/**
 * `None` means all future events.
 */
to: string | null, 
/**
 * Lift the default 4-year window (`from` is then ignored when empty).
 */
all_dates: boolean, event_type: string | null, category: string | null, delivery: string | null, sort: SortOrder, offset: number, limit: number, };

export type EventStatus = "open" | "closed" | "inactive" | "canceled";

export type EventSummary = { begin: string, 
/**
 * "Wed, Jun 2, 2021 2:00 PM"
 */
begin_display: string, delivery: Delivery, delivery_label: string, sponsor: string, 
/**
 * "0.5 LA, 1 TECH"
 */
credits_short: string, id: number, title: string, event_type: EventType, event_type_label: string, status: EventStatus, status_label: string, };

export type EventType = "continuing_education" | "conference" | "webinar" | "meeting" | "deadline";

export type Federation = "broad_valleys" | "golden_plains" | "pathfinder" | "sagebrush" | "south_central" | "tamarack";

export type FieldError = { field: string, message: string, };

export type GoalInput = { id: number | null, text: string, };

export type HistoryEntry = { id: number, changed_at: string, 
/**
 * "Nov 29, 2026 2:15 PM", Montana time.
 */
changed_at_display: string, actor: string, field: string, old_value: string | null, new_value: string | null, };

export type Organization = { id: number, name: string, org_type: OrgType, org_type_label: string, parent_id: number | null, parent_name: string | null, federation: Federation | null, federation_label: string | null, address: string, website: string | null, hours: string, active: boolean, strategic_goals: Array<StrategicGoal>, branches: Array<OrganizationSummary>, 
/**
 * Its people by position, current first.
 */
positions: Array<Position>, email: string, phone: string, };

export type OrganizationInput = { name: string, org_type: string | null, parent_id: number | null, federation: string | null, address: string | null, phone: string | null, email: string | null, website: string | null, hours: string | null, strategic_goals: Array<GoalInput>, active: boolean | null, };

export type OrganizationSummary = { id: number, name: string, org_type_label: string, active: boolean, };

export type OrgType = "public_library" | "branch" | "academic" | "school" | "special" | "tribal" | "state_agency";

export type Person = { id: number, 
/**
 * "Last, First"
 */
display_name: string, 
/**
 * Current positions first, then past ones.
 */
positions: Array<Position>, last_name: string, first_name: string, active: boolean, email: string, phone: string, };

export type PersonInput = { last_name: string, first_name: string, email: string | null, phone: string | null, active: boolean | null, };

export type Position = { id: number, person_name: string | null, organization_name: string, position_type_label: string, 
/**
 * "Last, First - Title (Organization)"
 */
display: string, person_id: number | null, organization_id: number, position_type: PositionType, title: string, begin: string | null, end: string | null, active: boolean, email: string, phone: string, };

export type PositionInput = { 
/**
 * Empty for a vacant position.
 */
person_id: number | null, organization_id: number, position_type: string | null, title: string, 
/**
 * "2024-07-01"
 */
begin: string | null, end: string | null, email: string | null, phone: string | null, active: boolean | null, };

export type PositionRefInput = number | string | { position_id: number | null, text: string | null, };

export type PositionType = "director" | "staff" | "trustee" | "board_chair" | "msl_staff" | "other";

export type Resource = { id: number, event_id: number, title: string, resource_type: ResourceType, resource_type_label: string, tags: Array<string>, 
/**
 * "file" or "link"
 */
kind: string, url: string | null, file_name: string | null, file_size: number | null, sha256: string | null, created_at: string, };

export type ResourceInput = { title: string, resource_type: string | null, tags: Array<string>, url: string | null, path: string | null, };

export type ResourceType = "agenda" | "handout" | "slides" | "recording" | "minutes" | "other";

export type SortOrder = "relevance" | "newest" | "oldest";

export type StepInput = { status: string, date: string | null, by: string | null, };

export type StrategicGoal = { id: number, text: string, };

export type PickedFile = { 
/**
 * Redeemed once by the command that reads or writes the file.
 */
token: string, 
/**
 * The file's name, for display ("Plan 2026.pdf").
 */
name: string, size: number | null, };

export type FileKind = "any" | "plan" | "import" | "backup";

export type Purpose = "open" | "save";

//! TypeScript types for the UI, generated from the Rust types that cross IPC.
//! `tests/it/bindings.rs` fails when `ui/src/lib/bindings.ts` is stale;
//! `UPDATE_BINDINGS=1 cargo test --test it bindings` rewrites it, and
//! `ui/src/lib/commands.ts` (the IPC command names) with it.

use ts_rs::TS;

macro_rules! declarations {
    ($($ty:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl())),+]
    };
}

pub fn typescript() -> String {
    use crate::commands::backup::{BackupSettingsInput, DataImportReport, ExportReport};
    use crate::commands::documents::{CalendarRequest, TranscriptFormat, TranscriptRequest};
    use crate::commands::ipc::BackupProgress;
    use crate::commands::ledger::{Dashboard, Ledger, ProgressQuery};
    use crate::commands::plans::{ActivityInput, PersonGoal};
    use crate::commands::{AppInfo, CatalogOptions};
    use crate::domain::backup::BackupStatus;
    use crate::domain::certification::{
        CategoryProgress, Enrollment, EnrollmentStatus, EntryVerdict, Progress, Reminder, Track,
        VerdictPage,
    };
    use crate::domain::credits::Category;
    use crate::domain::directory::*;
    use crate::domain::event::*;
    use crate::domain::history::HistoryEntry;
    use crate::domain::ledger::{
        CreditEntry, CreditEntryInput, CreditKind, LedgerFilter, VerificationStatus,
    };
    use crate::domain::plan::{
        Plan, PlanDocument, PlanGoal, PlanGoalInput, PlanInput, PlanStatus, PlanVersion,
    };
    use crate::domain::resource::*;
    use crate::domain::search::*;
    use crate::domain::step::StepInput;
    use crate::domain::vocabulary::PickLists;
    use crate::domain::Choice;
    use crate::error::{ErrorPayload, FieldError};
    use crate::export::packet::{PacketFile, PacketManifest};
    use crate::export::{CategoryTotal, Transcript, TranscriptEntry};
    use crate::picked::{FileKind, PickedFile, Purpose};
    use crate::store::backup::{BackupReport, RestoreReport};

    use crate::commands::import::{
        EventPreview, ImportAction, ImportOptions, ImportProgress, ImportReport, ImportSource,
    };
    use crate::import::{ImportKind, ImportedCredit, RowError};
    let decls = declarations![
        BackupProgress,
        BackupReport,
        BackupSettingsInput,
        BackupStatus,
        ExportReport,
        DataImportReport,
        RestoreReport,
        EventPreview,
        ImportAction,
        ImportKind,
        ImportOptions,
        ImportProgress,
        ImportReport,
        ImportSource,
        ImportedCredit,
        RowError,
        CalendarRequest,
        CategoryTotal,
        PacketFile,
        PacketManifest,
        Transcript,
        TranscriptEntry,
        TranscriptFormat,
        TranscriptRequest,
        ActivityInput,
        PersonGoal,
        Plan,
        PlanDocument,
        PlanGoal,
        PlanGoalInput,
        PlanInput,
        PlanStatus,
        PlanVersion,
        AppInfo,
        CatalogOptions,
        Category,
        CategoryProgress,
        CreditEntry,
        CreditEntryInput,
        CreditKind,
        Dashboard,
        Enrollment,
        EnrollmentStatus,
        EntryVerdict,
        VerdictPage,
        Ledger,
        LedgerFilter,
        Progress,
        ProgressQuery,
        Reminder,
        Track,
        VerificationStatus,
        Choice,
        CreditInput,
        CreditLine,
        Delivery,
        DirectoryHit,
        DirectoryKind,
        PickLists,
        DirectorySearch,
        ErrorPayload,
        Event,
        EventInput,
        EventPage,
        EventPosition,
        EventSearch,
        EventStatus,
        EventSummary,
        EventType,
        Federation,
        FieldError,
        GoalInput,
        HistoryEntry,
        Organization,
        OrganizationInput,
        OrganizationSummary,
        OrgType,
        Person,
        PersonInput,
        Position,
        PositionInput,
        PositionRefInput,
        PositionType,
        Resource,
        ResourceInput,
        ResourceType,
        SortOrder,
        StepInput,
        StrategicGoal,
        PickedFile,
        FileKind,
        Purpose,
    ];
    format!(
        "// Generated from the Rust types by src-tauri/bindings.rs. Do not edit:\n// run `UPDATE_BINDINGS=1 cargo test --test it bindings` instead.\n\n{}\n",
        decls.join("\n\n")
    )
}

/// The IPC command names as a TypeScript union, so `api.ts` cannot invoke a
/// command the backend does not register.
pub fn command_names() -> String {
    let names: Vec<String> = crate::commands::ipc::NAMES
        .iter()
        .map(|name| format!("  | '{name}'"))
        .collect();
    format!(
        "// Generated from the IPC command list in src-tauri/commands/ipc.rs. Do not edit:\n// run `UPDATE_BINDINGS=1 cargo test --test it bindings` instead.\n\nexport type CommandName =\n{};\n",
        names.join("\n")
    )
}

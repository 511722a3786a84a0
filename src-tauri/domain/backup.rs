//! Backups as values: the manifest inside a backup file and its checks, the
//! names of automatic backups, which of them to prune, when one is due, and
//! the dashboard's "last backup" line. Pure: the store does the IO.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The manifest's own format; a newer one is refused rather than guessed at.
pub const MANIFEST_FORMAT: u32 = 1;
pub const MANIFEST_NAME: &str = "manifest.json";
/// The database inside a backup file.
pub const DATABASE_PART: &str = "database.sqlite3";
/// The prefix of file-store blobs inside a backup file: `files/ab/abcd…`.
pub const FILES_PREFIX: &str = "files/";
/// The default number of automatic backups kept.
pub const DEFAULT_KEEP: u32 = 10;
/// The dashboard warns when the last backup is older than this.
pub const WARN_AFTER_DAYS: i64 = 30;

const AUTO_PREFIX: &str = "aspen-desk-backup-";
const AUTO_SUFFIX: &str = ".zip";
const AUTO_STAMP: &str = "%Y%m%d-%H%M%S";

/// `manifest.json`: what a backup holds and how to check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub app_version: String,
    /// The highest database migration applied when the backup was made.
    pub schema_version: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub parts: Vec<ManifestPart>,
}

/// One file inside the backup with its SHA-256 and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestPart {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// True for the only names a backup may hold: the database and
/// `files/<first two hex>/<sha256>`. Nothing else can be written on restore,
/// so a crafted name cannot reach outside the new data folder.
pub fn is_valid_part_path(path: &str) -> bool {
    if path == DATABASE_PART {
        return true;
    }
    let Some(rest) = path.strip_prefix(FILES_PREFIX) else {
        return false;
    };
    match rest.split_once('/') {
        Some((shard, name)) => is_sha256(name) && name.starts_with(shard) && shard.len() == 2,
        None => false,
    }
}

impl Manifest {
    /// Checks the manifest against what this app can restore: its format, the
    /// schema version, one database, and safe, unique part names with hashes.
    pub fn check(&self, app_schema_version: i64) -> AppResult<()> {
        let refuse = |message: String| Err(AppError::invalid("backup", message));
        if self.format != MANIFEST_FORMAT {
            return refuse(format!(
                "This backup's manifest has format {}; this version of Aspen Desk reads format {MANIFEST_FORMAT}.",
                self.format
            ));
        }
        if self.schema_version > app_schema_version {
            return refuse(format!(
                "This backup was made by a newer Aspen Desk ({}, schema {}); this version knows up to schema {app_schema_version}. Update Aspen Desk first.",
                self.app_version, self.schema_version
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        for part in &self.parts {
            if !is_valid_part_path(&part.path) || !is_sha256(&part.sha256) {
                return refuse(format!(
                    "The manifest lists an unexpected part \"{}\": the file is not an Aspen Desk backup or is damaged.",
                    part.path
                ));
            }
            if !seen.insert(part.path.as_str()) {
                return refuse(format!("The manifest lists \"{}\" twice.", part.path));
            }
        }
        if !seen.contains(DATABASE_PART) {
            return refuse("The manifest lists no database: the file is damaged.".into());
        }
        Ok(())
    }

    pub fn total_bytes(&self) -> u64 {
        self.parts.iter().map(|p| p.size).sum()
    }
}

/// The file name of an automatic backup made at `at`, e.g.
/// `aspen-desk-backup-20261130-105300.zip` (names sort by time).
pub fn auto_backup_name(at: DateTime<Utc>) -> String {
    format!("{AUTO_PREFIX}{}{AUTO_SUFFIX}", at.format(AUTO_STAMP))
}

/// True for names `auto_backup_name` makes: only those are ever pruned.
pub fn is_auto_backup_name(name: &str) -> bool {
    name.strip_prefix(AUTO_PREFIX)
        .and_then(|rest| rest.strip_suffix(AUTO_SUFFIX))
        .is_some_and(|stamp| chrono::NaiveDateTime::parse_from_str(stamp, AUTO_STAMP).is_ok())
}

/// Of the names in the backup folder, the automatic backups to delete so
/// that the newest `keep` remain. Other files are never chosen.
pub fn backups_to_prune(names: &[String], keep: u32) -> Vec<String> {
    let mut ours: Vec<&String> = names.iter().filter(|n| is_auto_backup_name(n)).collect();
    ours.sort();
    let surplus = ours.len().saturating_sub(keep as usize);
    ours.into_iter().take(surplus).cloned().collect()
}

/// Automatic backups run at most once a day.
pub fn is_backup_due(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match last {
        None => true,
        Some(last) => now - last >= Duration::days(1),
    }
}

/// The dashboard's backup line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupStatus {
    /// RFC 3339, UTC; none when no backup was ever made.
    pub last_backup_at: Option<String>,
    /// Set when there is no backup from the last 30 days.
    pub warning: Option<String>,
    /// The folder for automatic backups, when chosen.
    pub auto_folder: Option<String>,
    pub keep: u32,
}

pub fn backup_status(
    last: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    auto_folder: Option<String>,
    keep: u32,
) -> BackupStatus {
    let warning = match last {
        None => Some(
            "No backup has been made yet. Make one now, or choose a folder for automatic backups."
                .to_string(),
        ),
        Some(last) if now - last > Duration::days(WARN_AFTER_DAYS) => Some(format!(
            "The last backup is {} days old. Make one now, or check the automatic backup folder.",
            (now - last).num_days()
        )),
        Some(_) => None,
    };
    BackupStatus {
        last_backup_at: last.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        warning,
        auto_folder,
        keep,
    }
}

/// The number of automatic backups to keep, as typed by the librarian.
pub fn parse_keep(value: u32) -> AppResult<u32> {
    if (1..=1000).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::invalid(
            "keep",
            "Keep between 1 and 1000 automatic backups.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const HASH: &str = "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea";

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn manifest(schema: i64, parts: &[&str]) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT,
            app_version: "9.9.9".into(),
            schema_version: schema,
            created_at: "2026-11-30T10:00:00Z".into(),
            parts: parts
                .iter()
                .map(|p| ManifestPart {
                    path: p.to_string(),
                    sha256: HASH.into(),
                    size: 3,
                })
                .collect(),
        }
    }

    #[test]
    fn only_the_database_and_sharded_blobs_are_valid_parts() {
        assert!(is_valid_part_path("database.sqlite3"));
        assert!(is_valid_part_path(&format!("files/3f/{HASH}")));
        for bad in [
            format!("files/ab/{HASH}"),
            format!("files/3f/../{HASH}"),
            format!("../3f/{HASH}"),
            format!("files/{HASH}"),
            "files/3f/short".to_string(),
            format!("files/3f/{}", HASH.to_uppercase()),
            "/etc/passwd".to_string(),
            "database.sqlite3-wal".to_string(),
        ] {
            assert!(!is_valid_part_path(&bad), "{bad}");
        }
    }

    #[test]
    fn a_manifest_from_a_newer_schema_is_refused_naming_both_versions() {
        let err = manifest(7, &[DATABASE_PART]).check(4).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("schema 7") && text.contains("up to schema 4"),
            "{text}"
        );
        assert!(manifest(4, &[DATABASE_PART]).check(4).is_ok());
        assert!(manifest(3, &[DATABASE_PART]).check(4).is_ok());
    }

    #[test]
    fn a_manifest_needs_one_database_and_unique_safe_parts() {
        assert!(manifest(1, &[]).check(4).is_err());
        assert!(manifest(1, &[DATABASE_PART, DATABASE_PART])
            .check(4)
            .is_err());
        assert!(manifest(1, &[DATABASE_PART, "../x"]).check(4).is_err());
        let mut other_format = manifest(1, &[DATABASE_PART]);
        other_format.format = 2;
        assert!(other_format.check(4).is_err());
        let mut bad_hash = manifest(1, &[DATABASE_PART]);
        bad_hash.parts[0].sha256 = "xyz".into();
        assert!(bad_hash.check(4).is_err());
    }

    #[test]
    fn automatic_backup_names_round_trip_and_sort_by_time() {
        let name = auto_backup_name(at(30, 10));
        assert_eq!(name, "aspen-desk-backup-20261130-100000.zip");
        assert!(is_auto_backup_name(&name));
        assert!(!is_auto_backup_name("aspen-desk-backup-mine.zip"));
        assert!(!is_auto_backup_name(
            "aspen-desk-backup-20261130-100000.zip.bak"
        ));
        assert!(auto_backup_name(at(9, 23)) < auto_backup_name(at(10, 1)));
    }

    #[test]
    fn pruning_keeps_the_newest_and_never_touches_other_files() {
        let mut names: Vec<String> = (1..=5).map(|d| auto_backup_name(at(d, 8))).collect();
        names.push("thesis.zip".into());
        names.push("aspen-desk-backup-special.zip".into());
        names.reverse();
        let pruned = backups_to_prune(&names, 2);
        assert_eq!(
            pruned,
            vec![
                auto_backup_name(at(1, 8)),
                auto_backup_name(at(2, 8)),
                auto_backup_name(at(3, 8))
            ]
        );
        assert!(backups_to_prune(&names, 10).is_empty());
    }

    #[test]
    fn a_backup_is_due_once_a_day() {
        assert!(is_backup_due(None, at(30, 10)));
        assert!(!is_backup_due(Some(at(30, 9)), at(30, 10)));
        assert!(!is_backup_due(Some(at(29, 11)), at(30, 10)));
        assert!(is_backup_due(Some(at(29, 10)), at(30, 10)));
    }

    #[test]
    fn the_dashboard_warns_without_a_backup_in_30_days() {
        let now = Utc.with_ymd_and_hms(2026, 12, 30, 12, 0, 0).unwrap();
        assert!(backup_status(None, now, None, 10).warning.is_some());
        let recent = backup_status(Some(at(30, 12)), now, None, 10);
        assert_eq!(recent.warning, None);
        assert_eq!(
            recent.last_backup_at.as_deref(),
            Some("2026-11-30T12:00:00Z")
        );
        // Exactly 30 days is still fine; an hour more is not.
        let old = backup_status(Some(at(30, 11)), now, None, 10);
        assert!(old.warning.unwrap().contains("30 days old"));
    }

    #[test]
    fn keep_must_be_at_least_one() {
        assert!(parse_keep(0).is_err());
        assert_eq!(parse_keep(10).unwrap(), 10);
    }
}

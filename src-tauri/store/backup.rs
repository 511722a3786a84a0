//! Backup files and restore. A backup is one zip: a consistent copy of the
//! database (`VACUUM INTO`, safe while the app runs), every file-store blob,
//! and `manifest.json` with each part's SHA-256. Restore checks all of it in
//! a staging folder beside the data folder before anything is swapped in.

use super::output::{check_destination, sync_folder, temp_path, write_atomic};
use super::{applied_schema_version, known_schema_version, Store, DATABASE_FILE};
use crate::domain::backup::{
    Manifest, ManifestPart, DATABASE_PART, FILES_PREFIX, MANIFEST_FORMAT, MANIFEST_NAME,
};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Called with (bytes done, bytes in all) as a backup or restore goes on.
pub type Progress = Box<dyn FnMut(u64, u64) + Send>;

/// The app setting holding the time of the last backup (RFC 3339, UTC).
pub const LAST_BACKUP_KEY: &str = "backup.last_at";
/// The folder for automatic backups, when chosen.
pub const AUTO_FOLDER_KEY: &str = "backup.folder";
/// How many automatic backups to keep.
pub const KEEP_KEY: &str = "backup.keep";

/// The manifest is small; a bigger one is not ours.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

/// Records the time of the last backup (RFC 3339, UTC).
pub async fn record_backup_time(store: &Store, at: DateTime<Utc>) -> AppResult<()> {
    let mut conn = store.pool.acquire().await?;
    let text = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    super::set_setting(&mut conn, LAST_BACKUP_KEY, &text).await
}

/// Saves the automatic backup settings in one transaction; no folder turns
/// automatic backups off.
pub async fn save_auto_settings(store: &Store, folder: Option<&str>, keep: u32) -> AppResult<()> {
    let mut tx = store.write().await?;
    super::set_setting(&mut tx, KEEP_KEY, &keep.to_string()).await?;
    match folder {
        Some(folder) => super::set_setting(&mut tx, AUTO_FOLDER_KEY, folder).await?,
        None => super::delete_setting(&mut tx, AUTO_FOLDER_KEY).await?,
    }
    tx.commit().await?;
    Ok(())
}

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupReport {
    pub path: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub files: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
}

/// What a finished restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreReport {
    /// When the restored backup was made.
    pub backup_created_at: String,
    /// Where the data folder that was replaced now is; none when there was none.
    pub previous_data_dir: Option<String>,
    #[ts(type = "number")]
    pub files: u64,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::invalid("backup", message)
}

fn damaged(path: &Path, detail: impl std::fmt::Display) -> AppError {
    refused(format!(
        "{} is not a complete Aspen Desk backup (it may be damaged or truncated): {detail}. Nothing was changed.",
        path.display()
    ))
}

/// Removes a folder or file when dropped unless kept: temporary copies never
/// outlive a failed step.
struct Scratch {
    path: PathBuf,
    keep: bool,
}

impl Scratch {
    fn new(path: PathBuf) -> Scratch {
        Scratch { path, keep: false }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Copies `reader` to `writer` hashing the bytes; refuses more than `limit`.
fn copy_hashing(
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    limit: u64,
    mut on_bytes: impl FnMut(u64),
) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > limit {
            return Err(std::io::Error::other(
                "a part is larger than the manifest says",
            ));
        }
        hasher.update(&buffer[..n]);
        writer.write_all(&buffer[..n])?;
        on_bytes(n as u64);
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// The file-store blobs, as (path inside the backup, path on disk, size),
/// sorted. Names that are not blobs (`.incoming`, stray files) are skipped.
fn list_blobs(files_dir: &Path) -> AppResult<Vec<(String, PathBuf, u64)>> {
    let read_error = |e| AppError::io("cannot read the file store", e);
    let mut blobs = Vec::new();
    let Ok(shards) = fs::read_dir(files_dir) else {
        return Ok(blobs);
    };
    for shard in shards {
        let shard = shard.map_err(read_error)?;
        if !shard.file_type().map_err(read_error)?.is_dir() {
            continue;
        }
        for blob in fs::read_dir(shard.path()).map_err(read_error)? {
            let blob = blob.map_err(read_error)?;
            let meta = blob.metadata().map_err(read_error)?;
            let inside = format!(
                "{FILES_PREFIX}{}/{}",
                shard.file_name().to_string_lossy(),
                blob.file_name().to_string_lossy()
            );
            if meta.is_file() && crate::domain::backup::is_valid_part_path(&inside) {
                blobs.push((inside, blob.path(), meta.len()));
            }
        }
    }
    blobs.sort();
    Ok(blobs)
}

/// Writes a backup of the open store to `destination` (atomically). The
/// database copy is taken with `VACUUM INTO`, a consistent snapshot even
/// while the window keeps writing.
pub async fn create_backup(
    store: &Store,
    destination: &Path,
    now: DateTime<Utc>,
    progress: Progress,
) -> AppResult<BackupReport> {
    check_destination(destination, store.data_dir())?;
    let snapshot = Scratch::new(temp_path(destination));
    let snapshot_text = snapshot.path.to_string_lossy().into_owned();
    let mut conn = store.pool.acquire().await?;
    let schema = applied_schema_version(&mut conn).await?;
    sqlx::query("VACUUM INTO ?")
        .bind(&snapshot_text)
        .execute(&mut *conn)
        .await?;
    drop(conn);

    let destination = destination.to_path_buf();
    let files_dir = store.data_dir().join("files");
    let data_dir = store.data_dir().to_path_buf();
    let created_at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let report = tokio::task::spawn_blocking(move || {
        write_backup_file(
            &destination,
            &data_dir,
            &snapshot.path,
            &files_dir,
            schema,
            &created_at,
            progress,
        )
    })
    .await
    .map_err(|e| AppError::Io(format!("the backup stopped: {e}")))??;
    Ok(report)
}

fn write_backup_file(
    destination: &Path,
    data_dir: &Path,
    snapshot: &Path,
    files_dir: &Path,
    schema_version: i64,
    created_at: &str,
    mut progress: Progress,
) -> AppResult<BackupReport> {
    let snapshot_size = fs::metadata(snapshot)
        .map_err(|e| AppError::io("cannot read the database copy", e))?
        .len();
    let mut parts = vec![(
        DATABASE_PART.to_string(),
        snapshot.to_path_buf(),
        snapshot_size,
    )];
    parts.extend(list_blobs(files_dir)?);
    let total: u64 = parts.iter().map(|p| p.2).sum();
    let mut manifest = Manifest {
        format: MANIFEST_FORMAT,
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        created_at: created_at.into(),
        parts: Vec::with_capacity(parts.len()),
    };
    write_atomic(destination, data_dir, |file| {
        let mut zip = ZipWriter::new(BufWriter::with_capacity(1024 * 1024, file));
        let mut done = 0u64;
        progress(done, total);
        for (inside, on_disk, size) in &parts {
            let mut source = match File::open(on_disk) {
                Ok(source) => source,
                // Swept at start-up between listing and copying: no record names it.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && inside != DATABASE_PART => {
                    continue
                }
                Err(e) => return Err(e),
            };
            // The database compresses well; blobs (PDFs, images) mostly do not.
            let method = if inside == DATABASE_PART {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            };
            let options = SimpleFileOptions::default()
                .compression_method(method)
                .large_file(*size >= u32::MAX as u64);
            zip.start_file(inside.as_str(), options)
                .map_err(std::io::Error::other)?;
            let (sha256, copied) = copy_hashing(&mut source, &mut zip, u64::MAX, |n| {
                done += n;
                progress(done, total);
            })?;
            manifest.parts.push(ManifestPart {
                path: inside.clone(),
                sha256,
                size: copied,
            });
        }
        let manifest_json = serde_json::to_vec_pretty(&manifest)?;
        zip.start_file(MANIFEST_NAME, SimpleFileOptions::default())
            .map_err(std::io::Error::other)?;
        zip.write_all(&manifest_json)?;
        zip.finish().map_err(std::io::Error::other)?.flush()
    })?;
    Ok(BackupReport {
        path: destination.display().to_string(),
        created_at: created_at.into(),
        bytes: manifest.total_bytes(),
        files: manifest.parts.len() as u64 - 1,
        schema_version,
    })
}

/// A backup checked and unpacked beside the data folder, ready to swap in.
/// Dropping it without `swap_in` removes the staging folder.
pub struct StagedRestore {
    staging: Scratch,
    data_dir: PathBuf,
    manifest: Manifest,
    /// `YYYYMMDD-HHMMSS`, in the staging folder's name and in the name the
    /// replaced data folder gets: what ties the two after a crash.
    stamp: String,
}

/// Where a restore unpacks (`<data>.restoring-<time>-<pid>`) and where it
/// moves the replaced data folder (`<data>.before-restore-<time>`).
const STAGING_INFIX: &str = ".restoring-";
const ASIDE_INFIX: &str = ".before-restore-";
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S";
const STAMP_LEN: usize = "YYYYMMDD-HHMMSS".len();

fn sibling(data_dir: &Path, suffix: &str) -> AppResult<PathBuf> {
    let name = data_dir
        .file_name()
        .ok_or_else(|| AppError::Io(format!("{} is not a folder name", data_dir.display())))?;
    let mut name = name.to_os_string();
    name.push(suffix);
    Ok(data_dir.with_file_name(name))
}

/// Checks the whole backup file and unpacks it into a staging folder beside
/// `data_dir`: the manifest, every part's size and SHA-256, nothing else in
/// the zip, `PRAGMA integrity_check`, and a schema no newer than this app's.
/// The data folder itself is not touched.
pub async fn stage_restore(
    data_dir: &Path,
    backup: &Path,
    now: DateTime<Utc>,
    progress: Progress,
) -> AppResult<StagedRestore> {
    let stamp = now.format(STAMP_FORMAT).to_string();
    let staging = Scratch::new(sibling(
        data_dir,
        &format!("{STAGING_INFIX}{stamp}-{}", std::process::id()),
    )?);
    let backup_path = backup.to_path_buf();
    let staging_path = staging.path.clone();
    let manifest =
        tokio::task::spawn_blocking(move || unpack(&backup_path, &staging_path, progress))
            .await
            .map_err(|e| AppError::Io(format!("the restore stopped: {e}")))??;
    check_database(&staging.path.join(DATABASE_FILE), &manifest, backup).await?;
    Ok(StagedRestore {
        staging,
        data_dir: data_dir.to_path_buf(),
        manifest,
        stamp,
    })
}

fn read_manifest(archive: &mut ZipArchive<File>, backup: &Path) -> AppResult<Manifest> {
    let entry = archive
        .by_name(MANIFEST_NAME)
        .map_err(|_| damaged(backup, "it has no manifest.json"))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_MANIFEST_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(backup, format!("manifest.json cannot be read ({e})")))?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| damaged(backup, format!("manifest.json is not valid ({e})")))?;
    manifest.check(known_schema_version())?;
    Ok(manifest)
}

fn unpack(backup: &Path, staging: &Path, mut progress: Progress) -> AppResult<Manifest> {
    let file = File::open(backup)
        .map_err(|e| refused(format!("Cannot open {}: {e}.", backup.display())))?;
    let mut archive = ZipArchive::new(file).map_err(|e| damaged(backup, e))?;
    let manifest = read_manifest(&mut archive, backup)?;
    for name in archive.file_names() {
        let name = name.map_err(|e| damaged(backup, e))?;
        if name != MANIFEST_NAME && !manifest.parts.iter().any(|p| p.path == name) {
            return Err(damaged(
                backup,
                format!("it holds \"{name}\", which the manifest does not list"),
            ));
        }
    }
    let io_error = |e| AppError::io("cannot unpack the backup beside the data folder", e);
    fs::create_dir_all(staging.join("files")).map_err(io_error)?;
    // Private like the data folder it becomes.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(staging, fs::Permissions::from_mode(0o700)).map_err(io_error)?;
    }
    let total = manifest.total_bytes();
    let mut done = 0u64;
    progress(done, total);
    for part in &manifest.parts {
        let target = if part.path == DATABASE_PART {
            staging.join(DATABASE_FILE)
        } else {
            staging.join(&part.path)
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io_error)?;
        }
        let mut entry = archive
            .by_name(&part.path)
            .map_err(|_| damaged(backup, format!("{} is missing", part.path)))?;
        let mut out = super::files::private_file(&target).map_err(io_error)?;
        let (sha256, size) = copy_hashing(&mut entry, &mut out, part.size, |n| {
            done += n;
            progress(done, total);
        })
        .map_err(|e| damaged(backup, format!("{} cannot be read ({e})", part.path)))?;
        if sha256 != part.sha256 || size != part.size {
            return Err(damaged(
                backup,
                format!("{} does not match its SHA-256 in the manifest", part.path),
            ));
        }
        out.sync_all().map_err(io_error)?;
    }
    Ok(manifest)
}

async fn check_database(database: &Path, manifest: &Manifest, backup: &Path) -> AppResult<()> {
    let mut conn = SqliteConnectOptions::new()
        .filename(database)
        .connect()
        .await
        .map_err(|e| damaged(backup, format!("the database cannot be opened ({e})")))?;
    let verdict: AppResult<()> = async {
        let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await
            .map_err(|e| damaged(backup, format!("the database cannot be checked ({e})")))?;
        if problems != ["ok"] {
            return Err(damaged(
                backup,
                format!("the database fails its integrity check ({})", problems.join("; ")),
            ));
        }
        let version = applied_schema_version(&mut conn)
            .await
            .map_err(|_| damaged(backup, "the database has no schema version"))?;
        if version != manifest.schema_version {
            return Err(damaged(
                backup,
                format!(
                    "the database has schema {version} but the manifest says {}",
                    manifest.schema_version
                ),
            ));
        }
        // The restored folder is backed up as of this file, whatever it said then.
        sqlx::query(&format!("INSERT INTO app_settings (key, value) VALUES ('{LAST_BACKUP_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)"))
            .bind(&manifest.created_at)
            .execute(&mut conn)
            .await?;
        Ok(())
    }
    .await;
    let _ = conn.close().await;
    verdict
}

impl StagedRestore {
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Moves the current data folder aside (`<data>.before-restore-<time>`,
    /// the staging folder's time) and the staged one into its place. The store on `data_dir` must be
    /// closed first; open it again afterwards (it applies newer migrations).
    pub fn swap_in(mut self) -> AppResult<RestoreReport> {
        let data_dir = self.data_dir.clone();
        let previous = if data_dir.exists() {
            let stamp = &self.stamp;
            let mut aside = sibling(&data_dir, &format!("{ASIDE_INFIX}{stamp}"))?;
            let mut n = 1;
            while aside.exists() {
                n += 1;
                aside = sibling(&data_dir, &format!("{ASIDE_INFIX}{stamp}-{n}"))?;
            }
            fs::rename(&data_dir, &aside)
                .map_err(|e| AppError::io("cannot move the data folder aside", e))?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = fs::rename(&self.staging.path, &data_dir) {
            if let Some(aside) = &previous {
                let _ = fs::rename(aside, &data_dir);
            }
            return Err(AppError::io(
                "cannot move the restored data folder into place",
                e,
            ));
        }
        self.staging.keep = true;
        if let Some(parent) = data_dir.parent() {
            sync_folder(parent);
        }
        Ok(RestoreReport {
            backup_created_at: self.manifest.created_at.clone(),
            previous_data_dir: previous.map(|p| p.display().to_string()),
            files: self.manifest.parts.len() as u64 - 1,
        })
    }
}

/// The folders beside `data_dir` named `<data><infix><rest>`, with `rest`.
fn restore_folders(data_dir: &Path, infix: &str) -> Vec<(PathBuf, String)> {
    let Some(name) = data_dir.file_name() else {
        return Vec::new();
    };
    let prefix = format!("{}{infix}", name.to_string_lossy());
    let parent = match data_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.to_string();
            Some((e.path(), rest))
        })
        .collect()
}

/// `<time>-<pid>` of a staging folder: (time, pid).
fn staging_parts(rest: &str) -> Option<(&str, u32)> {
    let (stamp, pid) = rest.split_at_checked(STAMP_LEN)?;
    Some((stamp, pid.strip_prefix('-')?.parse().ok()?))
}

/// `<time>` or `<time>-<n>` of a folder moved aside: (time, n).
fn aside_parts(rest: &str) -> Option<(&str, u32)> {
    let (stamp, n) = rest.split_at_checked(STAMP_LEN)?;
    match n {
        "" => Some((stamp, 1)),
        n => Some((stamp, n.strip_prefix('-')?.parse().ok()?)),
    }
}

/// A restore moves the data folder aside and then the staged one into its
/// place; both names carry the restore's time. Stopped between the two
/// moves (a power cut), it leaves no data folder, the folder moved aside
/// and the staging folder of the same time: the app would open empty over
/// a librarian's records. That folder goes back (the restore can be run
/// again); its old path is returned. Without a staging folder of its time,
/// a folder moved aside by an earlier restore is never put back.
pub fn undo_interrupted_restore(data_dir: &Path) -> AppResult<Option<PathBuf>> {
    if data_dir.exists() {
        return Ok(None);
    }
    let staged: Vec<(PathBuf, String)> = restore_folders(data_dir, STAGING_INFIX);
    let stopped_at: Vec<&str> = staged
        .iter()
        .filter_map(|(_, rest)| staging_parts(rest).map(|(stamp, _)| stamp))
        .collect();
    let asides = restore_folders(data_dir, ASIDE_INFIX);
    // The last folder moved aside at a time a restore stopped.
    let Some((aside, _)) = asides
        .iter()
        .filter_map(|(path, rest)| Some((path, aside_parts(rest)?)))
        .filter(|(_, (stamp, _))| stopped_at.contains(stamp))
        .max_by_key(|(_, key)| *key)
    else {
        return Ok(None);
    };
    fs::rename(aside, data_dir).map_err(|e| {
        AppError::io(
            "cannot put the data folder back after a restore that stopped half-way",
            e,
        )
    })?;
    if let Some(parent) = data_dir.parent() {
        sync_folder(parent);
    }
    Ok(Some(aside.clone()))
}

/// Whether a process with this id is running (Linux: `/proc`); elsewhere
/// unknown, taken as not running.
fn process_running(pid: u32) -> bool {
    cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

/// Removes the staging folders of restores that stopped while unpacking
/// (the data folder was not touched then): only once they are older than
/// `grace` and the process named in them is gone, since a restore from the
/// command line may be unpacking one right now. Returns how many went.
pub fn sweep_restore_staging(data_dir: &Path, grace: std::time::Duration) -> usize {
    let old_enough = |folder: &Path| {
        fs::metadata(folder)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age > grace)
    };
    restore_folders(data_dir, STAGING_INFIX)
        .into_iter()
        .filter(|(_, rest)| staging_parts(rest).is_some_and(|(_, pid)| !process_running(pid)))
        .filter(|(folder, _)| old_enough(folder))
        .filter(|(folder, _)| fs::remove_dir_all(folder).is_ok())
        .count()
}

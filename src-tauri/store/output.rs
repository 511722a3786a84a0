//! Files written where the librarian asked (save a copy, PDF, exports):
//! never in place. The bytes go to a temporary file in the destination's own
//! folder, are flushed to disk, and only then renamed over the name asked
//! for, so a full disk or a crash leaves the old file whole, never a
//! truncated one. Nothing is written inside the data folder.

use crate::error::{AppError, AppResult};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Refuses a destination inside the data folder: the app's own files are
/// changed only through the store.
pub fn check_destination(destination: &Path, data_dir: &Path) -> AppResult<()> {
    let parent = parent_of(destination);
    let folder = fs::canonicalize(parent).map_err(|_| {
        AppError::invalid(
            "destination",
            format!("The folder {} does not exist.", parent.display()),
        )
    })?;
    let data = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    if folder.starts_with(&data) {
        return Err(AppError::invalid(
            "destination",
            "That is inside Aspen Desk's own data folder: choose another folder.",
        ));
    }
    if destination.file_name().is_none() {
        return Err(AppError::invalid("destination", "Choose a file name."));
    }
    Ok(())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `destination` through `write`, atomically (see the module note).
pub fn write_atomic(
    destination: &Path,
    data_dir: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> AppResult<()> {
    check_destination(destination, data_dir)?;
    let temp = temp_path(destination);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, destination)?;
        sync_folder(parent_of(destination));
        Ok(())
    })();
    result.map_err(|e: io::Error| {
        let _ = fs::remove_file(&temp);
        AppError::io(&format!("cannot write {}", destination.display()), e)
    })
}

/// `write_atomic` of bytes already in memory.
pub fn write_bytes_atomic(destination: &Path, data_dir: &Path, bytes: &[u8]) -> AppResult<()> {
    write_atomic(destination, data_dir, |f| f.write_all(bytes))
}

/// `write_atomic` of a copy of `source`.
pub fn copy_atomic(source: &Path, destination: &Path, data_dir: &Path) -> AppResult<()> {
    write_atomic(destination, data_dir, |f| {
        let mut input = File::open(source)?;
        io::copy(&mut input, f).map(|_| ())
    })
}

/// A hidden temporary name beside `destination`, unique to this process.
pub fn temp_path(destination: &Path) -> PathBuf {
    let name = destination
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_of(destination).join(format!(
        ".{name}.{}-{}.partial",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Makes the rename itself durable. Best effort: not every file system
/// lets a folder be opened for syncing.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A data folder, an output folder, and `name` in it holding `old`.
    fn existing_file(name: &str, old: &[u8]) -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
        let data = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join(name);
        fs::write(&target, old).unwrap();
        (data, out, target)
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_whole_and_no_temporary() {
        let (data, out, target) = existing_file("transcript.pdf", b"the old transcript");
        let err = write_atomic(&target, data.path(), |f| {
            f.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"the old transcript");
        let names: Vec<_> = fs::read_dir(out.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a temporary file was left behind");
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let (data, _out, target) = existing_file("a.txt", b"old");
        write_bytes_atomic(&target, data.path(), b"new contents").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new contents");
    }

    #[test]
    fn the_data_folder_is_refused() {
        let data = tempfile::tempdir().unwrap();
        fs::create_dir_all(data.path().join("files")).unwrap();
        for inside in [
            data.path().join("aspen-desk.sqlite3"),
            data.path().join("files/ab"),
        ] {
            let err = write_bytes_atomic(&inside, data.path(), b"x").unwrap_err();
            assert!(
                matches!(&err, AppError::Invalid(f) if f[0].field == "destination"),
                "{err}"
            );
        }
        assert!(!data.path().join("aspen-desk.sqlite3").exists());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let data = tempfile::tempdir().unwrap();
        let err =
            write_bytes_atomic(Path::new("/no/such/folder/x.pdf"), data.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("/no/such/folder"), "{err}");
    }
}

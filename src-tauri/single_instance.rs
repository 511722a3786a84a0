//! One window per data folder. The first copy of the app listens on a Unix
//! socket named after its data folder; a second copy started on the same
//! folder finds it, asks it to come to the front, and exits instead of
//! opening a second window over the same records. The command line does not
//! take part: it works beside the window (SQLite's WAL and immediate write
//! transactions keep the two safe).

use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// What launching on a data folder found.
pub enum Claim {
    /// This copy owns the folder; `wait_for_focus` calls back for each later
    /// launch. Dropping it removes the socket.
    First(Owner),
    /// Another copy owns the folder and was asked to come to the front.
    AlreadyRunning,
    /// No socket could be made (e.g. not Unix): go on without the check.
    Unsupported,
}

pub struct Owner {
    #[cfg(unix)]
    listener: std::os::unix::net::UnixListener,
    path: PathBuf,
}

/// Where the socket of a data folder lives: in the user's runtime folder
/// (private to them), named by a hash of the folder's full path, since Unix
/// socket paths are short.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    let full = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let hash = hex::encode(Sha256::digest(full.to_string_lossy().as_bytes()));
    let folder = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    folder.join(format!("aspen-desk-{}.sock", &hash[..24]))
}

#[cfg(unix)]
pub fn claim(data_dir: &Path) -> Claim {
    use std::os::unix::net::{UnixListener, UnixStream};
    let path = socket_path(data_dir);
    for _ in 0..2 {
        if let Ok(mut peer) = UnixStream::connect(&path) {
            let _ = peer.write_all(b"focus\n");
            return Claim::AlreadyRunning;
        }
        match UnixListener::bind(&path) {
            Ok(listener) => return Claim::First(Owner { listener, path }),
            // A socket left by a copy that crashed: nobody answers on it.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => return Claim::Unsupported,
        }
    }
    Claim::Unsupported
}

#[cfg(not(unix))]
pub fn claim(_data_dir: &Path) -> Claim {
    Claim::Unsupported
}

/// True when a window is open on `data_dir` (its socket answers). Asks
/// nothing of it: a connection that sends no line is ignored.
#[cfg(unix)]
pub fn is_open(data_dir: &Path) -> bool {
    std::os::unix::net::UnixStream::connect(socket_path(data_dir)).is_ok()
}

#[cfg(not(unix))]
pub fn is_open(_data_dir: &Path) -> bool {
    false
}

impl Owner {
    /// Calls `focus` on a background thread each time another copy starts.
    /// The socket stays until the process ends (the app removes it on exit;
    /// one left by a crash is taken over by the next launch).
    #[cfg(unix)]
    pub fn wait_for_focus(self, focus: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            for peer in self.listener.incoming().flatten() {
                let mut line = String::new();
                if BufReader::new(peer).read_line(&mut line).is_ok() && line.trim() == "focus" {
                    focus();
                }
            }
        });
    }

    #[cfg(not(unix))]
    pub fn wait_for_focus(self, _focus: impl Fn() + Send + 'static) {}
}

impl Drop for Owner {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_launch_on_the_same_folder_brings_the_first_forward() {
        let data = tempfile::tempdir().unwrap();
        let Claim::First(owner) = claim(data.path()) else {
            panic!("the first launch must own the folder");
        };
        let (tx, rx) = mpsc::channel();
        owner.wait_for_focus(move || {
            let _ = tx.send(());
        });
        assert!(matches!(claim(data.path()), Claim::AlreadyRunning));
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the first copy was asked to come forward");

        // Another folder is another app.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()), Claim::First(_)));
    }

    #[test]
    fn a_socket_left_by_a_crash_is_taken_over() {
        let data = tempfile::tempdir().unwrap();
        let path = socket_path(data.path());
        // A listener that is gone leaves its socket file behind.
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        assert!(matches!(claim(data.path()), Claim::First(_)));
    }
}

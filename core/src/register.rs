//! The register: one SQLCipher-encrypted SQLite file per desk.
//!
//! The file holds special-category personal data (national numbers, health notes), so it is
//! unreadable without its key: plain `sqlite3` sees "file is not a database". Opening never
//! creates or changes anything until the key is proven right, and a register written by a newer
//! Solidesk is refused rather than half-understood.
//!
//! Schema changes are the numbered folders in `migrations/`, embedded at build time; all pending
//! steps run in one transaction, so an interrupted upgrade leaves the old register intact.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::Migrations;

use crate::error::{Error, Result};

static MIGRATIONS_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../migrations");

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    // The folder is part of the program; a malformed one fails the `migrations_are_valid` test
    // long before a user could meet it.
    Migrations::from_directory(&MIGRATIONS_DIR).unwrap_or_else(|_| Migrations::new(Vec::new()))
});

/// Page cache per connection, in KiB as `PRAGMA cache_size` takes it (negative = KiB).
pub(crate) const CACHE_SIZE_KIB: i64 = -65_536;

/// The schema version this program writes (the number of migration steps it knows).
pub fn schema_version() -> usize {
    MIGRATIONS_DIR.dirs().count()
}

/// Where a desk keeps its register unless told otherwise: the platform's data folder
/// (`~/.local/share/solidesk/register.db` on Linux). The command line and the desktop app agree.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("solidesk").join("register.db"))
}

/// The secret that opens a register.
///
/// Kept out of `Debug` output so it never lands in a log.
#[derive(Clone)]
pub struct Key(String);

impl Key {
    /// A key from a passphrase; surrounding line breaks (from a key file) are not part of it.
    pub fn new(secret: impl Into<String>) -> Result<Self> {
        let secret = secret.into();
        let secret = secret.trim_end_matches(['\r', '\n']).to_owned();
        if secret.is_empty() {
            return Err(Error::MissingKey(
                "The key is empty; a register needs a non-empty key.".into(),
            ));
        }
        Ok(Key(secret))
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// An open, unlocked, up-to-date register.
pub struct Register {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Register {
    /// Creates a new register at `path`, encrypted with `key`. Refuses to touch an existing file.
    #[tracing::instrument(skip_all, err)]
    pub fn create(path: &Path, key: &Key) -> Result<Self> {
        if path.exists() {
            return Err(Error::AlreadyExists(path.to_owned()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| Error::File {
                action: "create the folder",
                path: dir.to_owned(),
                source,
            })?;
        }
        let result = (|| {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            apply_key(&conn, key)?;
            let mut register = Register {
                conn,
                path: Some(path.to_owned()),
            };
            register.prepare()?;
            Ok(register)
        })();
        if result.is_err() {
            // Nothing of a failed creation may stay behind to be mistaken for a register.
            remove_with_sidecars(path);
        }
        result
    }

    /// Opens the register at `path` with `key`, bringing its schema up to date.
    ///
    /// Never creates a file; a wrong key changes nothing.
    #[tracing::instrument(skip_all, err)]
    pub fn open(path: &Path, key: &Key) -> Result<Self> {
        if !path.is_file() {
            return Err(Error::NoRegister(path.to_owned()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, key)?;
        prove_key(&conn, path)?;
        refuse_newer(&conn)?;
        let mut register = Register {
            conn,
            path: Some(path.to_owned()),
        };
        register.prepare()?;
        Ok(register)
    }

    /// A register that lives in memory only (tests, previews). Not encrypted: it never touches disk.
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut register = Register { conn, path: None };
        register.prepare()?;
        Ok(register)
    }

    /// Where the register lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Pragmas, migrations and reference data: everything between "key accepted" and "ready".
    fn prepare(&mut self) -> Result<()> {
        // Per connection, outside migrations (journal_mode cannot change inside a transaction).
        // synchronous=FULL: a request taken on the phone must survive a power cut right after
        // "saved"; the cost is one fsync per commit, invisible at a desk.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "busy_timeout", 5000)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A bulk load (demo, import) grows the write-ahead log to the size of what it wrote; let
        // checkpoints shrink it back instead of keeping hundreds of MB beside the register.
        self.conn
            .pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        // SQLCipher decrypts (AES + HMAC) every page it reads into the cache, so a cache that
        // holds the search indexes of a city-sized register is what keeps a search under a
        // millisecond once warm. 64 MiB, allocated only as pages are read.
        self.conn
            .pragma_update(None, "cache_size", CACHE_SIZE_KIB)?;
        self.conn
            .set_transaction_behavior(TransactionBehavior::Immediate);
        MIGRATIONS.to_latest(&mut self.conn)?;
        // Not `with_tx`: opening writes no change of the office's, so it opens no sync group
        // (and leaves the file as it was when the reference data is current).
        let tx = self.conn.transaction()?;
        {
            crate::postal::refresh(&tx)?;
            let now = crate::now();
            tx.execute(
                "INSERT INTO office_settings (id, updated_at) VALUES (1, ?1)
                 ON CONFLICT (id) DO NOTHING",
                [&now],
            )?;
            tx.execute(
                "INSERT INTO register_meta (key, value) VALUES ('created_by', ?1)
                 ON CONFLICT (key) DO NOTHING",
                [concat!("solidesk ", env!("CARGO_PKG_VERSION"))],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// One living row found by its UUID or by this desk's number, as people type either.
    /// `select` ends with a `WHERE … AND`; `column` is the table's column prefix (`q.` or empty).
    pub(crate) fn find_by_id_or_number<T>(
        &self,
        what: &'static str,
        select: &str,
        column: &str,
        id_or_number: &str,
        map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        use rusqlite::OptionalExtension;
        let key = id_or_number.trim();
        let row = match key.parse::<i64>() {
            Ok(n) => self
                .conn
                .query_row(&format!("{select} {column}local_id = ?1"), [n], map)
                .optional()?,
            Err(_) => self
                .conn
                .query_row(&format!("{select} {column}id = ?1"), [key], map)
                .optional()?,
        };
        row.ok_or_else(|| Error::NotFound {
            what,
            id: key.to_owned(),
        })
    }

    /// Runs `f` in one immediate transaction: everything it writes lands, or nothing does.
    pub(crate) fn with_tx<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        crate::sync::begin_local_tx(&tx)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Copies the whole register, encrypted with the same key, to a new file `dest`
    /// (SQLite's online backup, so the register stays usable meanwhile).
    ///
    /// The copy is written beside `dest` and renamed into place only when complete and checked,
    /// so an interrupted backup never leaves a half file under the chosen name.
    #[tracing::instrument(skip_all, err)]
    pub fn backup_to(&self, dest: &Path, key: &Key) -> Result<()> {
        if dest.exists() {
            return Err(Error::AlreadyExists(dest.to_owned()));
        }
        let partial = partial_path(dest);
        remove_with_sidecars(&partial);
        let result = (|| {
            let mut out = Connection::open_with_flags(
                &partial,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            )?;
            apply_key(&out, key)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
                backup.step(-1)?;
            }
            // A backup is one file to carry around: fold the write-ahead log into it.
            out.pragma_update(None, "journal_mode", "DELETE")?;
            check_integrity(&out)?;
            out.close().map_err(|(_, e)| e)?;
            fs::rename(&partial, dest).map_err(|source| Error::File {
                action: "write",
                path: dest.to_owned(),
                source,
            })
        })();
        if result.is_err() {
            remove_with_sidecars(&partial);
        }
        result
    }

    /// Replaces the register's whole content by the backup at `src` (which must open with the
    /// same key), then brings it up to date. All or nothing: a failure leaves the register as it was.
    #[tracing::instrument(skip_all, err)]
    pub fn restore_from(&mut self, src: &Path, key: &Key) -> Result<()> {
        if !src.is_file() {
            return Err(Error::File {
                action: "read",
                path: src.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        // Read-only: a backup is evidence and is never migrated or otherwise touched.
        let source = Connection::open_with_flags(
            src,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&source, key)?;
        prove_key(&source, src)?;
        refuse_newer(&source)?;
        check_integrity(&source)?;
        {
            // One step copies every page inside one write transaction on the register.
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            backup.step(-1)?;
        }
        self.prepare()
    }
}

fn apply_key(conn: &Connection, key: &Key) -> Result<()> {
    // SQLCipher prints decryption failures to stderr by default; a wrong key is reported once,
    // as Error::WrongKey, in words the user can act on.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", &key.0)?;
    Ok(())
}

/// Reads the schema: with a wrong key (or a file that is no register) SQLCipher cannot decrypt
/// page 1 and reports "file is not a database".
fn prove_key(conn: &Connection, path: &Path) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Error::WrongKey(path.to_owned()))
        }
        Err(e) => Err(e.into()),
    }
}

fn refuse_newer(conn: &Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > schema_version() {
        return Err(Error::NewerRegister {
            found,
            supported: schema_version(),
        });
    }
    Ok(())
}

fn check_integrity(conn: &Connection) -> Result<()> {
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(Error::Database(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(format!("integrity check failed: {verdict}")),
        )))
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    dest.with_file_name(name)
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("every migration applies cleanly to an empty database");
        assert!(schema_version() >= 1);
    }

    #[test]
    fn in_memory_register_is_ready() {
        let reg = Register::open_in_memory().expect("opens");
        let codes: i64 = reg
            .conn
            .query_row("SELECT count(*) FROM postal_code", [], |r| r.get(0))
            .expect("postal table");
        assert_eq!(codes, 1153, "the postal reference is loaded");
    }
}

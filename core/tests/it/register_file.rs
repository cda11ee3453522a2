//! The register as a file on disk: encrypted, never damaged by a wrong key, refused when newer,
//! backed up and restored whole.

use std::fs;
use std::path::Path;

use rusqlite::Connection;
use solidesk_core::residents::NewResident;
use solidesk_core::{Error, Key, Register};

fn key(s: &str) -> Key {
    Key::new(s).expect("non-empty key")
}

fn resident(last: &str) -> NewResident {
    NewResident {
        first_name: "Maria".into(),
        last_name: last.into(),
        national_number: Some("85.07.30-033.28".into()),
        phones: vec!["0470 12 34 56".into()],
        postal_code: Some("9000".into()),
        notes: "Sleutel bij de buren".into(),
        ..Default::default()
    }
}

/// Every byte of the register and its sidecar files, to prove that nothing changed.
fn snapshot(path: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = path.parent().expect("in a folder");
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), fs::read(&p).expect("readable")))
        .collect()
}

fn make_register(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("register.db");
    let mut reg = Register::create(&path, &key("correct horse")).expect("create");
    reg.add_resident(&resident("Peeters")).expect("add");
    drop(reg);
    path
}

#[test]
fn the_file_is_unreadable_without_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    let bytes = fs::read(&path).expect("file");
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "a plain SQLite header would mean no encryption"
    );
    for needle in [&b"Peeters"[..], b"85073003328", b"+32470123456", b"Sleutel"] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} found in clear in the register file",
            String::from_utf8_lossy(needle)
        );
    }
    // Opened without a key, SQLCipher behaves as plain SQLite and sees no database.
    let plain = Connection::open(&path).expect("open as plain file");
    let err = plain
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect_err("no key, no data");
    assert!(err.to_string().contains("file is not a database"), "{err}");
}

#[test]
fn a_wrong_key_is_named_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    let before = snapshot(&path);
    let err = Register::open(&path, &key("wrong")).expect_err("wrong key");
    assert!(matches!(err, Error::WrongKey(_)), "{err:?}");
    assert_eq!(err.code(), solidesk_core::ErrorCode::WrongKey);
    assert_eq!(
        snapshot(&path),
        before,
        "a wrong key must not touch any file"
    );
    let reg = Register::open(&path, &key("correct horse")).expect("the right key still opens it");
    assert_eq!(reg.count_residents().expect("count"), 1);
}

#[test]
fn open_never_creates_and_create_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        Register::open(&missing, &key("k")),
        Err(Error::NoRegister(_))
    ));
    assert!(!missing.exists(), "open must not create a file");

    let path = make_register(dir.path());
    let before = snapshot(&path);
    assert!(matches!(
        Register::create(&path, &key("k")),
        Err(Error::AlreadyExists(_))
    ));
    assert_eq!(snapshot(&path), before);

    let not_a_register = dir.path().join("notes.txt");
    fs::write(&not_a_register, "shopping list").expect("write");
    assert!(matches!(
        Register::open(&not_a_register, &key("k")),
        Err(Error::WrongKey(_))
    ));
    assert_eq!(fs::read(&not_a_register).expect("read"), b"shopping list");
}

#[test]
fn a_register_from_a_newer_solidesk_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    {
        let conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "key", "correct horse")
            .expect("key");
        conn.pragma_update(None, "user_version", 99)
            .expect("pretend a future schema");
    }
    let before = snapshot(&path);
    let err = Register::open(&path, &key("correct horse")).expect_err("newer schema");
    assert!(
        matches!(err, Error::NewerRegister { found: 99, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("newer version of Solidesk"),
        "{err}"
    );
    assert_eq!(snapshot(&path), before);
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    let reg = Register::open(&path, &key("correct horse")).expect("reopen");
    let hits = reg.search_residents("peet", 5).expect("search");
    assert_eq!(hits.len(), 1);
    let r = reg.resident(&hits[0].id).expect("show");
    assert_eq!(r.national_number.as_deref(), Some("85073003328"));
    assert_eq!(r.phones, vec!["+32470123456".to_owned()]);
}

#[test]
fn backup_is_encrypted_and_restores_the_whole_register() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    let k = key("correct horse");
    let backup = dir.path().join("backup.db");
    {
        let reg = Register::open(&path, &k).expect("open");
        reg.backup_to(&backup, &k).expect("backup");
        assert!(
            matches!(reg.backup_to(&backup, &k), Err(Error::AlreadyExists(_))),
            "never overwrites"
        );
    }
    let bytes = fs::read(&backup).expect("backup file");
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes.windows(7).any(|w| w == b"Peeters"));
    assert!(matches!(
        Register::open(&backup, &key("wrong")),
        Err(Error::WrongKey(_))
    ));

    let mut reg = Register::open(&path, &k).expect("open");
    reg.add_resident(&NewResident {
        last_name: "Later".into(),
        ..Default::default()
    })
    .expect("add");
    assert_eq!(reg.count_residents().expect("count"), 2);
    reg.restore_from(&backup, &k).expect("restore");
    assert_eq!(
        reg.count_residents().expect("count"),
        1,
        "the resident added after the backup is gone"
    );
    assert!(
        reg.search_residents("later", 5).expect("search").is_empty(),
        "search keys restored too"
    );
    drop(reg);
    let reg = Register::open(&path, &k).expect("reopen after restore");
    assert_eq!(reg.count_residents().expect("count"), 1);
}

#[test]
fn a_bad_backup_leaves_the_register_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = make_register(dir.path());
    let k = key("correct horse");

    // A backup made with another key.
    let other = dir.path().join("other").join("other.db");
    Register::create(&other, &key("another key")).expect("create other");
    // A file of garbage.
    let garbage = dir.path().join("garbage.db");
    fs::write(&garbage, vec![0x5a; 8192]).expect("write");

    let mut reg = Register::open(&path, &k).expect("open");
    assert!(matches!(
        reg.restore_from(&other, &k),
        Err(Error::WrongKey(_))
    ));
    assert!(matches!(
        reg.restore_from(&garbage, &k),
        Err(Error::WrongKey(_))
    ));
    assert!(reg.restore_from(&dir.path().join("absent.db"), &k).is_err());
    assert_eq!(reg.count_residents().expect("count"), 1);
    assert_eq!(reg.search_residents("peeters", 5).expect("search").len(), 1);
}

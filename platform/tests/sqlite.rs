//! The store-generic suite on [`SqliteStore`], each test with its own database file.

mod suite;

use solidesk_platform::SqliteStore;

fn make(dir: &std::path::Path) -> SqliteStore {
    SqliteStore::open(&dir.join("platform.sqlite")).expect("open the store")
}

store_suite!(make);

#[test]
fn a_reopened_database_keeps_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("platform.sqlite");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        use solidesk_platform::Store;
        let store = SqliteStore::open(&path).expect("open");
        store
            .add_office("OCMW Gent", &["9000".to_owned()])
            .await
            .expect("office");
        drop(store);
        let store = SqliteStore::open(&path).expect("reopen");
        let offices = store.offices().await.expect("offices");
        assert_eq!(offices.len(), 1);
        assert_eq!(offices[0].postal_codes, ["9000"]);
    });
}

/// A platform database made by the build before several desks per office (schema version 1)
/// is brought to version 2 on open: its offices stay, and their first desk to enrol sets the
/// office key.
#[test]
fn a_version_1_database_is_upgraded_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("platform.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("db");
        conn.execute_batch(include_str!("../src/sqlite/schema.sql"))
            .expect("version 1");
        conn.execute_batch(
            "INSERT INTO office (id, name, enrolment_secret_hash, created_at)
             VALUES (7, 'OCMW Gent', 'x', '2026-11-01T00:00:00Z');
             INSERT INTO office_postal_code (office_id, code) VALUES (7, '9000');
             PRAGMA user_version = 1;",
        )
        .expect("an office");
    }
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        use solidesk_platform::Store;
        let store = SqliteStore::open(&path).expect("open and upgrade");
        let offices = store.offices().await.expect("offices");
        assert_eq!(offices.len(), 1);
        assert_eq!(offices[0].name, "OCMW Gent");
        assert_eq!(offices[0].key_id, None, "no desk has set a key yet");
        let office = store
            .add_office("OCMW Aalst", &["9300".to_owned()])
            .await
            .expect("a new office after the upgrade");
        let key = "0123456789abcdef0123456789abcdef";
        let enrolment = store
            .enrol(&office.enrolment_secret, "desk", Some(key))
            .await
            .expect("enrol");
        assert_eq!(enrolment.office.key_id.as_deref(), Some(key));
    });
    drop(runtime);
    let version: i64 = rusqlite::Connection::open(&path)
        .expect("db")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 2);
    // Opening again changes nothing.
    SqliteStore::open(&path).expect("reopen");
}

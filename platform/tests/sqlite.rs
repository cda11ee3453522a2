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

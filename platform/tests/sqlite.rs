//! The store-generic suite on [`SqliteStore`], each test with its own database file.

mod suite;

use solidesk_platform::SqliteStore;

fn make(dir: &std::path::Path) -> SqliteStore {
    SqliteStore::open(&dir.join("platform.sqlite")).expect("open the store")
}

macro_rules! sqlite_suite {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                suite::$name(make);
            }
        )*
    };
}

sqlite_suite!(
    enrol_with_good_and_bad_secret,
    credentials_are_checked,
    protocol_version_is_required,
    bad_bodies_get_an_error_body,
    a_damaged_payload_refuses_the_whole_batch,
    a_replay_is_a_duplicate_and_a_reused_key_is_refused,
    sequence_gaps_and_epoch_conflicts_are_409,
    a_restored_desk_resending_under_a_new_epoch_gets_duplicates,
    a_local_transaction_is_all_or_nothing,
    the_last_place_goes_to_one_office,
    claims_move_through_their_states,
    an_office_reads_its_own_buckets_only,
    paging_returns_every_change_once_in_order,
    a_desk_is_not_sent_its_own_changes_back,
    a_volunteer_moving_leaves_their_old_bucket,
    a_national_number_is_refused,
    the_admin_page_needs_the_token,
    a_sync_file_is_answered_for_its_desk_only,
);

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

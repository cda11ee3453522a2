//! The store-generic suite: every function takes a way to build a fresh [`Store`] and drives a
//! real server on loopback through it. `tests/sqlite.rs` runs it on [`SqliteStore`],
//! `tests/postgres.rs` on [`PostgresStore`], with the same list of tests.
//!
//! [`SqliteStore`]: solidesk_platform::SqliteStore
//! [`PostgresStore`]: solidesk_platform::PostgresStore

pub mod harness;

/// One `#[test]` per suite function, run with `$make`: the list lives here once, so a test
/// added to the suite runs on every store.
#[macro_export]
macro_rules! store_suite {
    ($make:expr) => {
        $crate::store_suite!(@tests $make;
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
            sealed_records_reach_the_office_desks_only,
            a_request_keeps_the_desks_latest_revision,
        );
    };
    (@tests $make:expr; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                suite::$name($make);
            }
        )*
    };
}

use reqwest::Method;
use solidesk_platform::Store;
use solidesk_protocol::{
    ChangeOp, ClaimStatus, Cursors, ErrorKind, HEADER_PROTOCOL, HEADER_SERVER_TIME, Hello,
    MAX_BODY_BYTES, MAX_SEALED_BYTES, MutationBody, OutcomeKind, Record, RejectReason,
    ResultStatus, SealedImage,
};
use uuid::Uuid;

use harness::*;

const NONE: Option<&()> = None;

fn statuses(
    response: &solidesk_protocol::PushResponse,
) -> Vec<(ResultStatus, Option<RejectReason>)> {
    response
        .results
        .iter()
        .map(|r| (r.status, r.reason))
        .collect()
}

/// The latest image of a claim in the desk's feed.
fn claim_image<S: Store>(p: &Platform<S>, desk: &Desk, id: Uuid) -> solidesk_protocol::ClaimImage {
    p.pull_all(desk, 1000)
        .into_iter()
        .filter_map(|c| match c.op {
            ChangeOp::Put {
                record: Record::Claim(image),
            } if image.id == id => Some(image),
            _ => None,
        })
        .next_back()
        .expect("the claim is in the feed")
}

pub fn enrol_with_good_and_bad_secret<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000", "9030"]);
    let desk = p.enrol(&office, "desk 1");
    let second = p.enrol(&office, "desk 2");
    assert_ne!(desk.device_id, second.device_id);
    assert_ne!(desk.token, second.token);
    assert_eq!(desk.office_id, office.office_id);

    let response = p.send(Method::GET, "/v1/hello", Some(&desk.token), NONE);
    assert!(response.headers().contains_key(HEADER_SERVER_TIME));
    let hello: Hello = ok(response);
    assert_eq!(hello.device_id, desk.device_id);
    assert_eq!(hello.office.name, "OCMW Gent");
    assert_eq!(hello.office.postal_codes, ["9000", "9030"]);
    let own = format!("office:{}", office.office_id);
    assert_eq!(hello.buckets, [own.as_str(), "pc:9000", "pc:9030"]);

    let bad = p.post(
        "/v1/enrol",
        None,
        &solidesk_protocol::EnrolRequest {
            enrolment_secret: "00".repeat(32),
            device_name: "thief".into(),
            office_key_id: None,
        },
    );
    assert_eq!(error_kind(bad, 401), ErrorKind::BadEnrolment);
}

pub fn credentials_are_checked<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let none = p.send(Method::GET, "/v1/hello", None, NONE);
    assert_eq!(error_kind(none, 401), ErrorKind::Unauthorized);
    let wrong = p.send(Method::GET, "/v1/hello", Some(&"ab".repeat(32)), NONE);
    assert_eq!(error_kind(wrong, 401), ErrorKind::Unauthorized);

    p.block_on(p.store.revoke_device(desk.device_id))
        .expect("revoke");
    let hello = p.send(Method::GET, "/v1/hello", Some(&desk.token), NONE);
    assert_eq!(error_kind(hello, 403), ErrorKind::Revoked);
    let m = desk.mutation(1, MutationBody::Request(request_image("9000")));
    assert_eq!(
        error_kind(p.push_raw(&desk, vec![m]), 403),
        ErrorKind::Revoked
    );
}

pub fn protocol_version_is_required<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let desk = p.enrol(&office, "desk 1");
    let url = format!("{}/v1/hello", p.url);
    let missing = p
        .http
        .get(&url)
        .bearer_auth(&desk.token)
        .send()
        .expect("sent");
    assert!(missing.headers().contains_key(HEADER_SERVER_TIME));
    assert_eq!(error_kind(missing, 426), ErrorKind::UnsupportedProtocol);
    for version in ["2", "0", "one"] {
        let response = p
            .http
            .get(&url)
            .bearer_auth(&desk.token)
            .header(HEADER_PROTOCOL, version)
            .send()
            .expect("sent");
        assert_eq!(
            error_kind(response, 426),
            ErrorKind::UnsupportedProtocol,
            "{version}"
        );
    }
}

pub fn bad_bodies_get_an_error_body<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let desk = p.enrol(&office, "desk 1");
    let url = format!("{}/v1/push", p.url);
    let send = |body: Vec<u8>| {
        p.http
            .post(&url)
            .bearer_auth(&desk.token)
            .header(HEADER_PROTOCOL, "1")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .expect("sent")
    };
    let huge = vec![b' '; MAX_BODY_BYTES + 1024];
    assert_eq!(error_kind(send(huge), 413), ErrorKind::TooLarge);
    assert_eq!(
        error_kind(send(b"{not json".to_vec()), 400),
        ErrorKind::BadRequest
    );
    let smuggled = br#"{"epoch":"0190a0b0-0000-7000-8000-000000000000","batch_id":"0190a0b0-0000-7000-8000-000000000000","mutations":[],"national_number":"85073003328"}"#;
    assert_eq!(
        error_kind(send(smuggled.to_vec()), 400),
        ErrorKind::BadRequest
    );
    let unknown = p.send(Method::GET, "/v1/nothing", Some(&desk.token), NONE);
    assert_eq!(error_kind(unknown, 404), ErrorKind::BadRequest);
}

pub fn a_damaged_payload_refuses_the_whole_batch<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let good = desk.mutation(1, MutationBody::Request(request_image("9000")));
    let mut damaged = desk.mutation(2, MutationBody::Request(request_image("9000")));
    damaged.payload_hash = "0".repeat(64);
    let response = p.push_raw(&desk, vec![good.clone(), damaged]);
    assert_eq!(error_kind(response, 400), ErrorKind::BadRequest);
    assert!(p.pull_all(&desk, 100).is_empty(), "nothing was applied");
    // seq 1 was not used up: the good mutation alone applies now.
    let answer = p.push_mutations(&desk, vec![good]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
}

pub fn a_replay_is_a_duplicate_and_a_reused_key_is_refused<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let request = request_image("9000");
    let first = desk.mutation(1, MutationBody::Request(request.clone()));
    let bad = desk.mutation(2, MutationBody::Request(request_image("90000")));
    let answer = p.push_mutations(&desk, vec![first.clone(), bad.clone()]);
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Applied, None),
            (ResultStatus::Rejected, Some(RejectReason::Invalid))
        ]
    );
    let own = format!("office:{}", office.office_id);
    assert_eq!(answer.checkpoint.get(&own), Some(&1));

    let replay = p.push_mutations(&desk, vec![first.clone(), bad]);
    assert_eq!(
        statuses(&replay),
        [
            (ResultStatus::Duplicate, None),
            (ResultStatus::Duplicate, Some(RejectReason::Invalid))
        ]
    );
    assert_eq!(p.pull_all(&desk, 100).len(), 1, "applied once");

    // The same id for another change, at the next seq: refused, and the seq is used up.
    let mut reused = desk.mutation(3, MutationBody::Request(request_image("9000")));
    reused.mutation_id = first.mutation_id;
    let next = desk.mutation(4, MutationBody::Request(request_image("9000")));
    let answer = p.push_mutations(&desk, vec![reused, next]);
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Rejected, Some(RejectReason::KeyReused)),
            (ResultStatus::Applied, None)
        ]
    );
    assert_eq!(p.pull_all(&desk, 100).len(), 2);
}

pub fn sequence_gaps_and_epoch_conflicts_are_409<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let gap = mutation(3, 1, MutationBody::Request(request_image("9000")));
    let body = error(p.push_raw(&desk, vec![gap]), 409);
    assert_eq!(body.error, ErrorKind::SeqGap);
    assert_eq!(body.expected_seq, Some(1));

    p.push(
        &mut desk,
        vec![MutationBody::Request(request_image("9000"))],
    );
    // The file was restored: another mutation comes with seq 1 again.
    let again = mutation(1, 9, MutationBody::Request(request_image("9000")));
    let body = error(p.push_raw(&desk, vec![again.clone()]), 409);
    assert_eq!(body.error, ErrorKind::EpochConflict);
    // With a new epoch it goes through.
    desk.epoch = Uuid::now_v7();
    let answer = p.push_mutations(&desk, vec![again]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
}

pub fn a_restored_desk_resending_under_a_new_epoch_gets_duplicates<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let a = mutation(1, 1, MutationBody::Request(request_image("9000")));
    let b = mutation(2, 2, MutationBody::Request(request_image("9000")));
    p.push_mutations(&desk, vec![a.clone(), b.clone()]);
    desk.epoch = Uuid::now_v7();
    let renumber =
        |m: &solidesk_protocol::Mutation, seq| solidesk_protocol::Mutation { seq, ..m.clone() };
    let c = mutation(3, 3, MutationBody::Request(request_image("9000")));
    let answer = p.push_mutations(&desk, vec![renumber(&a, 1), renumber(&b, 2), c]);
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Duplicate, None),
            (ResultStatus::Duplicate, None),
            (ResultStatus::Applied, None)
        ]
    );
}

pub fn a_local_transaction_is_all_or_nothing<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let desk = p.enrol(&office, "desk 1");
    // One local transaction whose second mutation breaks the sequence: none of it applies.
    let first = mutation(1, 7, MutationBody::Request(request_image("9000")));
    let broken = mutation(3, 7, MutationBody::Request(request_image("9000")));
    let body = error(p.push_raw(&desk, vec![first.clone(), broken]), 409);
    assert_eq!(body.expected_seq, Some(2));
    assert!(p.pull_all(&desk, 100).is_empty());
    let answer = p.push_mutations(&desk, vec![first.clone()]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);

    // An earlier group stays committed when a later one is refused; a retry sees duplicates.
    let second = mutation(2, 8, MutationBody::Request(request_image("9000")));
    let gap = mutation(9, 9, MutationBody::Request(request_image("9000")));
    let body = error(p.push_raw(&desk, vec![second.clone(), gap]), 409);
    assert_eq!(body.expected_seq, Some(3));
    let answer = p.push_mutations(&desk, vec![first, second]);
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Duplicate, None),
            (ResultStatus::Duplicate, None)
        ]
    );
}

pub fn the_last_place_goes_to_one_office<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let other = p.office("CPAS Gand-Est", &["9000"]);
    let mut a = p.enrol(&gent, "a");
    let mut b = p.enrol(&other, "b");
    let single = p.volunteer("9000", 1);
    let double = p.volunteer("9000", 2);
    let (ra, rb) = (request_image("9000"), request_image("9000"));
    p.push(&mut a, vec![MutationBody::Request(ra.clone())]);
    p.push(&mut b, vec![MutationBody::Request(rb.clone())]);

    let won = p.push(
        &mut a,
        vec![claim(&single, &ra, day(2)), claim(&double, &ra, day(2))],
    );
    assert_eq!(
        statuses(&won),
        [(ResultStatus::Applied, None), (ResultStatus::Applied, None)]
    );
    let lost_claim = claim(&single, &rb, day(2));
    let lost_id = claim_id(&lost_claim);
    let answer = p.push(
        &mut b,
        vec![
            lost_claim,
            claim(&double, &rb, day(2)),
            claim(&single, &rb, day(3)),
        ],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Rejected, Some(RejectReason::ClaimLost)),
            (ResultStatus::Applied, None),
            (ResultStatus::Applied, None)
        ]
    );
    assert_eq!(answer.results[0].holder.as_deref(), Some("OCMW Gent"));
    // The office's other desks learn the outcome from its bucket.
    let image = claim_image(&p, &b, lost_id);
    assert_eq!(image.status, ClaimStatus::Lost);
    assert_eq!(image.holder.as_deref(), Some("OCMW Gent"));
    // Both places of the capacity-2 volunteer are taken now.
    let rc = request_image("9000");
    let answer = p.push(
        &mut a,
        vec![
            MutationBody::Request(rc.clone()),
            claim(&double, &rc, day(2)),
        ],
    );
    assert_eq!(answer.results[1].reason, Some(RejectReason::ClaimLost));
    assert_eq!(answer.results[1].holder.as_deref(), Some("OCMW Gent"));
}

pub fn claims_move_through_their_states<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let other = p.office("CPAS Gand-Est", &["9000"]);
    let mut a = p.enrol(&gent, "a");
    let mut b = p.enrol(&other, "b");
    let v = p.volunteer("9000", 1);
    let ra = request_image("9000");
    let rb = request_image("9000");
    p.push(&mut a, vec![MutationBody::Request(ra.clone())]);
    p.push(&mut b, vec![MutationBody::Request(rb.clone())]);

    let c = claim(&v, &ra, day(5));
    let id = claim_id(&c);
    let confirm = || MutationBody::ClaimConfirm { claim_id: id };
    let release = || MutationBody::ClaimRelease { claim_id: id };
    let answer = p.push(&mut a, vec![c, confirm(), confirm()]);
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == ResultStatus::Applied)
    );
    assert_eq!(claim_image(&p, &a, id).status, ClaimStatus::Confirmed);

    // Another office cannot touch it, nor claim for a request it does not own.
    let answer = p.push(
        &mut b,
        vec![
            confirm(),
            claim(&v, &ra, day(6)),
            MutationBody::Request(ra.clone()),
            MutationBody::ClaimConfirm {
                claim_id: Uuid::now_v7(),
            },
            claim(&volunteer_image("9000", 1), &rb, day(6)),
            claim(&v, &request_image("9000"), day(6)),
        ],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Rejected, Some(RejectReason::NotYourRecord)),
            (ResultStatus::Rejected, Some(RejectReason::NotYourRecord)),
            (ResultStatus::Rejected, Some(RejectReason::NotYourRecord)),
            (ResultStatus::Rejected, Some(RejectReason::UnknownRecord)),
            (ResultStatus::Rejected, Some(RejectReason::UnknownVolunteer)),
            (ResultStatus::Rejected, Some(RejectReason::UnknownRecord)),
        ]
    );

    let answer = p.push(&mut a, vec![release(), release(), confirm()]);
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Applied, None),
            (ResultStatus::Applied, None),
            (
                ResultStatus::Rejected,
                Some(RejectReason::InvalidTransition)
            )
        ]
    );
    assert_eq!(claim_image(&p, &a, id).status, ClaimStatus::Released);
    // A day reported on a released claim is refused: its place may be someone else's by now.
    let answer = p.push(
        &mut a,
        vec![MutationBody::Outcome {
            outcome_id: Uuid::now_v7(),
            claim_id: id,
            kind: OutcomeKind::Done,
            occurred_on: day(4),
        }],
    );
    assert_eq!(
        statuses(&answer),
        [(
            ResultStatus::Rejected,
            Some(RejectReason::InvalidTransition)
        )]
    );
    assert_eq!(claim_image(&p, &a, id).status, ClaimStatus::Released);

    // The place is free again: the other office takes it, and records the day.
    let cb = claim(&v, &rb, day(5));
    let idb = claim_id(&cb);
    let outcome = MutationBody::Outcome {
        outcome_id: Uuid::now_v7(),
        claim_id: idb,
        kind: OutcomeKind::Done,
        occurred_on: day(5),
    };
    let answer = p.push(
        &mut b,
        vec![cb, outcome, MutationBody::ClaimRelease { claim_id: idb }],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Applied, None),
            (ResultStatus::Applied, None),
            (
                ResultStatus::Rejected,
                Some(RejectReason::InvalidTransition)
            )
        ]
    );
    let image = claim_image(&p, &b, idb);
    assert_eq!(image.status, ClaimStatus::Done);
    // Another desk of the office reports the same day: the same report changes nothing, a
    // different one is refused (the first report stands).
    let report = |kind| MutationBody::Outcome {
        outcome_id: Uuid::now_v7(),
        claim_id: idb,
        kind,
        occurred_on: day(5),
    };
    let answer = p.push(
        &mut b,
        vec![report(OutcomeKind::Done), report(OutcomeKind::NotDone)],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Applied, None),
            (
                ResultStatus::Rejected,
                Some(RejectReason::InvalidTransition)
            )
        ]
    );
    assert_eq!(claim_image(&p, &b, idb).status, ClaimStatus::Done);

    // A cancelled day frees the place.
    let rc = request_image("9000");
    let cc = claim(&v, &rc, day(9));
    let idc = claim_id(&cc);
    let answer = p.push(
        &mut a,
        vec![
            MutationBody::Request(rc.clone()),
            cc,
            MutationBody::Outcome {
                outcome_id: Uuid::now_v7(),
                claim_id: idc,
                kind: OutcomeKind::Cancelled,
                occurred_on: day(9),
            },
        ],
    );
    assert!(
        answer
            .results
            .iter()
            .all(|r| r.status == ResultStatus::Applied)
    );
    assert_eq!(claim_image(&p, &a, idc).status, ClaimStatus::Released);
    let versions: Vec<u64> = p
        .pull_all(&a, 1000)
        .into_iter()
        .filter(|c| c.entity_id == idc)
        .map(|c| c.version)
        .collect();
    assert_eq!(versions, [1, 2]);
}

pub fn an_office_reads_its_own_buckets_only<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let brussel = p.office("OCMW Brussel", &["1000"]);
    let mut a = p.enrol(&gent, "a");
    let mut b = p.enrol(&brussel, "b");
    let here = p.volunteer("9000", 1);
    let there = p.volunteer("1000", 1);
    p.push(&mut a, vec![MutationBody::Request(request_image("9000"))]);
    p.push(&mut b, vec![MutationBody::Request(request_image("1000"))]);

    let changes = p.pull_all(&a, 100);
    let ids: Vec<Uuid> = changes.iter().map(|c| c.entity_id).collect();
    assert!(ids.contains(&here.id));
    assert!(!ids.contains(&there.id));
    let own = format!("office:{}", gent.office_id);
    assert!(
        changes
            .iter()
            .all(|c| c.bucket == "pc:9000" || c.bucket == own)
    );
    assert_eq!(changes.len(), 2);

    let mut cursors = Cursors::new();
    cursors.insert("pc:1000".into(), 0);
    cursors.insert(format!("office:{}", brussel.office_id), 0);
    cursors.insert("global".into(), 3);
    let page = p.pull(&a, &cursors, 0);
    let mut removed = page.removed_buckets.clone();
    removed.sort();
    let mut expected = vec![
        "global".to_owned(),
        format!("office:{}", brussel.office_id),
        "pc:1000".to_owned(),
    ];
    expected.sort();
    assert_eq!(removed, expected);
    assert_eq!(page.changes.len(), 2, "missing allowed buckets start at 0");
    assert_eq!(
        page.cursors.keys().collect::<Vec<_>>(),
        [&own, &"pc:9000".to_owned()]
    );
}

pub fn a_desk_is_not_sent_its_own_changes_back<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let mut a = p.enrol(&gent, "a");
    let b = p.enrol(&gent, "b");
    let request = request_image("9000");
    p.push(&mut a, vec![MutationBody::Request(request.clone())]);
    let own = format!("office:{}", gent.office_id);
    let with_epoch = |desk: &Desk| {
        ok::<solidesk_protocol::PullResponse>(p.post(
            "/v1/pull",
            Some(&desk.token),
            &solidesk_protocol::PullRequest {
                cursors: Cursors::new(),
                limit: 0,
                epoch: Some(desk.epoch),
            },
        ))
    };
    let page = with_epoch(&a);
    assert!(page.changes.is_empty(), "{:?}", page.changes);
    assert_eq!(
        page.cursors.get(&own),
        Some(&1),
        "the cursor moves past the echo"
    );
    let page = with_epoch(&b);
    assert_eq!(page.changes.len(), 1, "another desk of the office gets it");
    assert_eq!(page.changes[0].entity_id, request.id);
    // A restored desk (new epoch) gets its own change back.
    let restored = Desk {
        epoch: Uuid::now_v7(),
        ..a
    };
    assert_eq!(with_epoch(&restored).changes.len(), 1);
}

pub fn paging_returns_every_change_once_in_order<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000", "9030"]);
    let mut a = p.enrol(&gent, "a");
    for code in ["9000", "9030", "9000", "9030", "9000"] {
        p.volunteer(code, 1);
    }
    p.push(
        &mut a,
        (0..4)
            .map(|_| MutationBody::Request(request_image("9000")))
            .collect(),
    );
    let mut cursors = Cursors::new();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = p.pull(&a, &cursors, 3);
        pages += 1;
        assert!(page.changes.len() <= 3);
        for change in &page.changes {
            assert_eq!(
                page.cursors.get(&change.bucket).map(|s| *s >= change.seq),
                Some(true)
            );
        }
        seen.extend(page.changes.iter().map(|c| (c.bucket.clone(), c.seq)));
        cursors = page.cursors;
        if !page.has_more {
            break;
        }
        assert_eq!(page.changes.len(), 3, "a page with more after it is full");
    }
    assert_eq!(seen.len(), 9);
    assert_eq!(pages, 3);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen, "in (bucket, seq) order, each once");
    // Nothing new: the cursors come back unchanged.
    let page = p.pull(&a, &cursors, 3);
    assert!(page.changes.is_empty() && !page.has_more);
    assert_eq!(page.cursors, cursors);
}

pub fn a_volunteer_moving_leaves_their_old_bucket<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let other = p.office("OCMW Gentbrugge", &["9050"]);
    let a = p.enrol(&gent, "a");
    let b = p.enrol(&other, "b");
    let mut v = p.volunteer("9000", 1);
    v.postal_code = "9050".into();
    let version = p.block_on(p.store.upsert_volunteer(&v)).expect("moved");
    assert_eq!(version, 2);
    let in_a = p.pull_all(&a, 100);
    let last = in_a.last().expect("changes");
    assert_eq!((last.bucket.as_str(), last.version), ("pc:9000", 2));
    assert!(matches!(&last.op, ChangeOp::Remove { entity } if entity == "volunteer"));
    let in_b = p.pull_all(&b, 100);
    assert_eq!(in_b.len(), 1);
    assert!(
        matches!(&in_b[0].op, ChangeOp::Put { record: Record::Volunteer(image) } if image.postal_code == "9050")
    );

    p.block_on(p.store.remove_volunteer(v.id)).expect("left");
    let in_b = p.pull_all(&b, 100);
    assert_eq!(in_b.len(), 2);
    assert!(matches!(in_b[1].op, ChangeOp::Remove { .. }));
    assert_eq!(in_b[1].version, 3);

    // Bad images are refused, over HTTP too.
    let mut bad = volunteer_image("900", 1);
    bad.languages = vec!["xx".into()];
    assert!(p.block_on(p.store.upsert_volunteer(&bad)).is_err());
    let response = p.post("/v1/admin/volunteers", Some(ADMIN_TOKEN), &bad);
    assert_eq!(error_kind(response, 400), ErrorKind::BadRequest);
}

pub fn a_national_number_is_refused<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let mut a = p.enrol(&gent, "a");
    let mut plain = request_image("9000");
    plain.kind = "85073003328".into();
    let mut dotted = request_image("9000");
    dotted.status = "see 85.07.30-033.28".into();
    let answer = p.push(
        &mut a,
        vec![
            MutationBody::Request(plain),
            MutationBody::Request(dotted),
            MutationBody::Request(request_image("9000")),
        ],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Rejected, Some(RejectReason::PersonalData)),
            (ResultStatus::Rejected, Some(RejectReason::PersonalData)),
            (ResultStatus::Applied, None)
        ]
    );
    assert_eq!(
        p.pull_all(&a, 100).len(),
        1,
        "nothing of the refused ones stored"
    );
}

pub fn the_admin_page_needs_the_token<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let office = p.office("Zorg & Welzijn <Gent>", &["9000"]);
    let mut desk = p.enrol(&office, "desk \"1\"");
    p.push(
        &mut desk,
        vec![MutationBody::Request(request_image("9000"))],
    );
    let get = |query: &str, token: Option<&str>| {
        let mut request = p.http.get(format!("{}/admin{query}", p.url));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().expect("sent")
    };
    assert_eq!(error_kind(get("", None), 401), ErrorKind::Unauthorized);
    assert_eq!(
        error_kind(get("?token=wrong", None), 401),
        ErrorKind::Unauthorized
    );
    for response in [
        get(&format!("?token={ADMIN_TOKEN}"), None),
        get("", Some(ADMIN_TOKEN)),
    ] {
        assert_eq!(response.status().as_u16(), 200);
        let html = response.text().expect("html");
        assert!(html.contains("Zorg &amp; Welzijn &lt;Gent&gt;"), "{html}");
        assert!(!html.contains("<Gent>"));
        assert!(html.contains("desk &quot;1&quot;"));
        assert!(!html.contains("<script"));
    }
    let volunteer = volunteer_image("9000", 1);
    let refused = p.post("/v1/admin/volunteers", Some(&desk.token), &volunteer);
    assert_eq!(error_kind(refused, 401), ErrorKind::Unauthorized);
    let saved: serde_json::Value =
        ok(p.post("/v1/admin/volunteers", Some(ADMIN_TOKEN), &volunteer));
    assert_eq!(saved["version"], 1);
    assert!(
        p.pull_all(&desk, 100)
            .iter()
            .any(|c| c.entity_id == volunteer.id)
    );

    let closed = Platform::start_with(make, None);
    let response = closed
        .http
        .get(format!("{}/admin?token={ADMIN_TOKEN}", closed.url))
        .send()
        .expect("sent");
    assert_eq!(error(response, 404).error, ErrorKind::BadRequest);
}

/// A sync file (an office without a connection) is answered for the desk that sealed it, with
/// the same answers as online: applied once, a duplicate the second time; a changed file, an
/// unknown or revoked desk are refused with nothing applied.
pub fn a_sync_file_is_answered_for_its_desk_only<S: Store>(make: Make<S>) {
    use solidesk_platform::StoreError;
    use solidesk_protocol::exchange::{
        BatchAnswer, ExchangeRequest, REQUEST_FORMAT, SealedFile, token_digest,
    };
    let p = Platform::start(make);
    let office = p.office("OCMW Gent", &["9000"]);
    let mut desk = p.enrol(&office, "desk 1");
    let m = desk.mutation(1, MutationBody::Request(request_image("9000")));
    let mut request = ExchangeRequest {
        format: REQUEST_FORMAT.into(),
        protocol: solidesk_protocol::PROTOCOL_VERSION,
        device_id: desk.device_id,
        created_at: chrono::Utc::now(),
        pushes: vec![solidesk_protocol::PushRequest {
            epoch: desk.epoch,
            batch_id: Uuid::now_v7(),
            mutations: vec![m],
        }],
        pull: solidesk_protocol::PullRequest {
            cursors: Cursors::new(),
            limit: 1000,
            epoch: Some(desk.epoch),
        },
        mac: String::new(),
    };
    let digest = token_digest(&desk.token);
    request.seal(&digest);
    let bytes = serde_json::to_vec(&request).expect("json");
    let answer_status = |bytes: &[u8]| {
        let (answer, summary) = p
            .block_on(solidesk_platform::exchange::answer(&*p.store, bytes))
            .expect("answered");
        assert!(answer.verify(&digest), "sealed for the desk");
        assert_eq!(summary.office, "OCMW Gent");
        match &answer.pushes[..] {
            [BatchAnswer::Answered(response)] => response.results[0].status,
            other => panic!("one answered batch expected: {other:?}"),
        }
    };
    assert_eq!(answer_status(&bytes), ResultStatus::Applied);
    assert_eq!(answer_status(&bytes), ResultStatus::Duplicate);

    let mut forged = request.clone();
    forged.pushes[0].mutations[0].seq = 2;
    let forged = serde_json::to_vec(&forged).expect("json");
    let refused = p.block_on(solidesk_platform::exchange::answer(&*p.store, &forged));
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );

    let mut stranger = request.clone();
    stranger.device_id = Uuid::now_v7();
    stranger.seal(&digest);
    let stranger = serde_json::to_vec(&stranger).expect("json");
    let refused = p.block_on(solidesk_platform::exchange::answer(&*p.store, &stranger));
    assert!(
        matches!(refused, Err(StoreError::Unauthorized)),
        "{refused:?}"
    );

    p.block_on(p.store.revoke_device(desk.device_id))
        .expect("revoke");
    let refused = p.block_on(solidesk_platform::exchange::answer(&*p.store, &bytes));
    assert!(matches!(refused, Err(StoreError::Revoked)), "{refused:?}");
}

/// Two desks of one office send images of one request in the wrong order (the later version
/// first): the platform keeps the later, as the desks do; an image without a revision (a desk
/// without the office key) replaces what is held.
pub fn a_request_keeps_the_desks_latest_revision<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let mut a = p.enrol(&gent, "a");
    let mut b = p.enrol(&gent, "b");
    let c = p.enrol(&gent, "c");
    let first = request_image("9000");
    let with = |status: &str, revision: Option<&str>| {
        MutationBody::Request(solidesk_protocol::RequestImage {
            status: status.into(),
            revision: revision.map(str::to_owned),
            ..first.clone()
        })
    };
    let later = "00001796554080069007:desk-a";
    let earlier = "00001796554055840039:desk-b";
    let held = |p: &Platform<S>| -> String {
        p.pull_all(&c, 1000)
            .into_iter()
            .rev()
            .filter(|change| change.entity_id == first.id)
            .find_map(|change| match change.op {
                ChangeOp::Put {
                    record: Record::Request(image),
                } => Some(image.status),
                _ => None,
            })
            .expect("the request is in the office's feed")
    };
    let answer = p.push(&mut a, vec![with("assigned", Some(later))]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    // The earlier version arrives last: accepted, and changes nothing.
    let answer = p.push(&mut b, vec![with("open", Some(earlier))]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    assert_eq!(held(&p), "assigned");
    let answer = p.push(
        &mut b,
        vec![with("done", Some("00001796554080069008:desk-b"))],
    );
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    assert_eq!(held(&p), "done");
    let answer = p.push(&mut a, vec![with("cancelled", None)]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    assert_eq!(held(&p), "cancelled");
}

pub fn sealed_records_reach_the_office_desks_only<S: Store>(make: Make<S>) {
    let p = Platform::start(make);
    let gent = p.office("OCMW Gent", &["9000"]);
    let namur = p.office("CPAS Namur", &["5000"]);
    let mut a = p.enrol(&gent, "a");
    let mut b = p.enrol(&gent, "b");
    let mut c = p.enrol(&namur, "c");
    // The first desk's key is the office's; the second desk is told which one is in use.
    let key = a
        .office_key
        .clone()
        .expect("the first desk set the office key");
    assert_eq!(key, a.sent_key);
    assert_eq!(b.office_key.as_deref(), Some(key.as_str()));
    assert_ne!(b.sent_key, key);
    let hello: Hello = ok(p.send(Method::GET, "/v1/hello", Some(&b.token), NONE));
    assert_eq!(hello.office.key_id.as_deref(), Some(key.as_str()));

    let sealed = SealedImage {
        id: Uuid::now_v7(),
        key_id: key.clone(),
        blob: "q83v-_0123456789".repeat(8),
    };
    let answer = p.push(&mut a, vec![MutationBody::Sealed(sealed.clone())]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    let sealed_in = |desk: &Desk| -> Vec<(u64, SealedImage)> {
        p.pull_all(desk, 1000)
            .into_iter()
            .filter_map(|c| match c.op {
                ChangeOp::Put {
                    record: Record::Sealed(s),
                } => Some((c.version, s)),
                _ => None,
            })
            .collect()
    };
    // The office's other desk gets it byte for byte; another office never does.
    assert_eq!(sealed_in(&b), [(1, sealed.clone())]);
    assert!(sealed_in(&c).is_empty());

    // Under another key, malformed, too large: refused, each for its reason.
    let fresh = |key_id: &str, blob: String| {
        MutationBody::Sealed(SealedImage {
            id: Uuid::now_v7(),
            key_id: key_id.to_owned(),
            blob,
        })
    };
    let b_own_key = b.sent_key.clone();
    let answer = p.push(
        &mut b,
        vec![
            fresh(&b_own_key, "AAAA".into()),
            fresh(&key, "not base64!".into()),
            fresh(&key, "A".repeat(MAX_SEALED_BYTES + 1)),
            fresh("0123", "AAAA".into()),
        ],
    );
    assert_eq!(
        statuses(&answer),
        [
            (ResultStatus::Rejected, Some(RejectReason::OtherKey)),
            (ResultStatus::Rejected, Some(RejectReason::Invalid)),
            (ResultStatus::Rejected, Some(RejectReason::Invalid)),
            (ResultStatus::Rejected, Some(RejectReason::Invalid)),
        ]
    );
    // Another office cannot overwrite the record, even under its own key.
    let theirs = SealedImage {
        key_id: c.office_key.clone().expect("Namur has a key"),
        ..sealed.clone()
    };
    let answer = p.push(&mut c, vec![MutationBody::Sealed(theirs)]);
    assert_eq!(
        statuses(&answer),
        [(ResultStatus::Rejected, Some(RejectReason::NotYourRecord))]
    );
    // Another desk of the office may: one record, a new version.
    let newer = SealedImage {
        blob: "BBBB".into(),
        ..sealed.clone()
    };
    let answer = p.push(&mut b, vec![MutationBody::Sealed(newer.clone())]);
    assert_eq!(statuses(&answer), [(ResultStatus::Applied, None)]);
    assert_eq!(sealed_in(&a), [(1, sealed), (2, newer)]);
}

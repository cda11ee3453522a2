//! A platform on loopback and a desk talking to it, for the store-generic suite.
#![allow(
    dead_code,
    reason = "shared by several test crates, each using a part of it"
)]

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use reqwest::blocking::{Client, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use solidesk_platform::{NewOffice, ServerConfig, Store};
use solidesk_protocol::{
    Cursors, EnrolRequest, Enrolment, ErrorBody, ErrorKind, HEADER_PROTOCOL, Mutation,
    MutationBody, PROTOCOL_VERSION, PullRequest, PullResponse, PushRequest, PushResponse,
    RequestImage, VolunteerImage,
};
use tempfile::TempDir;
use uuid::Uuid;

/// The admin token every test platform runs with.
pub const ADMIN_TOKEN: &str = "admin-token-for-tests";

/// Builds a fresh store in a scratch directory.
pub type Make<S> = fn(&Path) -> S;

/// A running platform: the server on 127.0.0.1:<free port>, and its store for direct setup.
pub struct Platform<S: Store> {
    pub url: String,
    pub store: Arc<S>,
    pub http: Client,
    runtime: tokio::runtime::Runtime,
    _dir: TempDir,
}

impl<S: Store> Platform<S> {
    pub fn start(make: Make<S>) -> Platform<S> {
        Platform::start_with(make, Some(ADMIN_TOKEN))
    }

    pub fn start_with(make: Make<S>, admin_token: Option<&str>) -> Platform<S> {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Arc::new(make(dir.path()));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let config = ServerConfig {
            admin_token: admin_token.map(str::to_owned),
        };
        runtime.spawn(solidesk_platform::serve(
            listener,
            Arc::clone(&store),
            config,
            std::future::pending(),
        ));
        Platform {
            url,
            store,
            http: Client::builder()
                .timeout(std::time::Duration::from_secs(60))
                .build()
                .expect("client"),
            runtime,
            _dir: dir,
        }
    }

    /// Runs a store operation to completion.
    pub fn block_on<T>(&self, future: impl Future<Output = T>) -> T {
        self.runtime.block_on(future)
    }

    pub fn office(&self, name: &str, codes: &[&str]) -> NewOffice {
        let codes: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
        self.block_on(self.store.add_office(name, &codes))
            .expect("office")
    }

    pub fn volunteer(&self, postal_code: &str, capacity: u32) -> VolunteerImage {
        let image = volunteer_image(postal_code, capacity);
        self.block_on(self.store.upsert_volunteer(&image))
            .expect("volunteer");
        image
    }

    /// A request with the protocol header (and a bearer token when given).
    pub fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .header(HEADER_PROTOCOL, PROTOCOL_VERSION.to_string());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().expect("request sent")
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &impl Serialize) -> Response {
        self.send(reqwest::Method::POST, path, token, Some(body))
    }

    pub fn enrol(&self, office: &NewOffice, name: &str) -> Desk {
        // Each desk offers a key of its own, as a real desk does; the first one stays.
        let sent_key = format!("{:032x}", Uuid::now_v7().as_u128());
        let response = self.post(
            "/v1/enrol",
            None,
            &EnrolRequest {
                enrolment_secret: office.enrolment_secret.clone(),
                device_name: name.to_owned(),
                office_key_id: Some(sent_key.clone()),
            },
        );
        let enrolment: Enrolment = ok(response);
        Desk {
            office_key: enrolment.office.key_id,
            sent_key,
            token: enrolment.token,
            device_id: enrolment.device_id,
            office_id: enrolment.office.id,
            epoch: Uuid::now_v7(),
            next_seq: 1,
            next_tx: 1,
        }
    }

    /// Pushes `bodies`, one local transaction each, with the desk's next seqs.
    pub fn push(&self, desk: &mut Desk, bodies: Vec<MutationBody>) -> PushResponse {
        let mutations = bodies
            .into_iter()
            .map(|body| {
                let tx = desk.next_tx;
                desk.next_tx += 1;
                desk.mutation(tx, body)
            })
            .collect();
        self.push_mutations(desk, mutations)
    }

    pub fn push_mutations(&self, desk: &Desk, mutations: Vec<Mutation>) -> PushResponse {
        ok(self.push_raw(desk, mutations))
    }

    pub fn push_raw(&self, desk: &Desk, mutations: Vec<Mutation>) -> Response {
        self.post(
            "/v1/push",
            Some(&desk.token),
            &PushRequest {
                epoch: desk.epoch,
                batch_id: Uuid::now_v7(),
                mutations,
            },
        )
    }

    pub fn pull(&self, desk: &Desk, cursors: &Cursors, limit: u32) -> PullResponse {
        ok(self.post(
            "/v1/pull",
            Some(&desk.token),
            &PullRequest {
                cursors: cursors.clone(),
                limit,
                epoch: None,
            },
        ))
    }

    /// Every change the desk can see, pulled from zero in pages of `limit`.
    pub fn pull_all(&self, desk: &Desk, limit: u32) -> Vec<solidesk_protocol::Change> {
        let mut cursors = Cursors::new();
        let mut all = Vec::new();
        for _ in 0..1000 {
            let page = self.pull(desk, &cursors, limit);
            all.extend(page.changes);
            cursors = page.cursors;
            if !page.has_more {
                return all;
            }
        }
        panic!("the feed never ended");
    }
}

/// A desk's credential and outbox counters.
pub struct Desk {
    pub token: String,
    /// The office key fingerprint the platform answered at enrolment.
    pub office_key: Option<String>,
    /// The one this desk offered.
    pub sent_key: String,
    pub device_id: Uuid,
    pub office_id: i64,
    pub epoch: Uuid,
    pub next_seq: u64,
    pub next_tx: u64,
}

impl Desk {
    /// The next mutation of this desk, in local transaction `tx`.
    pub fn mutation(&mut self, tx: u64, body: MutationBody) -> Mutation {
        let seq = self.next_seq;
        self.next_seq += 1;
        mutation(seq, tx, body)
    }
}

pub fn mutation(seq: u64, local_tx: u64, body: MutationBody) -> Mutation {
    Mutation {
        mutation_id: Uuid::now_v7(),
        seq,
        local_tx,
        client_time: Utc::now(),
        payload_hash: body.hash(),
        body,
    }
}

pub fn volunteer_image(postal_code: &str, capacity: u32) -> VolunteerImage {
    VolunteerImage {
        id: Uuid::now_v7(),
        first_name: "An".into(),
        last_name: "Peeters".into(),
        phone: Some("+32470123456".into()),
        email: "an@example.org".into(),
        postal_code: postal_code.into(),
        radius_km: 5.0,
        capacity_per_day: capacity,
        languages: vec!["nl".into()],
        tasks: vec!["groceries".into()],
        availability: vec![(1, "morning".into())],
        status: "active".into(),
    }
}

pub fn request_image(postal_code: &str) -> RequestImage {
    RequestImage {
        id: Uuid::now_v7(),
        resident: Uuid::now_v7(),
        kind: "groceries".into(),
        postal_code: Some(postal_code.into()),
        due_date: day(1),
        part_of_day: "morning".into(),
        recurrence: None,
        urgency: "normal".into(),
        language: "nl".into(),
        status: "open".into(),
        deleted: false,
        revision: None,
    }
}

/// A day in December 2030.
pub fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2030, 12, n).expect("date")
}

pub fn claim(volunteer: &VolunteerImage, request: &RequestImage, date: NaiveDate) -> MutationBody {
    MutationBody::Claim {
        claim_id: Uuid::now_v7(),
        volunteer_id: volunteer.id,
        request_id: request.id,
        date,
    }
}

pub fn claim_id(body: &MutationBody) -> Uuid {
    body.entity_id()
}

/// The body of a 2xx answer.
pub fn ok<T: DeserializeOwned>(response: Response) -> T {
    let status = response.status();
    let text = response.text().expect("body");
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The ErrorBody of an error answer, checking its status.
pub fn error(response: Response, status: u16) -> ErrorBody {
    let got = response.status();
    let text = response.text().expect("body");
    assert_eq!(got.as_u16(), status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not an ErrorBody ({e}): {text}"))
}

pub fn error_kind(response: Response, status: u16) -> ErrorKind {
    error(response, status).error
}

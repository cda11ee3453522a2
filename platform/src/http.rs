//! The sync API over HTTP: routing, the protocol and credential checks, and the mapping of every
//! failure to an [`ErrorBody`] a desk can act on.

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router, extract::DefaultBodyLimit, extract::rejection::QueryRejection};
use chrono::{SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use solidesk_protocol::{
    EnrolRequest, Enrolment, ErrorBody, ErrorKind, HEADER_PROTOCOL, HEADER_SERVER_TIME, Hello,
    MAX_BATCH_BYTES, MAX_BATCH_MUTATIONS, MAX_BODY_BYTES, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION,
    PullRequest, PullResponse, PushRequest, PushResponse, VolunteerImage,
};
use tokio::net::TcpListener;
use uuid::Uuid;

use crate::failpoint::{self, Failpoint};
use crate::{Device, Store, StoreError, admin_page, office_buckets, secret};

/// How the server is run.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    /// The national administrator's token for `/admin` and `/v1/admin/*`; without one those
    /// answer 404, so a platform started without it exposes no admin surface at all.
    pub admin_token: Option<String>,
}

struct AppState<S> {
    store: Arc<S>,
    /// Kept as a digest so the comparison is between equal-length hashes.
    admin_digest: Option<String>,
}

impl<S> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            store: Arc::clone(&self.store),
            admin_digest: self.admin_digest.clone(),
        }
    }
}

/// The whole API as an axum router.
pub fn router<S: Store>(store: Arc<S>, config: ServerConfig) -> Router {
    let state = AppState {
        store,
        admin_digest: config
            .admin_token
            .filter(|t| !t.is_empty())
            .map(|t| secret::digest(&t)),
    };
    let v1 = Router::new()
        .route("/v1/enrol", post(enrol::<S>))
        .route("/v1/hello", get(hello::<S>))
        .route("/v1/push", post(push::<S>))
        .route("/v1/pull", post(pull::<S>))
        .route("/v1/admin/volunteers", post(admin_volunteer::<S>))
        .route_layer(middleware::from_fn(check_protocol));
    Router::new()
        .merge(v1)
        .route("/admin", get(admin::<S>))
        .fallback(no_such_endpoint)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::map_response(stamp_server_time))
        .with_state(state)
}

/// Serves the API on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve<S: Store>(
    listener: TcpListener,
    store: Arc<S>,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(store, config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// An error answer: a status and an [`ErrorBody`].
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    fn new(status: StatusCode, error: ErrorKind, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error,
                message: message.into(),
                expected_seq: None,
            },
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, ErrorKind::BadRequest, message)
    }

    fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorKind::Unauthorized,
            "send a valid credential as `Authorization: Bearer <token>`",
        )
    }

    fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorKind::BadRequest,
            "no such endpoint",
        )
    }
}

impl ApiError {
    /// What the desk is told (a sync file carries it instead of an HTTP status).
    pub(crate) fn into_body(self) -> ErrorBody {
        self.body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        let message = error.to_string();
        match error {
            StoreError::Unauthorized => ApiError::unauthorized(),
            StoreError::Revoked => {
                ApiError::new(StatusCode::FORBIDDEN, ErrorKind::Revoked, message)
            }
            StoreError::BadEnrolment => {
                ApiError::new(StatusCode::UNAUTHORIZED, ErrorKind::BadEnrolment, message)
            }
            StoreError::SeqGap { expected } => ApiError {
                status: StatusCode::CONFLICT,
                body: ErrorBody {
                    error: ErrorKind::SeqGap,
                    message,
                    expected_seq: Some(expected),
                },
            },
            StoreError::EpochConflict => {
                ApiError::new(StatusCode::CONFLICT, ErrorKind::EpochConflict, message)
            }
            StoreError::Invalid(_) => ApiError::bad_request(message),
            StoreError::NotFound { .. } => {
                ApiError::new(StatusCode::NOT_FOUND, ErrorKind::BadRequest, message)
            }
            StoreError::Database(_) => {
                tracing::error!(%error, "store failure");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorKind::Internal,
                    "the platform failed; retry later",
                )
            }
        }
    }
}

/// A JSON body whose every failure is an [`ErrorBody`]: 413 `too_large` past
/// [`MAX_BODY_BYTES`] (axum's own limit answers in plain text), 400 `bad_request` for anything
/// unreadable. The content type is not required: the endpoint decides what it reads.
struct JsonBody<T>(T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        ErrorKind::TooLarge,
                        format!(
                            "the body is larger than {MAX_BODY_BYTES} bytes: send smaller batches"
                        ),
                    )
                } else {
                    ApiError::bad_request(format!(
                        "the body could not be read: {}",
                        rejection.body_text()
                    ))
                }
            })?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| {
            ApiError::bad_request(format!("the body is not valid for this endpoint: {e}"))
        })
    }
}

async fn check_protocol(request: Request, next: Next) -> Response {
    let version = request
        .headers()
        .get(HEADER_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    match version {
        Some(v) if (MIN_PROTOCOL_VERSION..=PROTOCOL_VERSION).contains(&v) => {
            next.run(request).await
        }
        _ => ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            ErrorKind::UnsupportedProtocol,
            format!(
                "send header {HEADER_PROTOCOL} with a version from {MIN_PROTOCOL_VERSION} to {PROTOCOL_VERSION}"
            ),
        )
        .into_response(),
    }
}

async fn stamp_server_time(mut response: Response) -> Response {
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
    if let Ok(value) = HeaderValue::from_str(&now) {
        response.headers_mut().insert(HEADER_SERVER_TIME, value);
    }
    response
}

async fn no_such_endpoint() -> ApiError {
    ApiError::not_found()
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorKind::BadRequest,
        "this endpoint does not take that method",
    )
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The desk making the request; the office always comes from here.
async fn device<S: Store>(state: &AppState<S>, headers: &HeaderMap) -> Result<Device, ApiError> {
    let token = bearer(headers).ok_or_else(ApiError::unauthorized)?;
    Ok(state.store.authenticate(token).await?)
}

/// Refuses anything but the configured admin token (404 when none is configured).
fn check_admin<S>(
    state: &AppState<S>,
    headers: &HeaderMap,
    query_token: Option<&str>,
) -> Result<(), ApiError> {
    let Some(expected) = &state.admin_digest else {
        return Err(ApiError::not_found());
    };
    match bearer(headers).or(query_token) {
        Some(token) if secret::digest(token) == *expected => Ok(()),
        _ => Err(ApiError::unauthorized()),
    }
}

async fn enrol<S: Store>(
    State(state): State<AppState<S>>,
    JsonBody(request): JsonBody<EnrolRequest>,
) -> Result<Json<Enrolment>, ApiError> {
    Ok(Json(
        state
            .store
            .enrol(
                &request.enrolment_secret,
                &request.device_name,
                request.office_key_id.as_deref(),
            )
            .await?,
    ))
}

async fn hello<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Json<Hello>, ApiError> {
    let device = device(&state, &headers).await?;
    state.store.record_hello(&device).await?;
    Ok(Json(Hello {
        protocol_min: MIN_PROTOCOL_VERSION,
        protocol_max: PROTOCOL_VERSION,
        server_time: Utc::now(),
        buckets: office_buckets(&device.office),
        office: device.office,
        device_id: device.id,
        max_batch_mutations: MAX_BATCH_MUTATIONS,
        max_batch_bytes: MAX_BATCH_BYTES,
    }))
}

async fn push<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let device = device(&state, &headers).await?;
    Ok(Json(apply_push(&*state.store, &device, &request).await?))
}

/// One batch from a desk, as `POST /v1/push` and a sync file (`crate::exchange`) apply it:
/// each local transaction's group all or nothing, answered mutation by mutation.
pub(crate) async fn apply_push<S: Store>(
    store: &S,
    device: &Device,
    request: &PushRequest,
) -> Result<PushResponse, ApiError> {
    // A body that does not hash to what the desk computed was damaged on the way: refuse the
    // whole batch before anything is applied, so a damaged change is never stored.
    if let Some(damaged) = request
        .mutations
        .iter()
        .find(|m| m.body.hash() != m.payload_hash)
    {
        return Err(ApiError::bad_request(format!(
            "mutation {} does not match its payload_hash; nothing was applied",
            damaged.mutation_id
        )));
    }
    let mut results = Vec::with_capacity(request.mutations.len());
    for group in request.mutations.chunk_by(|a, b| a.local_tx == b.local_tx) {
        results.extend(store.push_group(device, request.epoch, group).await?);
        failpoint::reach(Failpoint::AfterCommitBeforeResponse);
    }
    let checkpoint = store.checkpoint(device).await?;
    Ok(PushResponse {
        batch_id: request.batch_id,
        results,
        checkpoint,
    })
}

async fn pull<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<PullRequest>,
) -> Result<Json<PullResponse>, ApiError> {
    let device = device(&state, &headers).await?;
    Ok(Json(state.store.pull(&device, &request).await?))
}

/// The answer to a volunteer registration.
#[derive(Debug, Serialize, Deserialize)]
pub struct VolunteerSaved {
    pub id: Uuid,
    pub version: u64,
}

async fn admin_volunteer<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    JsonBody(image): JsonBody<VolunteerImage>,
) -> Result<Json<VolunteerSaved>, ApiError> {
    check_admin(&state, &headers, None)?;
    let version = state.store.upsert_volunteer(&image).await?;
    Ok(Json(VolunteerSaved {
        id: image.id,
        version,
    }))
}

#[derive(Debug, Deserialize)]
struct AdminQuery {
    token: Option<String>,
}

async fn admin<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    query: Result<Query<AdminQuery>, QueryRejection>,
) -> Result<Html<String>, ApiError> {
    let query_token = query.ok().and_then(|Query(q)| q.token);
    check_admin(&state, &headers, query_token.as_deref())?;
    let overview = state.store.overview().await?;
    Ok(Html(admin_page::render(&overview, Utc::now())))
}

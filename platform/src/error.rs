//! The errors a [`crate::Store`] operation can end with.
//!
//! A refused *mutation* is not an error (it is a [`solidesk_protocol::MutationResult`] with
//! status `rejected`): these are the answers that stop a whole request, each mapped to one
//! [`solidesk_protocol::ErrorKind`] by the HTTP layer.

/// Why a store operation failed. The words are for a person; the variant is for the program.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No device has this token.
    #[error("the credential is unknown")]
    Unauthorized,
    /// The device exists but was revoked: its queue is refused.
    #[error("this desk was revoked; ask the platform administrator to enrol it again")]
    Revoked,
    /// No office has this enrolment secret.
    #[error("the enrolment secret is wrong")]
    BadEnrolment,
    /// The push skipped sequence numbers; the desk resends from `expected`.
    #[error("sequence gap: the platform expects seq {expected} next")]
    SeqGap { expected: u64 },
    /// A `(epoch, seq)` already used by another mutation: the desk must mint a new epoch.
    #[error("this epoch's sequence was already used by other mutations; start a new epoch")]
    EpochConflict,
    /// Input broke a rule (a volunteer without a last name, an office without postal codes...).
    #[error("{0}")]
    Invalid(String),
    /// The named record does not exist.
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },
    /// The database failed (or holds something this build cannot read).
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    /// Wraps any backend error; used by each store implementation for its driver's errors.
    pub fn database(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
        StoreError::Database(Box::new(error))
    }

    /// A database error described by a sentence (a stored value this build cannot read).
    pub fn corrupt(what: impl Into<String>) -> StoreError {
        StoreError::Database(what.into().into())
    }
}

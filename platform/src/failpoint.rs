//! Crash points for the fault-injection harness.
//!
//! `SOLIDESK_PLATFORM_FAILPOINT=<name>` makes the process abort (no unwinding, no destructors,
//! like a power cut) when the named point is reached, so a test can check that a crash at the
//! worst moment loses nothing and duplicates nothing. Read once at start-up by [`arm_from_env`];
//! a process that never calls it (the in-process tests) never aborts.

use std::sync::OnceLock;

/// Where the process can be made to abort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failpoint {
    /// Inside a push group's transaction, just after its first ledger row was written: the
    /// transaction must vanish with the crash.
    AfterLedgerInsert,
    /// After a push group committed, before the answer left: the retry must see duplicates.
    AfterCommitBeforeResponse,
}

impl Failpoint {
    /// Reads a failpoint's name.
    pub fn parse(name: &str) -> Option<Failpoint> {
        match name {
            "after_ledger_insert" => Some(Failpoint::AfterLedgerInsert),
            "after_commit_before_response" => Some(Failpoint::AfterCommitBeforeResponse),
            _ => None,
        }
    }
}

static ARMED: OnceLock<Option<Failpoint>> = OnceLock::new();

/// Arms the failpoint named by `SOLIDESK_PLATFORM_FAILPOINT`, if any. Returns an unknown name as
/// an error so a typo in a harness does not silently test nothing.
pub fn arm_from_env() -> Result<Option<Failpoint>, String> {
    let point = match std::env::var("SOLIDESK_PLATFORM_FAILPOINT") {
        Ok(name) if !name.is_empty() => {
            Some(Failpoint::parse(&name).ok_or_else(|| format!("unknown failpoint {name:?}"))?)
        }
        _ => None,
    };
    let _ = ARMED.set(point);
    Ok(point)
}

/// Aborts the process if `point` is the armed failpoint.
pub fn reach(point: Failpoint) {
    if ARMED.get().copied().flatten() == Some(point) {
        eprintln!("failpoint {point:?} reached: aborting");
        std::process::abort();
    }
}

//! The Matching screen's commands: plan a day, accept or decline a proposal (and see the
//! alternatives), assign a volunteer by hand, confirm the day. Core does the work; explanations
//! come back in the language the screen asks for.

use chrono::NaiveDate;
use solidesk_core::Language;
use solidesk_core::matching::{Candidate, Confirmed, DayPlan, ManualAssignment, Proposal};
use tauri::{AppHandle, Runtime};

use crate::desk::with_register;
use crate::error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// Plans `date` (proposals replace the day's earlier ones; confirmed assignments stay).
#[tauri::command]
pub async fn plan_day<R: Runtime>(
    app: AppHandle<R>,
    date: NaiveDate,
    language: Language,
) -> Result<DayPlan> {
    with_register(&app, move |reg| {
        reg.plan_day(date, &solidesk_core::os_account(), language)
    })
    .await
}

/// Accepts a proposal.
#[tauri::command]
pub async fn accept_proposal<R: Runtime>(
    app: AppHandle<R>,
    assignment: String,
    language: Language,
) -> Result<Proposal> {
    with_register(&app, move |reg| reg.accept_proposal(&assignment, language)).await
}

/// Declines a proposal; returns the next-best volunteers.
#[tauri::command]
pub async fn decline_proposal<R: Runtime>(
    app: AppHandle<R>,
    assignment: String,
    language: Language,
) -> Result<Vec<Candidate>> {
    with_register(&app, move |reg| reg.decline_proposal(&assignment, language)).await
}

/// The volunteers who could take a request on a day, best first.
#[tauri::command]
pub async fn match_alternatives<R: Runtime>(
    app: AppHandle<R>,
    request: String,
    date: NaiveDate,
    language: Language,
) -> Result<Vec<Candidate>> {
    with_register(&app, move |reg| reg.alternatives(&request, date, language)).await
}

/// Assigns a volunteer by hand, confirmed at once.
#[tauri::command]
pub async fn assign_volunteer<R: Runtime>(
    app: AppHandle<R>,
    request: String,
    date: NaiveDate,
    volunteer: String,
    language: Language,
) -> Result<ManualAssignment> {
    with_register(&app, move |reg| {
        reg.assign_volunteer(
            &request,
            date,
            &volunteer,
            &solidesk_core::os_account(),
            language,
        )
    })
    .await
}

/// Confirms every proposal of the day whose volunteer still has room.
#[tauri::command]
pub async fn confirm_day<R: Runtime>(app: AppHandle<R>, date: NaiveDate) -> Result<Confirmed> {
    with_register(&app, move |reg| reg.confirm_day(date)).await
}

//! The commands the front-end calls. Each parses its arguments, calls one core function on the
//! unlocked register (on a blocking thread) and maps the error; nothing else.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use solidesk_core::contacts::NewContact;
use solidesk_core::office::{OfficeSettings, OfficeUpdate};
use solidesk_core::requests::{DayOverview, NewHelpRequest, RequestOccurrence};
use solidesk_core::residents::{NewResident, ResidentHistory, ResidentHit};
use solidesk_core::volunteers::NewVolunteer;
use solidesk_core::{
    Contact, HelpRequest, Key, Language, Register, RequestStatus, Resident, Volunteer, postal,
};
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::{Desk, RegisterInfo, register_path, with_register};
use crate::error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// The `solidesk://` links the app was launched with (a softphone's "open this URL on an
/// incoming call" that started Solidesk). Links arriving later come as `deep-link://new-url`
/// events. Served from Rust rather than the plugin's npm package so the Rust crate's version is
/// the only one that matters (the Tauri CLI refuses to bundle when the two disagree, and npm
/// lagged behind crates.io).
#[tauri::command]
pub async fn launch_links<R: Runtime>(app: AppHandle<R>) -> Result<Vec<String>> {
    use tauri_plugin_deep_link::DeepLinkExt;
    let urls = app
        .deep_link()
        .get_current()
        .map_err(|e| ApiError::internal(format!("incoming call links are unavailable ({e})")))?;
    Ok(urls
        .unwrap_or_default()
        .into_iter()
        .map(|u| u.to_string())
        .collect())
}

/// Whether the register is open, where it is and what it holds.
#[tauri::command]
pub async fn register_info<R: Runtime>(app: AppHandle<R>) -> Result<RegisterInfo> {
    let path = register_path()?;
    let exists = path.is_file();
    let path_text = path.display().to_string();
    match with_register(&app, |reg| {
        Ok((
            reg.office()?.name,
            reg.count_residents()?,
            reg.count_volunteers()?,
        ))
    })
    .await
    {
        Ok((office_name, residents, volunteers)) => Ok(RegisterInfo {
            unlocked: true,
            path: path_text,
            exists,
            office_name,
            residents,
            volunteers,
        }),
        Err(e) if e.code == solidesk_core::ErrorCode::Locked => Ok(RegisterInfo {
            unlocked: false,
            path: path_text,
            exists,
            office_name: String::new(),
            residents: 0,
            volunteers: 0,
        }),
        Err(e) => Err(e),
    }
}

/// Opens the register with its key (or creates it, when asked and none exists), then hands
/// it to Tauri's state. A wrong key answers `wrong_key` and changes nothing.
#[tauri::command]
pub async fn unlock<R: Runtime>(
    app: AppHandle<R>,
    key: String,
    create: bool,
) -> Result<RegisterInfo> {
    if app.try_state::<Desk>().is_none() {
        let path = register_path()?;
        let handle = app.clone();
        tauri::async_runtime::spawn_blocking(move || -> Result<()> {
            let key = Key::new(key)?;
            let register = if create {
                Register::create(&path, &key)?
            } else {
                Register::open(&path, &key)?
            };
            // A second unlock racing this one finds the desk managed and its register is dropped.
            handle.manage(Desk::new(register, path, key));
            Ok(())
        })
        .await
        .map_err(ApiError::internal)??;
    }
    register_info(app).await
}

/// Residents found by name, phone or national number while the caller speaks.
#[tauri::command]
pub async fn search_residents<R: Runtime>(
    app: AppHandle<R>,
    query: String,
    limit: Option<u32>,
) -> Result<Vec<ResidentHit>> {
    let limit = limit.unwrap_or(20) as usize;
    with_register(&app, move |reg| reg.search_residents(&query, limit)).await
}

/// One page of residents and how many there are.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ResidentPage {
    /// The page.
    pub rows: Vec<ResidentHit>,
    /// All residents.
    #[ts(type = "number")]
    pub total: u64,
}

/// Residents alphabetically, a page at a time (the list view pages; it never loads 500,000).
#[tauri::command]
pub async fn list_residents<R: Runtime>(
    app: AppHandle<R>,
    offset: u32,
    limit: u32,
) -> Result<ResidentPage> {
    with_register(&app, move |reg| {
        Ok(ResidentPage {
            rows: reg.list_residents(limit.min(500) as usize, offset as usize)?,
            total: reg.count_residents()?,
        })
    })
    .await
}

/// A resident with their requests and contacts.
#[tauri::command]
pub async fn get_resident<R: Runtime>(app: AppHandle<R>, id: String) -> Result<ResidentHistory> {
    with_register(&app, move |reg| reg.resident_history(&id)).await
}

/// Records what a resident agreed to share with visiting volunteers (printed on their sheets;
/// empty removes it); returns the note kept.
#[tauri::command]
pub async fn set_access_note<R: Runtime>(
    app: AppHandle<R>,
    resident: String,
    note: String,
) -> Result<Option<String>> {
    with_register(&app, move |reg| reg.set_access_note(&resident, &note)).await
}

/// Adds a resident (from the intake or the residents screen).
#[tauri::command]
pub async fn add_resident<R: Runtime>(app: AppHandle<R>, input: NewResident) -> Result<Resident> {
    with_register(&app, move |reg| {
        let mut input = input;
        input.source = "intake".into();
        reg.add_resident(&input)
    })
    .await
}

/// Changes a resident's details.
#[tauri::command]
pub async fn update_resident<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    input: NewResident,
) -> Result<Resident> {
    with_register(&app, move |reg| reg.update_resident(&id, &input)).await
}

/// Volunteers matching a name (or all, alphabetically, when the query is empty).
#[tauri::command]
pub async fn list_volunteers<R: Runtime>(
    app: AppHandle<R>,
    query: String,
    offset: u32,
    limit: u32,
) -> Result<Vec<Volunteer>> {
    with_register(&app, move |reg| {
        let limit = limit.min(500) as usize;
        if query.trim().is_empty() {
            reg.list_volunteers(limit, offset as usize)
        } else {
            reg.search_volunteers(&query, limit)
        }
    })
    .await
}

/// Adds a volunteer.
#[tauri::command]
pub async fn add_volunteer<R: Runtime>(
    app: AppHandle<R>,
    input: NewVolunteer,
) -> Result<Volunteer> {
    with_register(&app, move |reg| reg.add_volunteer(&input)).await
}

/// Changes a volunteer's details and availability.
#[tauri::command]
pub async fn update_volunteer<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    input: NewVolunteer,
) -> Result<Volunteer> {
    with_register(&app, move |reg| reg.update_volunteer(&id, &input)).await
}

/// Request occurrences between two days, optionally of one status.
#[tauri::command]
pub async fn list_requests<R: Runtime>(
    app: AppHandle<R>,
    from: NaiveDate,
    to: NaiveDate,
    status: Option<RequestStatus>,
) -> Result<Vec<RequestOccurrence>> {
    with_register(&app, move |reg| reg.list_requests(from, to, status)).await
}

/// Records a help request taken on the phone, and the call itself in the contact log.
#[tauri::command]
pub async fn add_request<R: Runtime>(
    app: AppHandle<R>,
    input: NewHelpRequest,
) -> Result<HelpRequest> {
    with_register(&app, move |reg| {
        let request = reg.add_request(&input)?;
        if request.channel == solidesk_core::Channel::Phone {
            let _: Contact = reg.add_contact(&NewContact {
                resident: request.resident_id.clone(),
                request: Some(request.id.clone()),
                kind: "incoming_call".into(),
                outcome: "reached".into(),
                note: String::new(),
                created_by: request.created_by.clone(),
            })?;
        }
        Ok(request)
    })
    .await
}

/// Moves a request along its lifecycle, with an outcome note.
#[tauri::command]
pub async fn set_request_status<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    status: RequestStatus,
    note: Option<String>,
) -> Result<HelpRequest> {
    with_register(&app, move |reg| {
        reg.set_request_status(&id, status, note.as_deref())
    })
    .await
}

/// The day at a glance.
#[tauri::command]
pub async fn day_overview<R: Runtime>(app: AppHandle<R>, date: NaiveDate) -> Result<DayOverview> {
    with_register(&app, move |reg| reg.day_overview(date)).await
}

/// The office's settings.
#[tauri::command]
pub async fn get_office<R: Runtime>(app: AppHandle<R>) -> Result<OfficeSettings> {
    with_register(&app, |reg| reg.office()).await
}

/// Settings as the form sends them.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OfficeForm {
    /// NIS code (empty keeps the current one).
    pub nis_code: String,
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
    /// Default language.
    pub default_language: Language,
    /// Postal codes served, comma-separated.
    pub postal_codes: String,
}

/// Changes the office's settings.
#[tauri::command]
pub async fn update_office<R: Runtime>(
    app: AppHandle<R>,
    form: OfficeForm,
) -> Result<OfficeSettings> {
    with_register(&app, move |reg| {
        let nis = form.nis_code.trim().to_owned();
        let current = reg.office()?;
        let nis_changed = !nis.is_empty() && current.nis_code.as_deref() != Some(nis.as_str());
        reg.update_office(&OfficeUpdate {
            nis_code: nis_changed.then_some(nis),
            name: Some(form.name),
            phone: Some(form.phone),
            default_language: Some(form.default_language.as_str().to_owned()),
            neighbourhood_km: None,
            // A new NIS code brings its own postal codes unless the list was edited too.
            postal_codes: (!nis_changed
                || form.postal_codes.trim() != current.postal_codes.join(", "))
            .then(|| {
                form.postal_codes
                    .split([',', ' '])
                    .map(str::to_owned)
                    .collect()
            }),
        })
    })
    .await
}

/// A postal code as the intake form shows it beside the field.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PostalInfo {
    /// The code.
    pub code: String,
    /// Locality in the requested language.
    pub locality: String,
    /// Municipality (nl / fr).
    pub municipality: String,
    /// The language most residents speak there.
    pub language: Language,
}

/// Looks a postal code up in the embedded reference (no register needed).
#[tauri::command]
pub async fn lookup_postal_code(code: String, language: Language) -> Result<Option<PostalInfo>> {
    Ok(postal::lookup(&code).map(|p| PostalInfo {
        code: p.code.clone(),
        locality: p.locality_in(language).to_owned(),
        municipality: if p.municipality_nl == p.municipality_fr || p.municipality_fr.is_empty() {
            p.municipality_nl.clone()
        } else {
            format!("{} / {}", p.municipality_nl, p.municipality_fr)
        },
        language: p.main_language(),
    }))
}

/// What the About screen shows.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct About {
    /// Program version.
    pub version: String,
    /// Schema version of the register this program writes.
    pub schema_version: u32,
    /// The open-data attribution of the embedded reference data.
    pub attribution: String,
}

/// Version and open-data attribution.
#[tauri::command]
pub async fn about() -> Result<About> {
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: solidesk_core::register::schema_version() as u32,
        attribution: solidesk_core::postal::ATTRIBUTION.to_owned(),
    })
}

//! End-to-end tests of the desktop app: the real binary in a real WebKitGTK window under Xvfb,
//! driven through WebDriver (tauri-driver + WebKitWebDriver), started and stopped here.
//!
//! Screenshots of every screen go to `target/e2e-screenshots/` (override with
//! SOLIDESK_SCREENSHOTS). The tests run one at a time: each has its own Xvfb, driver, register
//! and app data folder.

mod harness;

use harness::{Desk, KEY, Platform};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn unlock_refuses_a_wrong_key_then_opens_with_the_right_one() -> WebDriverResult<()> {
    let desk = Desk::start("unlock", &[]).await?;
    let d = desk.driver();
    desk.wait_for(By::Id("unlock-key")).await?;
    // Before unlocking, a command answers `locked` (not a crash, not data).
    let answer = d
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('search_residents', { query: 'peeters' })
               .then((ok) => done({ ok }), (err) => done({ err }));",
            vec![],
        )
        .await?
        .json()
        .clone();
    assert_eq!(answer["err"]["code"], "locked", "{answer}");
    desk.wait_for(By::Id("unlock-key"))
        .await?
        .send_keys("not the key")
        .await?;
    d.find(By::Id("unlock-submit")).await?.click().await?;
    let error = desk.wait_text("unlock-error").await?;
    assert!(
        error.contains("key does not open"),
        "the wrong key is named: {error}"
    );
    desk.screenshot("01-unlock-wrong-key").await;
    desk.unlock(KEY).await?;
    assert!(
        desk.wait_for(By::Id("intake-search")).await.is_ok(),
        "the intake opens after unlocking"
    );
    desk.screenshot("02-intake-empty").await;
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_intake_of_an_existing_resident_lands_in_requests_and_today() -> WebDriverResult<()>
{
    let desk = Desk::start("intake", &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    let search = d.find(By::Id("intake-search")).await?;
    search.send_keys("0470 12 34 56").await?;
    let first = desk.wait_for(By::Css("#intake-results li")).await?;
    assert!(
        first.text().await?.contains("Dubœuf"),
        "found by phone number"
    );
    desk.screenshot("03-intake-found-by-phone").await;
    search.send_keys(Key::Enter).await?;
    let caller = desk.wait_text("intake-caller").await?;
    assert!(caller.contains("Hélène Dubœuf"), "{caller}");
    desk.select("request-kind", "pharmacy").await?;
    d.find(By::Id("request-from")).await?.send_keys("9").await?;
    d.find(By::Id("request-to")).await?.send_keys("11").await?;
    d.find(By::Id("request-notes"))
        .await?
        .send_keys("Voorschrift dokter Claes")
        .await?;
    desk.screenshot("04-intake-request").await;
    // Save with one key, from the notes field.
    d.find(By::Id("request-notes"))
        .await?
        .send_keys(Key::F8)
        .await?;
    let saved = desk.wait_text("intake-message").await?;
    assert!(saved.contains("Hélène Dubœuf"), "{saved}");

    desk.goto("requests").await?;
    let list = desk.wait_text("requests-list").await?;
    assert!(
        list.contains("Hélène Dubœuf") && list.contains("Pharmacy"),
        "{list}"
    );
    desk.screenshot("05-requests").await;
    desk.goto("today").await?;
    let today = desk.wait_text("today-list").await?;
    assert!(
        today.contains("Hélène Dubœuf") && today.contains("09:00"),
        "{today}"
    );
    desk.screenshot("06-today").await;
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_resident_is_created_inline_during_the_call() -> WebDriverResult<()> {
    let desk = Desk::start("new-resident", &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    let search = d.find(By::Id("intake-search")).await?;
    search.send_keys("0478 51 48 60").await?;
    desk.wait_for(By::Id("intake-no-match")).await?;
    search.send_keys(Key::Enter).await?;
    let last = desk.wait_for(By::Id("new-resident-last-name")).await?;
    assert_eq!(
        d.find(By::Id("new-resident-phone"))
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("0478 51 48 60"),
        "the number typed in the search is carried over"
    );
    last.send_keys("Vandenbroucke").await?;
    d.find(By::Id("new-resident-first-name"))
        .await?
        .send_keys("Gilberte")
        .await?;
    d.find(By::Id("new-resident-postal-code"))
        .await?
        .send_keys("9999")
        .await?;
    d.find(By::Id("new-resident-save")).await?.click().await?;
    let error = desk.wait_text("new-resident-error").await?;
    assert!(
        error.contains("9999"),
        "core's validation is shown: {error}"
    );
    let postal = d.find(By::Id("new-resident-postal-code")).await?;
    postal.clear().await?;
    postal.send_keys("9000").await?;
    d.find(By::Id("new-resident-street"))
        .await?
        .send_keys("Kouter")
        .await?;
    desk.screenshot("07-new-resident").await;
    d.find(By::Id("new-resident-save")).await?.click().await?;
    let caller = desk.wait_text("intake-caller").await?;
    assert!(caller.contains("Gilberte Vandenbroucke"), "{caller}");
    d.find(By::Id("request-notes"))
        .await?
        .send_keys("brood, melk")
        .await?;
    d.find(By::Id("request-save")).await?.click().await?;
    desk.wait_text("intake-message").await?;
    desk.goto("residents").await?;
    let count = desk.wait_text("residents-count").await?;
    assert!(
        count.starts_with('4'),
        "three residents plus the new one: {count}"
    );
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ui_switched_to_french_speaks_french() -> WebDriverResult<()> {
    let desk = Desk::start("french", &[]).await?;
    desk.unlock(KEY).await?;
    desk.select("ui-language", "fr").await?;
    let nav = desk
        .wait_text_containing(By::Css("nav"), "Aujourd'hui")
        .await?;
    assert!(
        nav.contains("Habitants") && nav.contains("Bénévoles"),
        "{nav}"
    );
    let title = desk.wait_text("intake-title").await?;
    assert_eq!(title, "Appel entrant");
    desk.screenshot("08-intake-fr").await;
    for (screen, shot) in [
        ("residents", "09-residents-fr"),
        ("volunteers", "10-volunteers-fr"),
        ("settings", "11-settings-fr"),
        ("about", "12-about-fr"),
    ] {
        desk.goto(screen).await?;
        desk.screenshot(shot).await;
    }
    let about = desk.wait_text("about-attribution").await?;
    assert!(
        about.contains("Statbel"),
        "the open-data attribution is shown"
    );
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_incoming_call_link_puts_the_caller_on_screen() -> WebDriverResult<()> {
    let desk = Desk::start("deep-link", &["solidesk://intake?phone=%2B32470123456"]).await?;
    desk.unlock(KEY).await?;
    let caller = desk.wait_text("intake-caller").await?;
    assert!(caller.contains("Hélène Dubœuf"), "{caller}");
    desk.screenshot("13-incoming-call").await;
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_call_while_the_app_runs_reaches_the_open_window() -> WebDriverResult<()> {
    let desk = Desk::start_with_bus("second-launch", &[]).await?;
    desk.unlock(KEY).await?;
    desk.goto("residents").await?;
    // The softphone opens the link: the desktop starts the app again with it.
    // `launch_again` fails unless the second process exits (no second app stays open).
    // Known issue: that process sometimes dies with SIGSEGV while exiting after the hand-over
    // (WebKitGTK torn down by the single-instance plugin's process::exit); the hand-over has
    // happened by then, which is what the caseworker sees and what is asserted here.
    let status = desk.launch_again(&["solidesk://intake?phone=02%20512%2034%2056"])?;
    let caller = desk.wait_text("intake-caller").await?;
    assert!(
        caller.contains("Jan Peeters"),
        "{caller} (second launch: {status})"
    );
    desk.screenshot("14-call-while-running").await;
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_municipal_list_is_previewed_and_imported_with_the_wizard() -> WebDriverResult<()> {
    // A copy of the Dutch Excel sample (Windows-1252, `;`), so the rejects file lands beside it.
    let files = tempfile::tempdir().expect("temp dir");
    let list = files.path().join("bewoners.csv");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/core/tests/samples/excel_nl-BE_ansi_cp1252_semicolon.csv"
        ),
        &list,
    )
    .expect("copy the sample");
    let desk = Desk::start("import", &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    desk.goto("import").await?;
    let path = desk.wait_for(By::Id("import-path")).await?;
    path.send_keys(list.display().to_string()).await?;
    path.send_keys(Key::Enter).await?;
    let facts = desk
        .wait_text_containing(By::Id("import-facts"), "windows-1252")
        .await?;
    assert!(facts.contains("bewoners.csv"), "{facts}");
    // Every column but the allowance amount is recognised.
    let mapped = d
        .execute(
            "return [...document.querySelectorAll('select[id^=import-col-]')].map((s) => s.value);",
            vec![],
        )
        .await?
        .json()
        .clone();
    assert_eq!(mapped[0], "national_number", "{mapped}");
    assert_eq!(mapped[1], "last_name", "{mapped}");
    assert_eq!(mapped[10], "", "Leefloon (EUR) is not imported: {mapped}");
    desk.screenshot("15-import-columns").await;

    let residents = || async {
        let info = d
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke('register_info').then(done, done);",
                vec![],
            )
            .await?
            .json()
            .clone();
        Ok::<_, WebDriverError>(info["residents"].as_u64())
    };
    let count = |name: &'static str| async move {
        d.find(By::Css(format!("#import-counts dd[data-count='{name}']")))
            .await?
            .text()
            .await
    };
    let before = residents().await?;

    d.find(By::Id("import-dry-run")).await?.click().await?;
    desk.wait_text_containing(By::Id("import-result-title"), "Preview")
        .await?;
    assert_eq!(count("created").await?, "11");
    assert_eq!(count("rejected").await?, "1");
    assert_eq!(residents().await?, before, "the preview changed nothing");
    desk.screenshot("16-import-preview").await;

    d.find(By::Id("import-run")).await?.click().await?;
    desk.wait_text_containing(By::Id("import-result-title"), "Imported")
        .await?;
    assert_eq!(count("rows").await?, "12");
    assert_eq!(count("created").await?, "11");
    assert_eq!(count("rejected").await?, "1");
    assert!(
        d.find(By::Id("import-open-rejects")).await.is_ok(),
        "the rejects file is one click away"
    );
    let rejects = std::fs::read_to_string(files.path().join("bewoners-rejects.csv"))
        .expect("rejects beside the file");
    assert!(rejects.contains("Nicaise"), "{rejects}");
    assert_eq!(
        residents().await?,
        before.map(|n| n + 11),
        "the import added 11"
    );
    desk.screenshot("17-import-done").await;
    desk.stop().await
}

/// A register for the Matching screen: three requests on Tuesday 1 December 2026, two
/// volunteers, and nobody who speaks German.
fn matching_register(db: &std::path::Path) -> Result<(), solidesk_core::Error> {
    use solidesk_core::requests::NewHelpRequest;
    use solidesk_core::residents::NewResident;
    use solidesk_core::volunteers::NewVolunteer;
    let mut reg = solidesk_core::Register::create(db, &solidesk_core::Key::new(KEY)?)?;
    for (first, last, pc, lang, kind) in [
        ("Hélène", "Dubœuf", "9000", "fr", "groceries"),
        ("Jan", "Peeters", "9050", "nl", "groceries"),
        ("Anna", "Schmitz", "9000", "de", "pharmacy"),
    ] {
        let r = reg.add_resident(&NewResident {
            first_name: first.into(),
            last_name: last.into(),
            postal_code: Some(pc.into()),
            language: Some(lang.into()),
            street: "Kerkstraat".into(),
            house_number: "1".into(),
            ..Default::default()
        })?;
        reg.add_request(&NewHelpRequest {
            resident: r.id,
            kind: kind.into(),
            due_date: "2026-12-01".into(),
            part_of_day: Some("morning".into()),
            created_by: "e2e".into(),
            ..Default::default()
        })?;
    }
    for (first, last, pc, languages, capacity) in [
        ("Sofie", "Claes", "9000", vec!["nl", "fr"], 2),
        ("Marc", "Janssens", "9050", vec!["nl"], 1),
    ] {
        reg.add_volunteer(&NewVolunteer {
            first_name: first.into(),
            last_name: last.into(),
            postal_code: pc.into(),
            languages: languages.into_iter().map(String::from).collect(),
            tasks: vec!["groceries".into(), "pharmacy".into()],
            availability: vec!["tue:morning".into()],
            capacity_per_day: capacity,
            ..Default::default()
        })?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_is_planned_and_its_proposals_worked_with_the_keyboard() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    matching_register(&db).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
    let desk = Desk::start_on("matching", dir, &db, &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    desk.goto("matching").await?;
    let date = desk.wait_for(By::Id("match-date")).await?;
    date.clear().await?;
    date.send_keys("1/12/2026").await?;
    d.find(By::Id("match-plan")).await?.click().await?;
    let summary = desk
        .wait_text_containing(By::Id("match-summary"), "of 3")
        .await?;
    assert!(summary.contains("2 of 3"), "{summary}");
    let rows = d.find_all(By::Css("#match-proposals tbody tr")).await?;
    assert_eq!(rows.len(), 2);
    let first = rows[0].text().await?;
    assert!(
        first.contains("Dubœuf")
            && first.contains("Sofie Claes")
            && first.contains("speaks French"),
        "the reason is there to read aloud: {first}"
    );
    let unmatched = d
        .find(By::Css("#match-unmatched tbody tr"))
        .await?
        .text()
        .await?;
    assert!(
        unmatched.contains("Schmitz") && unmatched.contains("German"),
        "{unmatched}"
    );
    desk.screenshot("18-matching-plan").await;

    // Decline the first with D: nobody else speaks French there, and it says so.
    let key = |k: &'static str| async move {
        // Keys go to the focused proposal list, as a caseworker types them.
        d.find(By::Id("match-proposals")).await?.focus().await?;
        d.action_chain().send_keys(k).perform().await
    };
    key("d").await?;
    let others = desk
        .wait_text_containing(By::Id("match-alternatives"), "Dubœuf")
        .await?;
    assert!(others.contains("Nobody else"), "{others}");
    desk.wait_text_containing(By::Id("match-message"), "Declined")
        .await?;
    // Accept the next with A.
    key("a").await?;
    desk.wait_text_containing(By::Id("match-message"), "Confirmed")
        .await?;
    let kept = desk
        .wait_text_containing(By::Id("match-kept"), "Peeters")
        .await?;
    assert!(kept.contains("Peeters"), "{kept}");
    assert!(
        d.find_all(By::Css("#match-proposals tbody tr"))
            .await?
            .is_empty(),
        "both proposals dealt with"
    );

    // Planning again keeps the confirmed one and does not propose the declined one again.
    d.find(By::Id("match-plan")).await?.click().await?;
    desk.wait_text_containing(By::Id("match-summary"), "1 confirmed before")
        .await?;
    assert!(
        d.find_all(By::Css("#match-proposals tbody tr"))
            .await?
            .is_empty()
    );

    // The neighbourhood view groups the day by postal code.
    d.find(By::Css("label.check input")).await?.click().await?;
    let areas = d
        .execute(
            "return [...document.querySelectorAll('#match-neighbourhoods [data-postal-code]')].map((s) => s.dataset.postalCode);",
            vec![],
        )
        .await?
        .json()
        .clone();
    assert_eq!(
        areas,
        serde_json::json!(["9000"]),
        "only the open requests are left: {areas}"
    );
    desk.screenshot("19-matching-by-postal-code").await;
    desk.stop().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_planned_day_is_typeset_previewed_and_saved_as_pdfs() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    let fatal = |e: solidesk_core::Error| WebDriverError::FatalError(e.to_string());
    matching_register(&db).map_err(fatal)?;
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    // The day planned and confirmed as a coordinator would, before the app opens.
    let expected = {
        let mut reg =
            solidesk_core::Register::open(&db, &solidesk_core::Key::new(KEY).map_err(fatal)?)
                .map_err(fatal)?;
        reg.plan_day(date, "e2e", solidesk_core::Language::En)
            .map_err(fatal)?;
        reg.confirm_day(date).map_err(fatal)?;
        reg.printed_day(date, solidesk_core::Language::En, None)
            .map_err(fatal)?
    };
    assert_eq!(expected.volunteers.len(), 2, "two volunteers go out");
    let out = dir.path().join("printed");
    let desk = Desk::start_on("sheets", dir, &db, &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    // The caseworker records what Mrs Dubœuf agreed to share with the volunteer who comes.
    desk.goto("residents").await?;
    let search = desk.wait_for(By::Id("residents-search")).await?;
    search.send_keys("dub").await?;
    desk.wait_text_containing(By::Id("residents-count"), "1 resident")
        .await?;
    search.send_keys(Key::Enter).await?;
    let note = desk.wait_for(By::Id("resident-access-note")).await?;
    note.send_keys("Code 4711, sonnette du haut").await?;
    d.find(By::Id("resident-access-save"))
        .await?
        .click()
        .await?;
    desk.wait_for(By::Id("resident-access-saved")).await?;

    desk.goto("sheets").await?;
    let field = desk.wait_for(By::Id("sheets-date")).await?;
    field.clear().await?;
    field.send_keys("1/12/2026").await?;
    d.find(By::Id("sheets-make")).await?.click().await?;
    let summary = desk
        .wait_text_containing(By::Id("sheets-summary"), "2 volunteers")
        .await?;
    assert!(summary.contains("built-in"), "{summary}");
    let index = d.find(By::Id("sheets-volunteers")).await?.text().await?;
    for sheet in &expected.volunteers {
        assert!(
            index.contains(&sheet.name),
            "{} listed: {index}",
            sheet.name
        );
    }
    // The preview is the typeset page itself.
    let src = desk
        .wait_for(By::Css("#sheets-preview img"))
        .await?
        .attr("src")
        .await?
        .unwrap_or_default();
    assert!(
        src.starts_with("data:image/svg+xml"),
        "{}",
        &src[..src.len().min(60)]
    );
    assert!(desk.wait_text("sheets-page").await?.starts_with("1 /"));
    // (The page image takes seconds to paint under Xvfb's software rendering in a debug
    // build; the picture waits for it, the assertions above did not need to.)
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    desk.screenshot("20-sheets-preview").await;
    // Page Down turns the page (the second volunteer's sheet).
    d.find(By::Id("sheets-title")).await?.click().await?;
    d.action_chain().send_keys(Key::PageDown).perform().await?;
    desk.wait_text_containing(By::Id("sheets-page"), "2 /")
        .await?;
    // The overview.
    d.find(By::Css("button[data-kind='overview']"))
        .await?
        .click()
        .await?;
    desk.wait_text_containing(By::Id("sheets-page"), "1 /")
        .await?;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    desk.screenshot("21-sheets-overview").await;

    // Save everything into a folder: a PDF per volunteer, the combined one, overview, calls.
    let folder = d.find(By::Id("sheets-folder")).await?;
    folder.clear().await?;
    folder.send_keys(out.display().to_string()).await?;
    d.find(By::Id("sheets-save")).await?.click().await?;
    desk.wait_text_containing(By::Id("sheets-message"), "Saved")
        .await?;
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .map_err(|e| WebDriverError::FatalError(e.to_string()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{files:?}");
    assert!(
        files.contains(&"2026-12-01-overview.pdf".to_owned()),
        "{files:?}"
    );
    let dubœuf = expected
        .volunteers
        .iter()
        .find(|s| s.visits.iter().any(|v| v.resident_name.contains("Dubœuf")))
        .expect("someone goes to Mrs Dubœuf");
    let file = files
        .iter()
        .find(|f| {
            f.starts_with(&format!(
                "2026-12-01-volunteer-{:04}",
                dubœuf.volunteer_number
            ))
        })
        .expect("her volunteer's file");
    let text = std::process::Command::new("pdftotext")
        .arg(out.join(file))
        .arg("-")
        .output()
        .map_err(|e| WebDriverError::FatalError(e.to_string()))?;
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Hélène Dubœuf"), "{text}");
    assert!(
        text.contains("Code 4711, sonnette du haut"),
        "the access note is on her volunteer's sheet: {text}"
    );
    desk.stop().await
}

/// The state element's `data-state`/`data-outcome` attribute.
async fn data(desk: &Desk, id: &str, attr: &str) -> WebDriverResult<String> {
    Ok(desk
        .driver()
        .find(By::Id(id))
        .await?
        .attr(attr)
        .await?
        .unwrap_or_default())
}

/// A volunteer registering on the platform: Vera `last`, Tuesday mornings, one visit a day.
fn register_online(platform: &Platform, last: &str, postal_code: &str) -> WebDriverResult<()> {
    platform.admin(&[
        "volunteers",
        "add",
        "--first-name",
        "Vera",
        "--last-name",
        last,
        "--postal-code",
        postal_code,
        "--languages",
        "nl,fr",
        "--tasks",
        "groceries",
        "--availability",
        "2:morning",
        "--capacity",
        "1",
    ])?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_desk_enrols_and_syncs_from_the_sync_screen_and_a_failed_sync_says_so()
-> WebDriverResult<()> {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("register.db");
    matching_register(&db).map_err(|e| WebDriverError::FatalError(e.to_string()))?;
    // The national platform: the office with its postal codes, and two volunteers who
    // registered online in them.
    let mut platform = Platform::start(dir.path())?;
    let office = platform.admin(&[
        "offices",
        "add",
        "--name",
        "OCMW Gent",
        "--postal-codes",
        "9000,9050",
    ])?;
    let secret = office["enrolment_secret"]
        .as_str()
        .expect("an enrolment secret")
        .to_owned();
    for last in ["Online", "Digitaal"] {
        register_online(&platform, last, "9000")?;
    }

    // Where the sync files of a line that stays down go (made by the export).
    let stick = dir.path().join("stick");
    let desk = Desk::start_on("sync", dir, &db, &[]).await?;
    desk.unlock(KEY).await?;
    let d = desk.driver();
    desk.goto("sync").await?;
    desk.wait_text_containing(By::Id("sync-not-enrolled"), "not enrolled")
        .await?;
    assert_eq!(
        data(&desk, "sync-last-attempt", "data-state").await?,
        "never"
    );
    // Enrol from the keyboard: the address field has the focus.
    d.action_chain()
        .send_keys(platform.url.clone())
        .send_keys(Key::Tab)
        .send_keys(secret)
        .send_keys(Key::Tab)
        .send_keys("Onthaal 1")
        .send_keys(Key::Enter)
        .perform()
        .await?;
    let enrolment = desk
        .wait_text_containing(By::Id("sync-enrolment"), "OCMW Gent")
        .await?;
    assert!(enrolment.contains(&platform.url), "{enrolment}");
    // The three requests the register already held wait to be sent.
    let waiting = desk.wait_text("sync-waiting").await?;
    assert!(waiting.contains("3 requests"), "{waiting}");
    desk.screenshot("22-sync-enrolled").await;

    // S syncs (the focus is on "Sync now", not in a field).
    d.action_chain().send_keys("s").perform().await?;
    let result = desk
        .wait_text_containing(By::Id("sync-result"), "Synced at")
        .await?;
    assert_eq!(
        data(&desk, "sync-result", "data-outcome").await?,
        "succeeded"
    );
    // The three requests, and the office's records sealed for its other desks.
    assert!(
        result.contains("applied, 0 already there, 0 refused"),
        "the requests reached the platform: {result}"
    );
    assert!(
        result.contains("Office records: ") && !result.contains("Office records: 0 sent"),
        "the office's records were sealed for its other desks: {result}"
    );
    assert!(
        result.contains("2 volunteers new or updated"),
        "the platform's volunteers arrived: {result}"
    );
    desk.wait_text_containing(By::Id("sync-waiting"), "nothing")
        .await?;
    assert_eq!(
        data(&desk, "sync-last-attempt", "data-state").await?,
        "succeeded"
    );
    let success = desk.wait_text("sync-last-success").await?;
    assert_ne!(success.trim(), "never");
    desk.screenshot("23-sync-done").await;
    // The first desk of the office made the office key; its code is shown only when asked.
    assert_eq!(data(&desk, "sync-office-state", "data-key").await?, "held");
    d.find(By::Id("sync-office-show")).await?.click().await?;
    let code = desk.wait_text("sync-office-code").await?;
    assert_eq!(code.trim().len(), 69, "{code}");
    assert_eq!(code.trim().matches('-').count(), 13, "{code}");

    // The line goes down: the next sync fails, and says so and why.
    platform.stop();
    d.find(By::Id("sync-now")).await?.click().await?;
    let failure = desk
        .wait_text_containing(By::Id("sync-result"), "The sync failed")
        .await?;
    assert_eq!(data(&desk, "sync-result", "data-outcome").await?, "failed");
    assert!(failure.contains("could not be reached"), "{failure}");
    assert!(!failure.contains("Synced at"), "{failure}");
    desk.wait_text_containing(By::Id("sync-last-attempt"), "FAILED")
        .await?;
    assert_eq!(
        data(&desk, "sync-last-attempt", "data-state").await?,
        "failed"
    );
    assert_eq!(
        desk.wait_text("sync-last-success").await?,
        success,
        "the last success is still the earlier one"
    );
    desk.screenshot("24-sync-failed").await;
    // In French too, a failure is a failure, and why is said in French.
    desk.select("ui-language", "fr").await?;
    desk.wait_text_containing(By::Id("sync-last-attempt"), "ÉCHEC")
        .await?;
    desk.wait_text_containing(By::Id("sync-result"), "n’a pas pu être jointe")
        .await?;
    desk.screenshot("25-sync-failed-fr").await;
    // Coming back to the screen later, the last attempt says why too (from the register).
    desk.goto("today").await?;
    desk.goto("sync").await?;
    desk.wait_text_containing(By::Id("sync-last-attempt"), "n’a pas pu être jointe")
        .await?;
    desk.select("ui-language", "en").await?;
    desk.wait_text_containing(By::Id("sync-last-attempt"), "FAILED")
        .await?;

    // The line stays down: sync by file. A caseworker takes a new call meanwhile (on a second
    // connection to the register, as the Intake screen would write it), and a volunteer
    // registers on the platform.
    let fail = |e: solidesk_core::Error| WebDriverError::FatalError(e.to_string());
    {
        use solidesk_core::requests::NewHelpRequest;
        use solidesk_core::residents::NewResident;
        let mut reg =
            solidesk_core::Register::open(&db, &solidesk_core::Key::new(KEY).map_err(fail)?)
                .map_err(fail)?;
        let resident = reg
            .add_resident(&NewResident {
                first_name: "Lucien".into(),
                last_name: "Offline".into(),
                postal_code: Some("9000".into()),
                language: Some("fr".into()),
                street: "Veldstraat".into(),
                house_number: "3".into(),
                ..Default::default()
            })
            .map_err(fail)?;
        reg.add_request(&NewHelpRequest {
            resident: resident.id,
            kind: "groceries".into(),
            due_date: "2026-12-02".into(),
            created_by: "e2e".into(),
            ..Default::default()
        })
        .map_err(fail)?;
    }
    register_online(&platform, "Papier", "9050")?;
    // The export field suggests a file beside the register; write to the stick instead.
    let export = d.find(By::Id("sync-export-path")).await?;
    let suggested = export.prop("value").await?.unwrap_or_default();
    assert!(
        suggested.contains("solidesk-sync-") && suggested.ends_with(".json"),
        "{suggested}"
    );
    let request = stick.join("to-platform.json");
    export.clear().await?;
    export.send_keys(request.display().to_string()).await?;
    d.find(By::Id("sync-export")).await?.click().await?;
    let written = desk
        .wait_text_containing(By::Id("sync-file-result"), "Wrote")
        .await?;
    // The request, and the new resident and request sealed for the office's other desks.
    assert!(written.contains("Wrote 3 changes"), "{written}");
    assert!(request.is_file(), "the export is on the stick");

    // The platform's operator answers it.
    let answer = stick.join("from-platform.json");
    let summary = platform.admin(&[
        "exchange",
        &request.display().to_string(),
        "--answer",
        &answer.display().to_string(),
    ])?;
    assert_eq!(summary["applied"], 3, "{summary}");

    // A file that is not an answer is refused, and nothing is applied.
    let import = d.find(By::Id("sync-import-path")).await?;
    import.send_keys(request.display().to_string()).await?;
    d.find(By::Id("sync-import")).await?.click().await?;
    let refused = desk
        .wait_text_containing(By::Id("sync-file-result"), "not an answer")
        .await?;
    assert_eq!(
        data(&desk, "sync-file-result", "data-outcome").await?,
        "failed",
        "{refused}"
    );
    desk.wait_text_containing(By::Id("sync-waiting"), "1 request")
        .await?;

    import.clear().await?;
    import.send_keys(answer.display().to_string()).await?;
    d.find(By::Id("sync-import")).await?.click().await?;
    let imported = desk
        .wait_text_containing(By::Id("sync-file-result"), "Answer imported at")
        .await?;
    assert_eq!(
        data(&desk, "sync-file-result", "data-outcome").await?,
        "succeeded"
    );
    assert!(imported.contains("Sent: 3 applied"), "{imported}");
    assert!(
        imported.contains("1 volunteers new or updated"),
        "the volunteer who registered meanwhile came with the answer: {imported}"
    );
    desk.wait_text_containing(By::Id("sync-waiting"), "nothing")
        .await?;
    desk.screenshot("26-sync-by-file").await;
    // The same answer twice changes nothing and says so.
    d.find(By::Id("sync-import")).await?.click().await?;
    let again = desk
        .wait_text_containing(By::Id("sync-file-result"), "answered before")
        .await?;
    assert!(again.contains("Sent: 0 applied"), "{again}");
    assert_eq!(
        data(&desk, "sync-last-attempt", "data-state").await?,
        "succeeded",
        "an answer brought back by file is a sync that went through"
    );
    desk.stop().await
}

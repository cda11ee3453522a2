//! Matching on real encrypted registers: each hard rule on its own, urgency and optimality over
//! first-come-first-served, explanations, decline and accept, re-running a day, recurrence.

use chrono::NaiveDate;
use solidesk_core::matching::{DayPlan, Reason};
use solidesk_core::office::OfficeUpdate;
use solidesk_core::requests::NewHelpRequest;
use solidesk_core::residents::NewResident;
use solidesk_core::volunteers::NewVolunteer;
use solidesk_core::{Key, Language, Register, VolunteerStatus};

/// Tuesday.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

struct Desk {
    _dir: tempfile::TempDir,
    reg: Register,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut reg =
        Register::create(&dir.path().join("r.db"), &Key::new("k").expect("key")).expect("create");
    reg.update_office(&OfficeUpdate {
        name: Some("OCMW Gent".into()),
        neighbourhood_km: Some(5.0),
        ..Default::default()
    })
    .expect("office");
    Desk { _dir: dir, reg }
}

impl Desk {
    fn resident(&mut self, last: &str, postal: &str, language: &str) -> String {
        self.reg
            .add_resident(&NewResident {
                first_name: "Maria".into(),
                last_name: last.into(),
                language: Some(language.into()),
                street: "Kerkstraat".into(),
                house_number: "1".into(),
                postal_code: Some(postal.into()),
                source: "test".into(),
                ..Default::default()
            })
            .expect("resident")
            .id
    }

    fn volunteer(&mut self, last: &str, f: impl FnOnce(&mut NewVolunteer)) -> String {
        let mut v = NewVolunteer {
            first_name: "Jan".into(),
            last_name: last.into(),
            languages: vec!["nl".into()],
            postal_code: "9000".into(),
            radius_km: 10.0,
            tasks: vec!["groceries".into(), "phone_checkin".into()],
            availability: vec!["tue:morning".into()],
            capacity_per_day: 1,
            ..Default::default()
        };
        f(&mut v);
        self.reg.add_volunteer(&v).expect("volunteer").id
    }

    fn request(
        &mut self,
        resident: &str,
        kind: &str,
        f: impl FnOnce(&mut NewHelpRequest),
    ) -> String {
        let mut q = NewHelpRequest {
            resident: resident.into(),
            kind: kind.into(),
            due_date: day().to_string(),
            part_of_day: Some("morning".into()),
            created_by: "test".into(),
            ..Default::default()
        };
        f(&mut q);
        self.reg.add_request(&q).expect("request").id
    }

    fn plan(&mut self) -> DayPlan {
        self.reg
            .plan_day(day(), "test", Language::En)
            .expect("plan")
    }
}

fn proposed_for(plan: &DayPlan, request: &str) -> Option<String> {
    plan.proposals
        .iter()
        .find(|p| p.request_id == request)
        .map(|p| p.volunteer_id.clone())
}

#[test]
fn each_hard_rule_on_its_own_keeps_a_volunteer_out() {
    let mut d = desk();
    let resident = d.resident("Peeters", "9000", "nl");
    let other = d.resident("Janssens", "9000", "nl");
    let request = d.request(&resident, "groceries", |_| {});
    let good = d.volunteer("Good", |_| {});
    // Each differs from `good` in exactly one respect.
    let language = d.volunteer("Language", |v| v.languages = vec!["fr".into()]);
    let task = d.volunteer("Task", |v| v.tasks = vec!["chat".into()]);
    let day_off = d.volunteer("Wednesday", |v| v.availability = vec!["wed:morning".into()]);
    let part = d.volunteer("Evening", |v| v.availability = vec!["tue:evening".into()]);
    let paused = d.volunteer("Paused", |_| {});
    d.reg
        .set_volunteer_status(&paused, VolunteerStatus::Paused)
        .expect("pause");
    // Brugge is far beyond the office's 5 km whatever the volunteer's own radius.
    let far = d.volunteer("Brugge", |v| {
        v.postal_code = "8000".into();
        v.radius_km = 100.0;
    });
    // Within the office's 5 km (Sint-Amandsberg) but beyond the volunteer's own 0.5 km.
    let own_radius = d.volunteer("Radius", |v| {
        v.postal_code = "9040".into();
        v.radius_km = 0.5;
    });
    let excluded = d.volunteer("Excluded", |_| {});
    d.reg
        .exclude_volunteer(&excluded, &resident, "refused", "")
        .expect("exclude");
    // Full: their one slot of the day is confirmed for another resident.
    let full = d.volunteer("Full", |_| {});
    let other_request = d.request(&other, "groceries", |_| {});
    d.reg
        .assign_volunteer(&other_request, day(), &full, "test", Language::En)
        .expect("manual");

    let candidates: Vec<String> = d
        .reg
        .alternatives(&request, day(), Language::En)
        .expect("alternatives")
        .into_iter()
        .map(|c| c.volunteer_id)
        .collect();
    assert_eq!(
        candidates,
        vec![good.clone()],
        "only the volunteer who meets every rule"
    );

    // And each excluded one is excluded by its own rule alone: choosing them by hand names
    // exactly that rule.
    type IsTheRule = fn(&Reason) -> bool;
    let expect: [(&str, IsTheRule); 8] = [
        (&language, |r| matches!(r, Reason::OverridesLanguage { .. })),
        (&task, |r| matches!(r, Reason::OverridesTask { .. })),
        (&day_off, |r| {
            matches!(r, Reason::OverridesAvailability { .. })
        }),
        (&part, |r| matches!(r, Reason::OverridesAvailability { .. })),
        (
            &far,
            |r| matches!(r, Reason::OverridesDistance { limit_km, .. } if *limit_km == 5.0),
        ),
        (
            &own_radius,
            |r| matches!(r, Reason::OverridesDistance { limit_km, .. } if *limit_km == 0.5),
        ),
        (&excluded, |r| matches!(r, Reason::OverridesExclusion)),
        (&full, |r| matches!(r, Reason::OverridesCapacity)),
    ];
    for (volunteer, is_the_rule) in expect {
        let (_dir, mut probe) = desk_copy(&mut d);
        let manual = probe
            .assign_volunteer(&request, day(), volunteer, "test", Language::En)
            .expect("a caseworker may override a rule");
        assert_eq!(
            manual.overridden.len(),
            1,
            "{volunteer}: {:?}",
            manual.overridden
        );
        assert!(
            is_the_rule(&manual.overridden[0]),
            "{volunteer}: {:?}",
            manual.overridden
        );
        assert!(!manual.why.is_empty());
    }
    // A paused volunteer is refused even by hand.
    let (_dir, mut probe) = desk_copy(&mut d);
    assert!(
        probe
            .assign_volunteer(&request, day(), &paused, "test", Language::En)
            .is_err()
    );

    let plan = d.plan();
    assert_eq!(proposed_for(&plan, &request), Some(good));
}

/// A copy of the desk's register (a backup restored into a new file), to try something on.
fn desk_copy(d: &mut Desk) -> (tempfile::TempDir, Register) {
    let dir = tempfile::tempdir().expect("temp");
    let key = Key::new("k").expect("key");
    let path = dir.path().join("copy.db");
    d.reg.backup_to(&path, &key).expect("backup");
    let reg = Register::open(&path, &key).expect("open copy");
    (dir, reg)
}

#[test]
fn tasks_by_phone_have_no_distance_limit() {
    let mut d = desk();
    let resident = d.resident("Peeters", "9000", "nl");
    let request = d.request(&resident, "phone_checkin", |_| {});
    let far = d.volunteer("Brugge", |v| {
        v.postal_code = "8000".into();
        v.radius_km = 1.0;
    });
    let plan = d.plan();
    assert_eq!(proposed_for(&plan, &request), Some(far));
    assert!(plan.proposals[0].distance_km.is_none());
    assert!(
        plan.proposals[0].why.contains("by phone"),
        "{}",
        plan.proposals[0].why
    );
}

#[test]
fn the_plan_serves_more_than_first_come_first_served() {
    let mut d = desk();
    let a = d.resident("Peeters", "9000", "nl");
    let b = d.resident("Janssens", "9050", "nl");
    // Request 1 comes first; its nearest volunteer is the only one request 2 can have.
    let first = d.request(&a, "groceries", |_| {});
    let second = d.request(&b, "pharmacy", |_| {});
    let both = d.volunteer("Both", |v| {
        v.tasks = vec!["groceries".into(), "pharmacy".into()];
    });
    let groceries_only = d.volunteer("Groceries", |v| v.postal_code = "9050".into());
    let plan = d.plan();
    assert_eq!(plan.objective.served, 2, "{plan:#?}");
    assert_eq!(proposed_for(&plan, &first), Some(groceries_only));
    assert_eq!(proposed_for(&plan, &second), Some(both));
}

#[test]
fn urgent_requests_come_first_and_the_rest_say_why() {
    let mut d = desk();
    let a = d.resident("Peeters", "9000", "nl");
    let b = d.resident("Janssens", "9000", "nl");
    let normal = d.request(&a, "groceries", |_| {});
    let urgent = d.request(&b, "groceries", |q| q.urgency = Some("urgent".into()));
    let only = d.volunteer("Only", |_| {});
    let plan = d.plan();
    assert_eq!(proposed_for(&plan, &urgent), Some(only));
    assert_eq!(plan.objective.served_urgent, 1);
    let left = &plan.unmatched[0];
    assert_eq!(left.request_id, normal);
    assert!(
        matches!(left.reasons[..], [Reason::TakenByOthers { count: 1 }]),
        "{:?}",
        left.reasons
    );
    assert!(left.why.contains("more urgent"), "{}", left.why);
}

#[test]
fn an_unmatched_request_says_what_is_missing() {
    let mut d = desk();
    let resident = d.resident("Schmitz", "9000", "de");
    let request = d.request(&resident, "groceries", |_| {});
    // Dutch speakers nearby, a German speaker who is free on Thursday only.
    d.volunteer("Dutch", |_| {});
    let plan = d.plan();
    let why = &plan
        .unmatched
        .iter()
        .find(|u| u.request_id == request)
        .expect("unmatched")
        .reasons;
    assert!(
        matches!(
            why[..],
            [Reason::NoneSpeaks {
                language: Language::De,
                others: 1,
                ..
            }]
        ),
        "{why:?}"
    );
    d.volunteer("German", |v| {
        v.languages = vec!["de".into()];
        v.availability = vec!["thu:morning".into()];
    });
    let plan = d.plan();
    let unmatched = plan
        .unmatched
        .iter()
        .find(|u| u.request_id == request)
        .expect("unmatched");
    assert!(
        matches!(
            unmatched.reasons[..],
            [Reason::NoneFree { count: 1, .. }, Reason::FreeOn { count: 1, date }]
                if date == NaiveDate::from_ymd_opt(2026, 12, 3).expect("date")
        ),
        "{:?}",
        unmatched.reasons
    );
    assert_eq!(
        unmatched.why,
        "1 who speaks German lives near enough, but none is free Tuesday morning; 1 would be free on Thursday 03/12"
    );
    let dutch = d.reg.plan_day(day(), "test", Language::Nl).expect("plan");
    assert!(
        dutch.unmatched[0].why.contains("dinsdagvoormiddag"),
        "{}",
        dutch.unmatched[0].why
    );
}

#[test]
fn the_same_register_gives_the_same_plan() {
    let mut d = desk();
    let mut requests = Vec::new();
    for (i, postal) in ["9000", "9050", "9040", "9030", "9000", "9050"]
        .iter()
        .enumerate()
    {
        let r = d.resident(&format!("Resident{i}"), postal, "nl");
        requests.push(d.request(
            &r,
            if i % 2 == 0 {
                "groceries"
            } else {
                "phone_checkin"
            },
            |_| {},
        ));
    }
    for (i, postal) in ["9000", "9050", "9040", "9000"].iter().enumerate() {
        d.volunteer(&format!("Volunteer{i}"), |v| {
            v.postal_code = (*postal).into()
        });
    }
    let first = d.plan();
    for _ in 0..3 {
        let again = d.plan();
        let pairs = |p: &DayPlan| {
            p.proposals
                .iter()
                .map(|x| (x.request_id.clone(), x.volunteer_id.clone(), x.cost))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&again), pairs(&first));
        assert_eq!(again.objective, first.objective);
    }
    assert_eq!(
        first.objective.served, 4,
        "four volunteers with one slot each"
    );
}

#[test]
fn accepting_declining_and_planning_again() {
    let mut d = desk();
    let a = d.resident("Peeters", "9000", "nl");
    let b = d.resident("Janssens", "9000", "nl");
    let first = d.request(&a, "groceries", |_| {});
    let second = d.request(&b, "groceries", |_| {});
    let v1 = d.volunteer("One", |_| {});
    let v2 = d.volunteer("Two", |v| v.postal_code = "9050".into());
    let v3 = d.volunteer("Three", |v| v.postal_code = "9040".into());
    let plan = d.plan();
    assert_eq!(plan.objective.served, 2);
    let p1 = plan
        .proposals
        .iter()
        .find(|p| p.request_id == first)
        .expect("p1")
        .clone();
    let accepted = d
        .reg
        .accept_proposal(&p1.assignment_id, Language::En)
        .expect("accept");
    assert_eq!(accepted.status, "confirmed");
    assert_eq!(
        d.reg.request(&first).expect("request").status.to_string(),
        "assigned"
    );

    let p2 = plan
        .proposals
        .iter()
        .find(|p| p.request_id == second)
        .expect("p2")
        .clone();
    let next = d
        .reg
        .decline_proposal(&p2.assignment_id, Language::En)
        .expect("decline");
    assert!(
        next.iter().all(|c| c.volunteer_id != p2.volunteer_id),
        "the declined one is not offered again"
    );
    assert!(
        next.iter().all(|c| c.volunteer_id != p1.volunteer_id),
        "a full volunteer is not offered"
    );
    assert_eq!(
        d.reg.request(&second).expect("request").status.to_string(),
        "open"
    );

    // Planning again keeps the confirmed assignment, and does not propose the declined pair.
    let again = d.plan();
    assert_eq!(again.kept.len(), 1);
    assert_eq!(again.kept[0].assignment_id, p1.assignment_id);
    assert_eq!(again.kept[0].volunteer_id, p1.volunteer_id);
    assert!(
        again.proposals.iter().all(|p| p.request_id != first),
        "a confirmed occurrence is not planned again"
    );
    let new_second = proposed_for(&again, &second).expect("someone else");
    assert_ne!(new_second, p2.volunteer_id);
    assert_ne!(new_second, p1.volunteer_id);
    assert!([&v1, &v2, &v3].contains(&&new_second));

    let confirmed = d.reg.confirm_day(day()).expect("confirm");
    assert_eq!((confirmed.confirmed, confirmed.skipped), (1, 0));
    let after = d.plan();
    assert!(after.proposals.is_empty());
    assert_eq!(after.kept.len(), 2);
    assert!(
        d.reg
            .accept_proposal(&p1.assignment_id, Language::En)
            .is_err(),
        "already confirmed"
    );
}

#[test]
fn continuity_prefers_the_volunteer_who_helped_before() {
    let mut d = desk();
    let resident = d.resident("Peeters", "9000", "nl");
    let near = d.volunteer("Near", |_| {});
    // Slightly further (Gentbrugge) but has helped Mrs Peeters twice before.
    let known = d.volunteer("Known", |v| {
        v.postal_code = "9050".into();
        v.availability = vec!["tue:morning".into(), "mon:morning".into()];
    });
    for date in ["2026-11-16", "2026-11-23"] {
        let earlier = d.request(&resident, "groceries", |q| q.due_date = date.into());
        let when = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
        d.reg
            .assign_volunteer(&earlier, when, &known, "test", Language::En)
            .expect("earlier visit");
    }
    let request = d.request(&resident, "groceries", |_| {});
    let plan = d.plan();
    assert_eq!(proposed_for(&plan, &request), Some(known), "{plan:#?}");
    let why = &plan.proposals[0].why;
    assert!(why.contains("helped Maria Peeters twice"), "{why}");
    assert!(!why.contains(&near));
}

#[test]
fn recurring_requests_are_planned_on_their_days() {
    let mut d = desk();
    let resident = d.resident("Peeters", "9000", "nl");
    // Weekly on Tuesdays since three weeks, across the end of the month.
    let weekly = d.request(&resident, "groceries", |q| {
        q.due_date = "2026-11-10".into();
        q.repeat = Some("weekly".into());
    });
    // Every other day from 2026-11-29: 29/11, 1/12 (over the month's end).
    let other = d.resident("Janssens", "9000", "nl");
    let every_other_day = d.request(&other, "phone_checkin", |q| {
        q.due_date = "2026-11-29".into();
        q.repeat = Some("every 2 days".into());
    });
    // Monthly from 30 November: not on 1 December.
    let third = d.resident("Maes", "9000", "nl");
    let monthly = d.request(&third, "groceries", |q| {
        q.due_date = "2026-11-30".into();
        q.repeat = Some("monthly".into());
    });
    d.volunteer("One", |v| v.capacity_per_day = 3);
    let plan = d.plan();
    assert!(proposed_for(&plan, &weekly).is_some());
    assert!(proposed_for(&plan, &every_other_day).is_some());
    assert!(proposed_for(&plan, &monthly).is_none());
    assert!(plan.unmatched.iter().all(|u| u.request_id != monthly));
    let not_due = d
        .reg
        .alternatives(&monthly, day(), Language::En)
        .expect_err("not due that day");
    assert!(not_due.to_string().contains("not due"), "{not_due}");
    assert!(
        d.reg
            .alternatives(&weekly, day(), Language::En)
            .is_ok_and(|c| !c.is_empty()),
        "the weekly request is due that Tuesday"
    );
    // The repeating request's status describes the series: it stays open.
    assert_eq!(
        d.reg.request(&weekly).expect("request").status.to_string(),
        "open"
    );
}

#[test]
fn the_graph_is_the_problem_the_plan_solved() {
    let mut d = desk();
    for (i, postal) in ["9000", "9050", "9040"].iter().enumerate() {
        let r = d.resident(&format!("Resident{i}"), postal, "nl");
        d.request(&r, "groceries", |q| {
            if i == 2 {
                q.urgency = Some("urgent".into());
            }
        });
    }
    d.volunteer("One", |_| {});
    d.volunteer("Two", |v| v.postal_code = "9050".into());
    let (plan, graph) = d
        .reg
        .plan_day_with_graph(day(), "test", Language::En)
        .expect("plan");
    assert_eq!(graph.requests.len(), 3);
    assert_eq!(graph.groups.len(), 3, "three postal codes, three groups");
    assert_eq!(graph.volunteers.len(), 2);
    assert_eq!(plan.size.edges as usize, graph.edges.len());
    let unserved: i64 = plan
        .unmatched
        .iter()
        .map(|u| {
            graph
                .requests
                .iter()
                .find(|r| r.id == u.request_id)
                .expect("in graph")
                .unserved_cost
        })
        .sum();
    assert_eq!(graph.total, plan.objective.cost + unserved);
    assert_eq!(plan.objective.served, 2);
    assert_eq!(plan.objective.served_urgent, 1);
    // Brute force over the graph, request by request (each may use its group's edges): no
    // other choice is cheaper.
    let mut best = i64::MAX;
    let n = graph.requests.len();
    let options: Vec<Vec<Option<usize>>> = graph
        .requests
        .iter()
        .map(|r| {
            let mut o = vec![None];
            o.extend(
                graph
                    .edges
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.hub == graph.groups[r.group as usize].hub)
                    .map(|(i, _)| Some(i)),
            );
            o
        })
        .collect();
    let mut pick = vec![0usize; n];
    loop {
        let mut used = vec![0u32; graph.volunteers.len()];
        let mut total = 0;
        let mut ok = true;
        for r in 0..n {
            match options[r][pick[r]] {
                Some(e) => {
                    let edge = graph.edges[e];
                    used[edge.volunteer as usize] += 1;
                    ok &= used[edge.volunteer as usize]
                        <= graph.volunteers[edge.volunteer as usize].capacity;
                    total += edge.cost;
                }
                None => total += graph.requests[r].unserved_cost,
            }
        }
        if ok {
            best = best.min(total);
        }
        let mut i = 0;
        while i < n {
            pick[i] += 1;
            if pick[i] < options[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
        if i == n {
            break;
        }
    }
    assert_eq!(graph.total, best);
}

#[test]
fn alike_requests_are_planned_as_one_group() {
    let mut d = desk();
    let mut requests = Vec::new();
    for i in 0..4 {
        let r = d.resident(&format!("Resident{i}"), "9000", "nl");
        requests.push(d.request(&r, "groceries", |_| {}));
    }
    d.volunteer("One", |v| v.capacity_per_day = 2);
    d.volunteer("Two", |v| v.postal_code = "9050".into());
    let (plan, graph) = d
        .reg
        .plan_day_with_graph(day(), "test", Language::En)
        .expect("plan");
    assert_eq!(graph.groups.len(), 1, "{graph:#?}");
    assert_eq!(graph.groups[0].supply, 4);
    assert_eq!(plan.objective.served, 3);
    // Among alike requests the earliest are served first.
    let served: Vec<&String> = plan.proposals.iter().map(|p| &p.request_id).collect();
    for r in &requests[..3] {
        assert!(served.contains(&r), "{r} not served: {plan:#?}");
    }
    assert_eq!(plan.unmatched[0].request_id, requests[3]);
}

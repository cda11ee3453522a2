//! Matching: every request of the day and every volunteer, planned together.
//!
//! A plan serves as many of the day's open request occurrences as the hard rules allow, the most
//! urgent first, and among such plans costs the least (distance, a new face for the resident,
//! volunteers asked often lately). It is the exact optimum of an assignment problem
//! ([`flow`]), so a request is never left unserved because an earlier one took "its" volunteer
//! first. Proposals are stored as `proposed` assignments; a caseworker accepts or declines them,
//! and only accepted ones bind anybody. Planning the day again keeps what was confirmed.

mod day;
pub mod flow;
mod why;

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Language, PartOfDay, Task, Urgency};
use crate::register::Register;
pub(crate) use day::SETTLED;
pub use day::tier;
use day::{Day, Demand, rule};
pub use why::{Reason, sentence};

/// A volunteer proposed (or confirmed) for one request occurrence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Proposal {
    /// The assignment's id.
    pub assignment_id: String,
    /// The assignment's number on this desk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub assignment_number: i64,
    /// `proposed` or `confirmed`.
    pub status: String,
    /// The request.
    pub request_id: String,
    /// The request's number on this desk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_number: i64,
    /// The day.
    pub date: NaiveDate,
    /// Who asked.
    pub resident_name: String,
    /// Their postal code (for the neighbourhood view).
    pub postal_code: Option<String>,
    /// What is needed.
    pub kind: Task,
    /// How soon.
    pub urgency: Urgency,
    /// Part of the day; `None` = any time.
    pub part_of_day: Option<PartOfDay>,
    /// The volunteer.
    pub volunteer_id: String,
    /// The volunteer's number on this desk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub volunteer_number: i64,
    /// The volunteer's name.
    pub volunteer_name: String,
    /// Distance between them (none for tasks by phone).
    pub distance_km: Option<f64>,
    /// The planner's cost for this pairing (none for a manual assignment).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub cost: Option<i64>,
    /// Why, as data.
    pub reasons: Vec<Reason>,
    /// Why, in words.
    pub why: String,
}

/// A request occurrence the plan could not serve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Unmatched {
    /// The request.
    pub request_id: String,
    /// The request's number on this desk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_number: i64,
    /// Who asked.
    pub resident_name: String,
    /// Their postal code.
    pub postal_code: Option<String>,
    /// What is needed.
    pub kind: Task,
    /// How soon.
    pub urgency: Urgency,
    /// What is missing, as data.
    pub reasons: Vec<Reason>,
    /// What is missing, in words.
    pub why: String,
}

/// How good the plan is, in the order the planner optimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Objective {
    /// Occurrences served by the plan.
    pub served: u32,
    /// Of which urgent.
    pub served_urgent: u32,
    /// Occurrences left unserved.
    pub unserved: u32,
    /// Sum of the costs of the proposals.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost: i64,
}

/// The plan of one day.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DayPlan {
    /// The day.
    pub date: NaiveDate,
    /// New proposals, most urgent first.
    pub proposals: Vec<Proposal>,
    /// Occurrences the plan could not serve, most urgent first.
    pub unmatched: Vec<Unmatched>,
    /// Assignments confirmed before this run, kept as they were.
    pub kept: Vec<Proposal>,
    /// The optimised quantities.
    pub objective: Objective,
    /// Size of the problem solved.
    pub size: ProblemSize,
}

/// Size of the problem solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ProblemSize {
    /// Occurrences planned.
    pub requests: u32,
    /// Volunteers with room that day.
    pub volunteers: u32,
    /// Feasible pairings.
    pub edges: u32,
}

/// The exact problem a plan solved, for checking it with another solver: minimise the sum of
/// the chosen edges' costs plus the `unserved_cost` of every request left out, each request
/// served at most once and each volunteer at most `capacity` times.
///
/// Alike requests (same candidates at the same costs) share a hub, and the edges are stated once
/// per hub; the requests of a hub with the same urgency form a group. As a min-cost flow, each
/// group supplies as many units as it has requests and sends them to its hub (then along the
/// hub's edges, volunteer capacities on the way to the sink) or straight to the sink at
/// `unserved_cost`. That is the same optimum as the request-by-request problem, written in far
/// fewer edges.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// The day.
    pub date: NaiveDate,
    /// Requests, in the planner's order, each with its group.
    pub requests: Vec<GraphRequest>,
    /// Groups of alike requests.
    pub groups: Vec<GraphGroup>,
    /// Volunteers with room left.
    pub volunteers: Vec<GraphVolunteer>,
    /// Feasible pairings, by hub (see [`GraphGroup::hub`]) and index into `volunteers`.
    pub edges: Vec<GraphEdge>,
    /// The plan's value of the objective above.
    pub total: i64,
    /// Served, urgent served, cost.
    pub objective: Objective,
}

/// A request in [`Graph`].
#[derive(Debug, Clone, Serialize)]
pub struct GraphRequest {
    /// Request id.
    pub id: String,
    /// Its number on this desk.
    pub number: i64,
    /// Its urgency.
    pub urgency: Urgency,
    /// The price of leaving it unserved.
    pub unserved_cost: i64,
    /// Index into [`Graph::groups`].
    pub group: u32,
}

/// A group of alike requests in [`Graph`].
#[derive(Debug, Clone, Serialize)]
pub struct GraphGroup {
    /// How many requests it holds.
    pub supply: u32,
    /// Their urgency.
    pub urgency: Urgency,
    /// The hub whose edges they use: groups of different urgency with the same candidates at
    /// the same costs share one.
    pub hub: u32,
    /// The price of leaving one of them unserved.
    pub unserved_cost: i64,
}

/// A volunteer in [`Graph`].
#[derive(Debug, Clone, Serialize)]
pub struct GraphVolunteer {
    /// Volunteer id.
    pub id: String,
    /// Requests it can still take that day.
    pub capacity: u32,
}

/// An edge in [`Graph`].
#[derive(Debug, Clone, Copy, Serialize)]
pub struct GraphEdge {
    /// The hub.
    pub hub: u32,
    /// Index into [`Graph::volunteers`].
    pub volunteer: u32,
    /// Integer cost of sending one request of the group to this volunteer.
    pub cost: i64,
    /// The distance behind it (none for tasks by phone).
    pub distance_km: Option<f64>,
}

/// A volunteer who could take a request occurrence, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Candidate {
    /// The volunteer.
    pub volunteer_id: String,
    /// The volunteer's number on this desk.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub volunteer_number: i64,
    /// Name.
    pub volunteer_name: String,
    /// Distance (none for tasks by phone).
    pub distance_km: Option<f64>,
    /// The planner's cost.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost: i64,
    /// Requests the volunteer can still take that day, counting today's proposals.
    pub room: u32,
    /// Why, as data.
    pub reasons: Vec<Reason>,
    /// Why, in words.
    pub why: String,
}

/// What a manual assignment did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ManualAssignment {
    /// The confirmed assignment.
    pub assignment: Proposal,
    /// Rules the caseworker chose to set aside (empty when the volunteer was a candidate).
    pub overridden: Vec<Reason>,
    /// Those, in words.
    pub why: String,
}

/// What confirming a day did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Confirmed {
    /// Proposals confirmed.
    pub confirmed: u32,
    /// Proposals left as they were because their volunteer's day filled up meanwhile.
    pub skipped: u32,
}

/// The plan computed, before anything is written.
struct Solved {
    day: Day,
    /// Indexes of the volunteers in the problem (those with room).
    volunteers: Vec<usize>,
    /// The demands each request group stands for, in request order.
    groups: Vec<Vec<usize>>,
    problem: flow::Problem,
    /// Distance per edge.
    km: Vec<Option<f64>>,
    /// Candidates per hub.
    candidates: Vec<u32>,
    solution: flow::Solution,
    /// Per demand: the edge that serves it.
    served_by: Vec<Option<usize>>,
}

/// What makes two occurrences interchangeable for the planner: the same task, languages, part
/// of the day and location (none for tasks by phone), and nothing particular between their
/// resident and any volunteer (no exclusion, no decline, no earlier visit). Alike occurrences
/// have the same candidates at the same costs, so they share a hub (and, of one urgency, a
/// group): a city's day has tens of thousands of occurrences but far fewer kinds of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Likeness {
    kind: Task,
    language: Language,
    resident_language: Language,
    part: Option<PartOfDay>,
    at: Option<(u64, u64)>,
}

fn likeness(day: &Day, d: &Demand) -> Option<Likeness> {
    let q = &d.request;
    let particular = day.excluded.contains_key(q.resident_id.as_str())
        || day.declined.contains_key(q.id.as_str())
        || day.helped.contains_key(q.resident_id.as_str());
    (!particular).then(|| Likeness {
        kind: q.kind,
        language: q.language,
        resident_language: d.resident_language,
        part: q.part_of_day,
        at: if q.kind.is_remote() {
            None
        } else {
            d.at.map(|(lat, lon)| (lat.to_bits(), lon.to_bits()))
        },
    })
}

fn solve_day(day: Day) -> Solved {
    let n = day.demands.len();
    // Hubs: alike occurrences of any urgency (same candidates, same costs); groups: a hub's
    // occurrences of one urgency. Demands are in planner order, so each group's members are in
    // request order.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_hub: Vec<u32> = Vec::new();
    let mut hub_first: Vec<usize> = Vec::new();
    {
        let mut hub_of: HashMap<Likeness, u32> = HashMap::new();
        let mut group_of: HashMap<(u32, Urgency), usize> = HashMap::new();
        for (r, d) in day.demands.iter().enumerate() {
            let hub = match likeness(&day, d) {
                Some(key) => *hub_of.entry(key).or_insert_with(|| {
                    hub_first.push(r);
                    (hub_first.len() - 1) as u32
                }),
                None => {
                    hub_first.push(r);
                    (hub_first.len() - 1) as u32
                }
            };
            let g = *group_of.entry((hub, d.request.urgency)).or_insert_with(|| {
                groups.push(Vec::new());
                group_hub.push(hub);
                groups.len() - 1
            });
            groups[g].push(r);
        }
    }
    let mut slot = vec![u32::MAX; day.helpers.len()];
    let mut volunteers = Vec::new();
    let mut capacity = Vec::new();
    let mut edges = Vec::new();
    let mut km = Vec::new();
    let mut candidates = vec![0u32; hub_first.len()];
    for (hub, &first) in hub_first.iter().enumerate() {
        let d = &day.demands[first];
        let context = day.context(d);
        for h in day.shortlist(d) {
            let h = h as usize;
            let (bits, dist) = day.failures_in(&context, d, h, day.weekday, true);
            if bits != 0 {
                continue;
            }
            if slot[h] == u32::MAX {
                slot[h] = volunteers.len() as u32;
                volunteers.push(h);
                capacity.push(day.helpers[h].room);
            }
            edges.push(flow::Edge {
                hub: hub as u32,
                volunteer: slot[h],
                cost: day.price(d, h, dist),
            });
            km.push(dist);
            candidates[hub] += 1;
        }
    }
    let problem = flow::Problem {
        supply: groups.iter().map(|m| m.len() as u32).collect(),
        tier: groups
            .iter()
            .map(|m| tier(day.demands[m[0]].request.urgency))
            .collect(),
        hub: group_hub,
        capacity,
        edges,
    };
    let solution = flow::solve(&problem);
    // Back from hubs to occurrences: each group's served occurrences are its earliest requests;
    // within a hub they take its edges' flow in edge order (all of a hub's occurrences cost
    // the same on an edge, so which goes where does not change the plan's value).
    let mut waiting: Vec<Vec<usize>> = vec![Vec::new(); hub_first.len()];
    for (g, members) in groups.iter().enumerate() {
        let served = members.len() - solution.unserved[g] as usize;
        waiting[problem.hub[g] as usize].extend_from_slice(&members[..served]);
    }
    for list in &mut waiting {
        // Planner order: most urgent first, then by request number.
        list.sort_unstable();
        list.reverse();
    }
    let mut served_by = vec![None; n];
    for (e, (edge, f)) in problem.edges.iter().zip(&solution.flow).enumerate() {
        for _ in 0..*f {
            if let Some(r) = waiting[edge.hub as usize].pop() {
                served_by[r] = Some(e);
            }
        }
    }
    Solved {
        day,
        volunteers,
        groups,
        problem,
        km,
        candidates,
        solution,
        served_by,
    }
}

impl Solved {
    fn objective(&self) -> Objective {
        let mut o = Objective {
            served: 0,
            served_urgent: 0,
            unserved: 0,
            cost: 0,
        };
        for (r, by) in self.served_by.iter().enumerate() {
            match by {
                Some(e) => {
                    o.served += 1;
                    o.cost += self.problem.edges[*e].cost;
                    if self.day.demands[r].request.urgency == Urgency::Urgent {
                        o.served_urgent += 1;
                    }
                }
                None => o.unserved += 1,
            }
        }
        o
    }

    fn graph(&self) -> Graph {
        let step = self.problem.unserved_price_step();
        let price = |g: usize| (i64::from(self.problem.tier[g]) + 1) * step;
        let mut requests = Vec::with_capacity(self.day.demands.len());
        for (g, members) in self.groups.iter().enumerate() {
            for &r in members {
                let d = &self.day.demands[r];
                requests.push(GraphRequest {
                    id: d.request.id.clone(),
                    number: d.request.local_id,
                    urgency: d.request.urgency,
                    unserved_cost: price(g),
                    group: g as u32,
                });
            }
        }
        Graph {
            date: self.day.date,
            requests,
            groups: self
                .problem
                .supply
                .iter()
                .enumerate()
                .map(|(g, s)| GraphGroup {
                    supply: *s,
                    urgency: self.day.demands[self.groups[g][0]].request.urgency,
                    hub: self.problem.hub[g],
                    unserved_cost: price(g),
                })
                .collect(),
            volunteers: self
                .volunteers
                .iter()
                .zip(&self.problem.capacity)
                .map(|(h, c)| GraphVolunteer {
                    id: self.day.helpers[*h].id.clone(),
                    capacity: *c,
                })
                .collect(),
            edges: self
                .problem
                .edges
                .iter()
                .zip(&self.km)
                .map(|(e, km)| GraphEdge {
                    hub: e.hub,
                    volunteer: e.volunteer,
                    cost: e.cost,
                    distance_km: *km,
                })
                .collect(),
            total: self.solution.total,
            objective: self.objective(),
        }
    }
}

const ASSIGNMENT_COLUMNS: &str = "a.id, a.local_id, a.status, q.id, q.local_id, a.occurrence_date,
    r.first_name || ' ' || r.last_name, r.postal_code, q.kind, q.urgency, q.part_of_day,
    v.id, v.local_id, v.first_name || ' ' || v.last_name, a.distance_km, a.cost, a.why";

fn assignment_from_row(row: &rusqlite::Row<'_>, language: Language) -> rusqlite::Result<Proposal> {
    let part: String = row.get(10)?;
    let why: String = row.get(16)?;
    let reasons: Vec<Reason> = serde_json::from_str(&why).unwrap_or_default();
    Ok(Proposal {
        assignment_id: row.get(0)?,
        assignment_number: row.get(1)?,
        status: row.get(2)?,
        request_id: row.get(3)?,
        request_number: row.get(4)?,
        date: row.get::<_, String>(5)?.parse().unwrap_or_default(),
        resident_name: row.get(6)?,
        postal_code: row.get(7)?,
        kind: row.get(8)?,
        urgency: row.get(9)?,
        part_of_day: part.parse().ok(),
        volunteer_id: row.get(11)?,
        volunteer_number: row.get(12)?,
        volunteer_name: row.get(13)?,
        distance_km: row.get(14)?,
        cost: row.get(15)?,
        why: sentence(&reasons, language),
        reasons,
    })
}

impl Register {
    /// Plans `date`: proposes a volunteer for every open occurrence the rules and capacities
    /// allow, replacing the day's earlier proposals and keeping its confirmed assignments.
    /// Explanations are in `language`.
    #[tracing::instrument(skip_all, err)]
    pub fn plan_day(&mut self, date: NaiveDate, by: &str, language: Language) -> Result<DayPlan> {
        Ok(self.plan_day_with_graph(date, by, language)?.0)
    }

    /// [`Register::plan_day`], also returning the exact problem it solved.
    pub fn plan_day_with_graph(
        &mut self,
        date: NaiveDate,
        by: &str,
        language: Language,
    ) -> Result<(DayPlan, Graph)> {
        let day = Day::load(&self.conn, date, None)?;
        let solved = solve_day(day);
        let now = crate::now();
        let day_text = date.to_string();
        let Solved {
            day,
            volunteers,
            groups,
            problem,
            km,
            candidates,
            served_by,
            ..
        } = &solved;
        let group_of: Vec<usize> = {
            let mut g = vec![0; day.demands.len()];
            for (i, members) in groups.iter().enumerate() {
                for &r in members {
                    g[r] = i;
                }
            }
            g
        };
        let room: Vec<u32> = day.helpers.iter().map(|h| h.room).collect();
        // Earlier proposals of the day: those the new plan repeats stay as they are (their
        // numbers too, which a caseworker may have noted), the others give way.
        let mut earlier: HashMap<(String, String), (String, i64, i64, String)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT request_id, volunteer_id, id, local_id, coalesce(cost, -1), why
                 FROM assignment WHERE occurrence_date = ?1 AND status = 'proposed'
                   AND deleted_at IS NULL",
            )?;
            let mut rows = stmt.query([&day_text])?;
            while let Some(row) = rows.next()? {
                earlier.insert(
                    (row.get(0)?, row.get(1)?),
                    (row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?),
                );
            }
        }
        let mut proposals = Vec::new();
        self.with_tx(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO assignment (id, request_id, occurrence_date, volunteer_id, status, origin,
                     created_by, created_at, updated_at, cost, distance_km, why)
                 VALUES (?1, ?2, ?3, ?4, 'proposed', 'matching', ?5, ?6, ?6, ?7, ?8, ?9)",
            )?;
            let mut refresh = tx.prepare_cached(
                "UPDATE assignment SET cost = ?2, distance_km = ?3, why = ?4, updated_at = ?5
                 WHERE id = ?1",
            )?;
            let mut mark = tx.prepare_cached(
                "UPDATE help_request SET status = 'proposed', updated_at = ?2
                 WHERE id = ?1 AND recurrence IS NULL AND status = 'open'",
            )?;
            for (r, by_edge) in served_by.iter().enumerate() {
                let Some(e) = by_edge else { continue };
                let d = &day.demands[r];
                let h = volunteers[problem.edges[*e].volunteer as usize];
                let v = &day.helpers[h];
                let reasons = day.reasons(d, h, km[*e]);
                let why = serde_json::to_string(&reasons).unwrap_or_else(|_| "[]".into());
                let cost = problem.edges[*e].cost;
                let distance_km = km[*e].map(|k| (k * 10.0).round() / 10.0);
                let (assignment_id, assignment_number) =
                    match earlier.remove(&(d.request.id.clone(), v.id.clone())) {
                        Some((id, number, old_cost, old_why)) => {
                            if old_cost != cost || old_why != why {
                                refresh.execute(params![id, cost, distance_km, why, now])?;
                            }
                            (id, number)
                        }
                        None => {
                            let id = crate::new_id();
                            insert.execute(params![
                                id,
                                d.request.id,
                                day_text,
                                v.id,
                                by,
                                now,
                                cost,
                                distance_km,
                                why,
                            ])?;
                            mark.execute(params![d.request.id, now])?;
                            (id, tx.last_insert_rowid())
                        }
                    };
                proposals.push(Proposal {
                    assignment_id,
                    assignment_number,
                    status: "proposed".into(),
                    request_id: d.request.id.clone(),
                    request_number: d.request.local_id,
                    date,
                    resident_name: d.request.resident_name.clone(),
                    postal_code: d.postal_code.clone(),
                    kind: d.request.kind,
                    urgency: d.request.urgency,
                    part_of_day: d.request.part_of_day,
                    volunteer_id: v.id.clone(),
                    volunteer_number: v.local_id,
                    volunteer_name: v.name.clone(),
                    distance_km,
                    cost: Some(cost),
                    why: sentence(&reasons, language),
                    reasons,
                });
            }
            // What the new plan no longer proposes: gone, and one-off requests that were
            // proposed only through it are open again.
            // (Which requests still have a proposal is known here; asking SQLite per request
            // once took 50 s on a city day: without statistics it scanned the day's index.)
            let still_proposed: std::collections::HashSet<&str> =
                proposals.iter().map(|p| p.request_id.as_str()).collect();
            let mut drop = tx.prepare_cached("DELETE FROM assignment WHERE id = ?1")?;
            let mut reopen = tx.prepare_cached(
                "UPDATE help_request SET status = 'open', updated_at = ?2
                 WHERE id = ?1 AND recurrence IS NULL AND status = 'proposed'",
            )?;
            for ((request_id, _), (id, _, _, _)) in &earlier {
                drop.execute([id])?;
                if !still_proposed.contains(request_id.as_str()) {
                    reopen.execute(params![request_id, now])?;
                }
            }
            Ok(())
        })?;
        let kept = self.assignments_with(date, language, SETTLED)?;
        // Alike occurrences are missing the same things: explained once per hub.
        let mut explained: std::collections::HashMap<usize, Vec<Reason>> = Default::default();
        let unmatched = served_by
            .iter()
            .enumerate()
            .filter(|(_, by)| by.is_none())
            .map(|(r, _)| {
                let d: &Demand = &day.demands[r];
                let hub = problem.hub[group_of[r]] as usize;
                let reasons = explained
                    .entry(hub)
                    .or_insert_with(|| day.why_unmatched(d, &room, candidates[hub] as usize))
                    .clone();
                Unmatched {
                    request_id: d.request.id.clone(),
                    request_number: d.request.local_id,
                    resident_name: d.request.resident_name.clone(),
                    postal_code: d.postal_code.clone(),
                    kind: d.request.kind,
                    urgency: d.request.urgency,
                    why: sentence(&reasons, language),
                    reasons,
                }
            })
            .collect();
        let plan = DayPlan {
            date,
            proposals,
            unmatched,
            kept,
            objective: solved.objective(),
            size: ProblemSize {
                requests: day.demands.len() as u32,
                volunteers: volunteers.len() as u32,
                edges: problem.edges.len() as u32,
            },
        };
        Ok((plan, solved.graph()))
    }

    /// Why the planner would leave occurrences of `date` without a volunteer, by request id,
    /// worded in `language`; computed without writing anything (the printed overview asks
    /// this of a day that may not have been planned since its last change). Occurrences the
    /// planner would serve are absent.
    pub(crate) fn explain_unplanned(
        &self,
        date: NaiveDate,
        language: Language,
    ) -> Result<HashMap<String, String>> {
        let day = Day::load(&self.conn, date, None)?;
        let solved = solve_day(day);
        let Solved {
            day,
            groups,
            problem,
            candidates,
            served_by,
            ..
        } = &solved;
        let room: Vec<u32> = day.helpers.iter().map(|h| h.room).collect();
        let mut hub_of_demand = vec![0usize; day.demands.len()];
        for (g, members) in groups.iter().enumerate() {
            for &r in members {
                hub_of_demand[r] = problem.hub[g] as usize;
            }
        }
        let mut explained: HashMap<usize, String> = HashMap::new();
        let mut out = HashMap::new();
        for (r, by) in served_by.iter().enumerate() {
            if by.is_some() {
                continue;
            }
            let d: &Demand = &day.demands[r];
            let hub = hub_of_demand[r];
            let why = explained
                .entry(hub)
                .or_insert_with(|| {
                    sentence(
                        &day.why_unmatched(d, &room, candidates[hub] as usize),
                        language,
                    )
                })
                .clone();
            out.insert(d.request.id.clone(), why);
        }
        Ok(out)
    }

    /// The day's assignments in `statuses` (an SQL list), most urgent first.
    fn assignments_with(
        &self,
        date: NaiveDate,
        language: Language,
        statuses: &str,
    ) -> Result<Vec<Proposal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ASSIGNMENT_COLUMNS}
             FROM assignment a JOIN help_request q ON q.id = a.request_id
                  JOIN resident r ON r.id = q.resident_id JOIN volunteer v ON v.id = a.volunteer_id
             WHERE a.occurrence_date = ?1 AND a.deleted_at IS NULL
               AND a.status IN {statuses}
             ORDER BY CASE q.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
                      q.local_id, a.local_id"
        ))?;
        let rows = stmt
            .query_map([date.to_string()], |row| assignment_from_row(row, language))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn assignment(&self, id_or_number: &str, language: Language) -> Result<Proposal> {
        let key = id_or_number.trim();
        let by_number = key.parse::<i64>().ok();
        self.conn
            .query_row(
                &format!(
                    "SELECT {ASSIGNMENT_COLUMNS}
                     FROM assignment a JOIN help_request q ON q.id = a.request_id
                          JOIN resident r ON r.id = q.resident_id JOIN volunteer v ON v.id = a.volunteer_id
                     WHERE a.deleted_at IS NULL AND (a.id = ?1 OR a.local_id = ?2)"
                ),
                params![key, by_number],
                |row| assignment_from_row(row, language),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "assignment",
                id: key.to_owned(),
            })
    }

    /// Settled assignments of a volunteer on a day.
    fn settled_count(&self, volunteer_id: &str, date: &str) -> Result<u32> {
        Ok(self.conn.query_row(
            &format!(
                "SELECT count(*) FROM assignment WHERE volunteer_id = ?1 AND occurrence_date = ?2
                   AND deleted_at IS NULL AND status IN {SETTLED}"
            ),
            params![volunteer_id, date],
            |r| r.get(0),
        )?)
    }

    /// Accepts a proposal: it becomes a confirmed assignment (and a one-off request assigned).
    /// Refused when the volunteer's day has filled up since, or the occurrence already has
    /// a confirmed volunteer.
    pub fn accept_proposal(&mut self, assignment: &str, language: Language) -> Result<Proposal> {
        let a = self.assignment(assignment, language)?;
        if a.status != "proposed" {
            return Err(Error::InvalidTransition {
                what: "assignment",
                from: a.status,
                to: "confirmed".into(),
            });
        }
        let date = a.date.to_string();
        let capacity: u32 = self.conn.query_row(
            "SELECT capacity_per_day FROM volunteer WHERE id = ?1",
            [&a.volunteer_id],
            |r| r.get(0),
        )?;
        if self.settled_count(&a.volunteer_id, &date)? >= capacity {
            return Err(Error::invalid(
                "volunteer",
                format!(
                    "{} already has {capacity} confirmed assignment(s) on {}; decline this proposal and pick someone else",
                    a.volunteer_name, a.date
                ),
            ));
        }
        self.refuse_second_volunteer(&a.request_id, &date)?;
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE assignment SET status = 'confirmed', updated_at = ?2 WHERE id = ?1",
                params![a.assignment_id, now],
            )?;
            tx.execute(
                "UPDATE help_request SET status = 'assigned', updated_at = ?2
                 WHERE id = ?1 AND recurrence IS NULL AND status IN ('open', 'proposed')",
                params![a.request_id, now],
            )?;
            Ok(())
        })?;
        self.assignment(&a.assignment_id, language)
    }

    fn refuse_second_volunteer(&self, request_id: &str, date: &str) -> Result<()> {
        let existing: Option<String> = self
            .conn
            .query_row(
                &format!(
                    "SELECT v.first_name || ' ' || v.last_name FROM assignment a
                     JOIN volunteer v ON v.id = a.volunteer_id
                     WHERE a.request_id = ?1 AND a.occurrence_date = ?2 AND a.deleted_at IS NULL
                       AND a.status IN {SETTLED}"
                ),
                params![request_id, date],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(name) => Err(Error::invalid(
                "request",
                format!("{name} is already confirmed for this request on {date}"),
            )),
            None => Ok(()),
        }
    }

    /// Declines a proposal: that volunteer is not proposed for that occurrence again, the
    /// request is open again, and the next-best candidates are returned.
    pub fn decline_proposal(
        &mut self,
        assignment: &str,
        language: Language,
    ) -> Result<Vec<Candidate>> {
        let a = self.assignment(assignment, language)?;
        if a.status != "proposed" {
            return Err(Error::InvalidTransition {
                what: "assignment",
                from: a.status,
                to: "declined".into(),
            });
        }
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE assignment SET status = 'declined', updated_at = ?2 WHERE id = ?1",
                params![a.assignment_id, now],
            )?;
            tx.execute(
                "UPDATE help_request SET status = 'open', updated_at = ?2
                 WHERE id = ?1 AND recurrence IS NULL AND status = 'proposed'",
                params![a.request_id, now],
            )?;
            Ok(())
        })?;
        self.alternatives(&a.request_id, a.date, language)
    }

    /// The volunteers who could take a request's occurrence on `date`, best first: every
    /// candidate the hard rules allow, counting the day's proposals against their room.
    pub fn alternatives(
        &self,
        request: &str,
        date: NaiveDate,
        language: Language,
    ) -> Result<Vec<Candidate>> {
        let request = self.request(request)?;
        // (One request's rule, not the whole day's list: this runs after every decline.)
        if !day::due_on(&request, date) {
            return Err(Error::invalid(
                "date",
                format!("request {} is not due on {date}", request.local_id),
            ));
        }
        let request_id = request.id.clone();
        let day = Day::load(&self.conn, date, Some(&request_id))?;
        let Some(d) = day.demands.first() else {
            return Ok(Vec::new());
        };
        // Room counts today's other proposals too: a caseworker picking from this list should
        // not undo another request's proposal without knowing.
        let mut proposed = std::collections::HashMap::<String, u32>::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT volunteer_id FROM assignment WHERE occurrence_date = ?1
                   AND status = 'proposed' AND deleted_at IS NULL AND request_id <> ?2",
            )?;
            let mut rows = stmt.query(params![date.to_string(), request_id])?;
            while let Some(row) = rows.next()? {
                *proposed.entry(row.get(0)?).or_default() += 1;
            }
        }
        let mut out: Vec<Candidate> = Vec::new();
        for h in day.nearby(d) {
            let h = h as usize;
            let v = &day.helpers[h];
            let room = v
                .room
                .saturating_sub(proposed.get(&v.id).copied().unwrap_or(0));
            let (bits, km) = day.failures(d, h, day.weekday, room > 0);
            if bits != 0 {
                continue;
            }
            let reasons = day.reasons(d, h, km);
            out.push(Candidate {
                volunteer_id: v.id.clone(),
                volunteer_number: v.local_id,
                volunteer_name: v.name.clone(),
                distance_km: km.map(|k| (k * 10.0).round() / 10.0),
                cost: day.price(d, h, km),
                room,
                why: sentence(&reasons, language),
                reasons,
            });
        }
        out.sort_by_key(|c| (c.cost, c.volunteer_number));
        Ok(out)
    }

    /// Assigns a volunteer by hand, confirmed at once, whether or not the planner proposed
    /// them. Rules the choice sets aside are returned (and recorded with the assignment);
    /// only a volunteer who is not active, or one already confirmed for this occurrence, is
    /// refused. A proposal of someone else for the occurrence is declined.
    pub fn assign_volunteer(
        &mut self,
        request: &str,
        date: NaiveDate,
        volunteer: &str,
        by: &str,
        language: Language,
    ) -> Result<ManualAssignment> {
        let request = self.request(request)?;
        let volunteer = self.volunteer(volunteer)?;
        // (One request's rule, not the whole day's list: this runs after every decline.)
        if !day::due_on(&request, date) {
            return Err(Error::invalid(
                "date",
                format!("request {} is not due on {date}", request.local_id),
            ));
        }
        let day_text = date.to_string();
        self.refuse_second_volunteer(&request.id, &day_text)?;
        let request_id = request.id.clone();
        let day = Day::load(&self.conn, date, Some(&request_id))?;
        let Some(d) = day.demands.first() else {
            return Err(Error::invalid(
                "request",
                "this request is closed; open it again before assigning someone",
            ));
        };
        let h = day
            .helpers
            .iter()
            .position(|v| v.id == volunteer.id)
            .ok_or_else(|| Error::NotFound {
                what: "volunteer",
                id: volunteer.id.clone(),
            })?;
        let (bits, km) = day.failures(d, h, day.weekday, day.helpers[h].room > 0);
        if bits & rule::ACTIVE != 0 {
            return Err(Error::invalid(
                "volunteer",
                format!(
                    "{} {} is {}; make them active again first",
                    volunteer.first_name, volunteer.last_name, volunteer.status
                ),
            ));
        }
        let overridden = why::broken_rules(bits, d, km, day.limit_km.min(day.helpers[h].radius_km));
        let mut reasons = day.reasons(d, h, km);
        reasons.extend(overridden.iter().cloned());
        let now = crate::now();
        let id = crate::new_id();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE assignment SET status = 'declined', updated_at = ?3
                 WHERE request_id = ?1 AND occurrence_date = ?2 AND status = 'proposed'",
                params![request_id, day_text, now],
            )?;
            // A decline of this very volunteer earlier in the day is overruled by the person
            // choosing them now: that row becomes the assignment.
            tx.execute(
                "DELETE FROM assignment WHERE request_id = ?1 AND occurrence_date = ?2
                   AND volunteer_id = ?3 AND status IN ('declined', 'cancelled')",
                params![request_id, day_text, volunteer.id],
            )?;
            tx.execute(
                "INSERT INTO assignment (id, request_id, occurrence_date, volunteer_id, status, origin,
                     created_by, created_at, updated_at, cost, distance_km, why)
                 VALUES (?1, ?2, ?3, ?4, 'confirmed', 'manual', ?5, ?6, ?6, NULL, ?7, ?8)",
                params![
                    id,
                    request_id,
                    day_text,
                    volunteer.id,
                    by,
                    now,
                    km.map(|k| (k * 10.0).round() / 10.0),
                    serde_json::to_string(&reasons).unwrap_or_else(|_| "[]".into()),
                ],
            )?;
            tx.execute(
                "UPDATE help_request SET status = 'assigned', updated_at = ?2
                 WHERE id = ?1 AND recurrence IS NULL AND status IN ('open', 'proposed')",
                params![request_id, now],
            )?;
            Ok(())
        })?;
        Ok(ManualAssignment {
            assignment: self.assignment(&id, language)?,
            why: sentence(&overridden, language),
            overridden,
        })
    }

    /// Confirms every proposal of `date` whose volunteer still has room.
    pub fn confirm_day(&mut self, date: NaiveDate) -> Result<Confirmed> {
        let day_text = date.to_string();
        let now = crate::now();
        self.with_tx(|tx| {
            let mut proposals: Vec<(String, String, String, u32)> = Vec::new();
            {
                let mut stmt = tx.prepare(
                    "SELECT a.id, a.volunteer_id, a.request_id, v.capacity_per_day
                     FROM assignment a JOIN volunteer v ON v.id = a.volunteer_id
                     JOIN help_request q ON q.id = a.request_id
                     WHERE a.occurrence_date = ?1 AND a.status = 'proposed' AND a.deleted_at IS NULL
                     ORDER BY CASE q.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
                              q.local_id",
                )?;
                let rows = stmt.query_map([&day_text], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
                for row in rows {
                    proposals.push(row?);
                }
            }
            let mut used: std::collections::HashMap<String, u32> = Default::default();
            let mut taken: std::collections::HashSet<String> = Default::default();
            {
                let mut stmt = tx.prepare(&format!(
                    "SELECT volunteer_id, request_id FROM assignment WHERE occurrence_date = ?1
                       AND deleted_at IS NULL AND status IN {SETTLED}"
                ))?;
                let mut rows = stmt.query([&day_text])?;
                while let Some(row) = rows.next()? {
                    *used.entry(row.get(0)?).or_default() += 1;
                    taken.insert(row.get(1)?);
                }
            }
            let mut result = Confirmed {
                confirmed: 0,
                skipped: 0,
            };
            for (id, volunteer, request, capacity) in proposals {
                let n = used.entry(volunteer).or_default();
                if *n >= capacity || taken.contains(&request) {
                    result.skipped += 1;
                    continue;
                }
                *n += 1;
                taken.insert(request.clone());
                tx.execute(
                    "UPDATE assignment SET status = 'confirmed', updated_at = ?2 WHERE id = ?1",
                    params![id, now],
                )?;
                tx.execute(
                    "UPDATE help_request SET status = 'assigned', updated_at = ?2
                     WHERE id = ?1 AND recurrence IS NULL AND status IN ('open', 'proposed')",
                    params![request, now],
                )?;
                result.confirmed += 1;
            }
            Ok(result)
        })
    }
}

//! One day as the planner sees it: the occurrences to serve, the volunteers who could serve them,
//! the hard rules between the two, and the cost of every pairing the rules allow.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, params};

use super::Reason;
use crate::error::Result;
use crate::model::{HelpRequest, Language, PartOfDay, Task, Urgency};
use crate::postal::distance_km;
use crate::recurrence::Recurrence;
use crate::requests::{REQUEST_COLUMN_COUNT, REQUEST_COLUMNS, request_from_row};

/// Assignment statuses that settle an occurrence and use up a volunteer's day.
pub(crate) const SETTLED: &str = "('confirmed', 'done', 'not_done')";

/// Cost units: a tenth of a kilometre. The other terms are priced in the same unit.
const PER_KM: f64 = 10.0;
/// Continuity: a volunteer who never helped this resident costs as much as 4 km more…
const NEW_FACE: i64 = 40;
/// …and one who helped once, 1 km more; twice or more, nothing.
const SECOND_VISIT: i64 = 10;
/// Fairness: each time the volunteer was asked in the two weeks before the day.
const PER_RECENT_ASK: i64 = 6;
/// Asks counted for fairness at most (so fairness never outweighs a neighbourhood).
const RECENT_ASKS_CAP: u32 = 10;
/// Days that count as "recently asked".
pub(crate) const RECENT_DAYS: u64 = 14;
/// One occurrence of a request on the day, with what the rules need to know about its resident.
#[derive(Debug, Clone)]
pub(crate) struct Demand {
    pub request: HelpRequest,
    /// The resident's own language (the request's may differ when a relative is the contact).
    pub resident_language: Language,
    pub postal_code: Option<String>,
    pub at: Option<(f64, f64)>,
}

/// A volunteer as the planner sees them on the day.
#[derive(Debug, Clone)]
pub(crate) struct Helper {
    pub id: String,
    pub local_id: i64,
    pub name: String,
    pub active: bool,
    pub languages: Vec<Language>,
    pub tasks: Vec<Task>,
    /// (ISO weekday, part of the day).
    pub availability: Vec<(u8, PartOfDay)>,
    pub at: Option<(f64, f64)>,
    pub radius_km: f64,
    /// Capacity left after the day's settled assignments.
    pub room: u32,
    /// Settled assignments in the [`RECENT_DAYS`] before the day.
    pub recent_asks: u32,
    /// The last day before this one the volunteer was asked.
    pub last_asked: Option<NaiveDate>,
}

impl Helper {
    pub fn speaks(&self, l: Language) -> bool {
        self.languages.contains(&l)
    }

    pub fn free(&self, weekday: u8, part: Option<PartOfDay>) -> bool {
        self.availability
            .iter()
            .any(|(d, p)| *d == weekday && part.is_none_or(|want| want == *p))
    }

    /// The first part of the day the volunteer is free on `weekday` that suits `part`.
    pub fn free_part(&self, weekday: u8, part: Option<PartOfDay>) -> Option<PartOfDay> {
        self.availability
            .iter()
            .find(|(d, p)| *d == weekday && part.is_none_or(|want| want == *p))
            .map(|(_, p)| *p)
    }
}

/// The hard rules, one bit each, so an explanation can count the volunteers that a single rule
/// keeps out.
pub(crate) mod rule {
    pub const LANGUAGE: u16 = 1;
    pub const TASK: u16 = 1 << 1;
    pub const AVAILABLE: u16 = 1 << 2;
    pub const ACTIVE: u16 = 1 << 3;
    pub const DISTANCE: u16 = 1 << 4;
    pub const EXCLUDED: u16 = 1 << 5;
    pub const CAPACITY: u16 = 1 << 6;
    /// The caseworker declined this volunteer for this occurrence.
    pub const DECLINED: u16 = 1 << 7;
    /// In person, but the resident or the volunteer has no known location.
    pub const NO_LOCATION: u16 = 1 << 8;
}

/// Volunteers excluded for an occurrence's resident, and declined for the occurrence.
pub(crate) struct Context<'a> {
    excluded: &'a [usize],
    declined: &'a [usize],
}

/// Everything the planner reads from the register for one day.
pub(crate) struct Day {
    pub date: NaiveDate,
    pub weekday: u8,
    pub limit_km: f64,
    /// Occurrences to plan, most urgent first, then by request number.
    pub demands: Vec<Demand>,
    /// Active and inactive volunteers, by number (inactive ones only for explanations).
    pub helpers: Vec<Helper>,
    /// Per resident id: volunteers who must not meet them.
    pub excluded: HashMap<String, Vec<usize>>,
    /// Per request id: volunteers declined for this day.
    pub declined: HashMap<String, Vec<usize>>,
    /// Per resident id: (volunteer, settled visits on other days).
    pub helped: HashMap<String, Vec<(usize, u32)>>,
    /// Every volunteer per task and grid cell (in-person tasks), for explanations.
    grid: HashMap<(Task, i32, i32), Vec<u32>>,
    /// Every volunteer per task (tasks by phone), for explanations.
    by_task: HashMap<Task, Vec<u32>>,
    /// The planner's shortlists: only volunteers who are active, free on the day and have room,
    /// per task and cell (in person) or per task and language (by phone).
    open_grid: HashMap<(Task, i32, i32), Vec<u32>>,
    open_remote: HashMap<(Task, Language), Vec<u32>>,
    cell_km: f64,
}

/// Kilometres per degree, on a plane tangent to Belgium (50.5° N); the grid only pre-selects,
/// the haversine distance decides.
const KM_PER_DEG_LAT: f64 = 110.57;
const KM_PER_DEG_LON: f64 = 70.9;

fn cell(at: (f64, f64), size: f64) -> (i32, i32) {
    (
        (at.1 * KM_PER_DEG_LON / size).floor() as i32,
        (at.0 * KM_PER_DEG_LAT / size).floor() as i32,
    )
}

/// Whether `request` has an occurrence on `date` (its due date, or a day its repetition names).
pub(crate) fn due_on(request: &HelpRequest, date: NaiveDate) -> bool {
    match &request.recurrence {
        None => request.due_date == date,
        Some(rule) => Recurrence::parse(rule)
            .is_ok_and(|r| r.occurs_on(request.due_date, request.repeat_until, date)),
    }
}

impl Day {
    /// The day as the register holds it; `only` narrows the demand to one request.
    pub fn load(conn: &Connection, date: NaiveDate, only: Option<&str>) -> Result<Self> {
        let limit_km: f64 = conn.query_row(
            "SELECT neighbourhood_km FROM office_settings WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        let day = date.to_string();
        let mut settled = HashSet::new();
        let mut used: HashMap<String, u32> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT request_id, volunteer_id FROM assignment
                 WHERE occurrence_date = ?1 AND deleted_at IS NULL AND status IN {SETTLED}"
            ))?;
            let mut rows = stmt.query([&day])?;
            while let Some(row) = rows.next()? {
                settled.insert(row.get::<_, String>(0)?);
                *used.entry(row.get(1)?).or_default() += 1;
            }
        }

        let mut helpers = load_helpers(conn, &used)?;
        let index: HashMap<String, usize> = helpers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id.clone(), i))
            .collect();
        {
            let from = date - Days::new(RECENT_DAYS);
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT volunteer_id, count(*), max(occurrence_date) FROM assignment
                 WHERE occurrence_date >= ?1 AND occurrence_date < ?2 AND deleted_at IS NULL
                   AND status IN {SETTLED}
                 GROUP BY volunteer_id"
            ))?;
            let mut rows = stmt.query(params![from.to_string(), day])?;
            while let Some(row) = rows.next()? {
                if let Some(&i) = index.get(&row.get::<_, String>(0)?) {
                    helpers[i].recent_asks = row.get(1)?;
                    helpers[i].last_asked = row.get::<_, String>(2)?.parse().ok();
                }
            }
        }

        let mut excluded: HashMap<String, Vec<usize>> = HashMap::new();
        {
            let mut stmt =
                conn.prepare_cached("SELECT volunteer_id, resident_id FROM volunteer_exclusion")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                if let Some(&i) = index.get(&row.get::<_, String>(0)?) {
                    excluded.entry(row.get(1)?).or_default().push(i);
                }
            }
        }
        let mut declined: HashMap<String, Vec<usize>> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(
                "SELECT request_id, volunteer_id FROM assignment
                 WHERE occurrence_date = ?1 AND deleted_at IS NULL AND status = 'declined'",
            )?;
            let mut rows = stmt.query([&day])?;
            while let Some(row) = rows.next()? {
                if let Some(&i) = index.get(&row.get::<_, String>(1)?) {
                    declined.entry(row.get(0)?).or_default().push(i);
                }
            }
        }
        let mut helped: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT q.resident_id, a.volunteer_id, count(*)
                 FROM assignment a JOIN help_request q ON q.id = a.request_id
                 WHERE a.deleted_at IS NULL AND a.status IN {SETTLED} AND a.occurrence_date <> ?1
                 GROUP BY q.resident_id, a.volunteer_id"
            ))?;
            let mut rows = stmt.query([&day])?;
            while let Some(row) = rows.next()? {
                if let Some(&i) = index.get(&row.get::<_, String>(1)?) {
                    helped
                        .entry(row.get(0)?)
                        .or_default()
                        .push((i, row.get(2)?));
                }
            }
        }

        // The occurrences still to plan, with their residents' own language and location, in
        // one pass (a city's day is tens of thousands of them).
        let mut demands = Vec::new();
        {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REQUEST_COLUMNS}, r.language, r.postal_code, r.lat, r.lon
                 FROM help_request q JOIN resident r ON r.id = q.resident_id
                 WHERE q.deleted_at IS NULL AND (?2 IS NULL OR q.id = ?2)
                   AND ((q.recurrence IS NULL AND q.due_date = ?1
                         AND q.status IN ('open', 'proposed'))
                     OR (q.recurrence IS NOT NULL AND q.status <> 'cancelled' AND q.due_date <= ?1
                         AND (q.repeat_until IS NULL OR q.repeat_until >= ?1)))"
            ))?;
            let mut rows = stmt.query(params![day, only])?;
            while let Some(row) = rows.next()? {
                let request = request_from_row(row)?;
                if settled.contains(&request.id) {
                    continue;
                }
                // A repeating request's status describes the series; each day stands on its own,
                // and only the days the rule names count.
                if !due_on(&request, date) {
                    continue;
                }
                let lat: Option<f64> = row.get(REQUEST_COLUMN_COUNT + 2)?;
                let lon: Option<f64> = row.get(REQUEST_COLUMN_COUNT + 3)?;
                demands.push(Demand {
                    resident_language: row.get(REQUEST_COLUMN_COUNT)?,
                    postal_code: row.get(REQUEST_COLUMN_COUNT + 1)?,
                    at: lat.zip(lon),
                    request,
                });
            }
        }
        demands.sort_by_key(|d| (std::cmp::Reverse(d.request.urgency), d.request.local_id));

        // A little over the limit, so the flat grid never misses a volunteer the haversine
        // distance would allow.
        let cell_km = limit_km * 1.05;
        let weekday = date.weekday().number_from_monday() as u8;
        let mut grid: HashMap<(Task, i32, i32), Vec<u32>> = HashMap::new();
        let mut by_task: HashMap<Task, Vec<u32>> = HashMap::new();
        let mut open_grid: HashMap<(Task, i32, i32), Vec<u32>> = HashMap::new();
        let mut open_remote: HashMap<(Task, Language), Vec<u32>> = HashMap::new();
        for (i, h) in helpers.iter().enumerate() {
            let open = h.active && h.room > 0 && h.free(weekday, None);
            for &t in &h.tasks {
                if t.is_remote() {
                    by_task.entry(t).or_default().push(i as u32);
                    if open {
                        for &l in &h.languages {
                            open_remote.entry((t, l)).or_default().push(i as u32);
                        }
                    }
                } else if let Some(at) = h.at {
                    let (x, y) = cell(at, cell_km);
                    grid.entry((t, x, y)).or_default().push(i as u32);
                    if open {
                        open_grid.entry((t, x, y)).or_default().push(i as u32);
                    }
                }
            }
        }
        Ok(Day {
            date,
            weekday,
            limit_km,
            demands,
            helpers,
            excluded,
            declined,
            helped,
            grid,
            by_task,
            open_grid,
            open_remote,
            cell_km,
        })
    }

    /// Volunteers who do the task and are near enough to be worth checking: everyone who does
    /// it for tasks by phone, the surrounding grid cells otherwise. In volunteer order.
    pub fn nearby(&self, d: &Demand) -> Vec<u32> {
        let task = d.request.kind;
        if task.is_remote() {
            return self.by_task.get(&task).cloned().unwrap_or_default();
        }
        self.around(&self.grid, d)
    }

    /// The planner's shortlist for `d`: [`Day::nearby`] narrowed to volunteers who are active,
    /// free on the day and have room (and, by phone, speak one of the two languages).
    pub fn shortlist(&self, d: &Demand) -> Vec<u32> {
        let task = d.request.kind;
        if !task.is_remote() {
            return self.around(&self.open_grid, d);
        }
        let mut out = Vec::new();
        for l in [d.request.language, d.resident_language] {
            if let Some(list) = self.open_remote.get(&(task, l)) {
                out.extend_from_slice(list);
            }
        }
        if d.request.language != d.resident_language {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    fn around(&self, grid: &HashMap<(Task, i32, i32), Vec<u32>>, d: &Demand) -> Vec<u32> {
        let Some(at) = d.at else {
            return Vec::new();
        };
        let (x, y) = cell(at, self.cell_km);
        let mut out = Vec::new();
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(list) = grid.get(&(d.request.kind, x + dx, y + dy)) {
                    out.extend_from_slice(list);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// What is particular to one occurrence, looked up once rather than for every volunteer.
    pub fn context(&self, d: &Demand) -> Context<'_> {
        Context {
            excluded: self
                .excluded
                .get(d.request.resident_id.as_str())
                .map_or(&[], Vec::as_slice),
            declined: self
                .declined
                .get(d.request.id.as_str())
                .map_or(&[], Vec::as_slice),
        }
    }

    /// Which hard rules keep volunteer `h` from occurrence `d` (0 = a candidate), and the
    /// distance between them for tasks done in person.
    pub fn failures(
        &self,
        d: &Demand,
        h: usize,
        weekday: u8,
        room_left: bool,
    ) -> (u16, Option<f64>) {
        self.failures_in(&self.context(d), d, h, weekday, room_left)
    }

    /// [`Day::failures`] with the occurrence's [`Context`] at hand.
    pub fn failures_in(
        &self,
        context: &Context<'_>,
        d: &Demand,
        h: usize,
        weekday: u8,
        room_left: bool,
    ) -> (u16, Option<f64>) {
        let v = &self.helpers[h];
        let q = &d.request;
        let mut bits = 0;
        if !v.speaks(q.language) && !v.speaks(d.resident_language) {
            bits |= rule::LANGUAGE;
        }
        if !v.tasks.contains(&q.kind) {
            bits |= rule::TASK;
        }
        if !v.free(weekday, q.part_of_day) {
            bits |= rule::AVAILABLE;
        }
        if !v.active {
            bits |= rule::ACTIVE;
        }
        let mut km = None;
        if !q.kind.is_remote() {
            match (d.at, v.at) {
                (Some(a), Some(b)) => {
                    let dist = distance_km(a, b);
                    km = Some(dist);
                    if dist > v.radius_km.min(self.limit_km) {
                        bits |= rule::DISTANCE;
                    }
                }
                _ => bits |= rule::NO_LOCATION,
            }
        }
        if context.excluded.contains(&h) {
            bits |= rule::EXCLUDED;
        }
        if !room_left {
            bits |= rule::CAPACITY;
        }
        if context.declined.contains(&h) {
            bits |= rule::DECLINED;
        }
        (bits, km)
    }

    /// Settled visits of volunteer `h` to the resident of `d` on other days.
    fn visits(&self, d: &Demand, h: usize) -> u32 {
        self.helped
            .get(d.request.resident_id.as_str())
            .and_then(|list| list.iter().find(|(v, _)| *v == h))
            .map_or(0, |(_, n)| *n)
    }

    /// The planner's price for sending volunteer `h` to occurrence `d`: distance, plus a new
    /// face, plus how often the volunteer was asked lately. Never negative, at most
    /// [`MAX_EDGE_COST`].
    pub fn price(&self, d: &Demand, h: usize, km: Option<f64>) -> i64 {
        let distance = km.map_or(0, |km| {
            ((km * PER_KM).round() as i64).min(100 * PER_KM as i64)
        });
        let continuity = match self.visits(d, h) {
            0 => NEW_FACE,
            1 => SECOND_VISIT,
            _ => 0,
        };
        let fairness = PER_RECENT_ASK * i64::from(self.helpers[h].recent_asks.min(RECENT_ASKS_CAP));
        distance + continuity + fairness
    }

    /// Why volunteer `h` suits occurrence `d`, in the order a caseworker says it.
    pub fn reasons(&self, d: &Demand, h: usize, km: Option<f64>) -> Vec<Reason> {
        let v = &self.helpers[h];
        let q = &d.request;
        let mut reasons = Vec::with_capacity(5);
        reasons.push(match km {
            Some(km) => Reason::Distance {
                km: (km * 10.0).round() / 10.0,
            },
            None => Reason::ByPhone,
        });
        let language = if v.speaks(q.language) {
            q.language
        } else {
            d.resident_language
        };
        reasons.push(Reason::Speaks { language });
        let times = self.visits(d, h);
        if times > 0 {
            reasons.push(Reason::Helped {
                resident: q.resident_name.clone(),
                times,
            });
        }
        reasons.push(Reason::Free {
            weekday: self.weekday,
            part: v.free_part(self.weekday, q.part_of_day),
        });
        reasons.push(match v.last_asked {
            None => Reason::NotAskedRecently {
                days: RECENT_DAYS as u32,
            },
            Some(last) if v.recent_asks <= 1 => Reason::NotAskedRecently {
                days: (self.date - last).num_days().max(0) as u32,
            },
            Some(_) => Reason::AskedRecently {
                times: v.recent_asks,
            },
        });
        reasons
    }

    /// What keeps an unserved occurrence unserved, in the order a caseworker would look: the
    /// task and language near enough, then the day, then exclusions, bookings and declines,
    /// and finally the competition of the day's other requests.
    pub fn why_unmatched(&self, d: &Demand, room: &[u32], candidates: usize) -> Vec<Reason> {
        let q = &d.request;
        let in_person = !q.kind.is_remote();
        let km = in_person.then_some(self.limit_km);
        if in_person && d.at.is_none() {
            return vec![Reason::NoLocation];
        }
        let context = self.context(d);
        let near: Vec<(usize, u16)> = self
            .nearby(d)
            .into_iter()
            .map(|h| {
                let h = h as usize;
                (
                    h,
                    self.failures_in(&context, d, h, self.weekday, room[h] > 0)
                        .0,
                )
            })
            .filter(|(_, bits)| {
                bits & (rule::TASK | rule::DISTANCE | rule::NO_LOCATION | rule::ACTIVE) == 0
            })
            .collect();
        if near.is_empty() {
            return vec![Reason::NoneDoTask { task: q.kind, km }];
        }
        let speaking: Vec<&(usize, u16)> = near
            .iter()
            .filter(|(_, b)| b & rule::LANGUAGE == 0)
            .collect();
        if speaking.is_empty() {
            return vec![Reason::NoneSpeaks {
                language: q.language,
                task: q.kind,
                km,
                others: near.len() as u32,
            }];
        }
        let free: Vec<&&(usize, u16)> = speaking
            .iter()
            .filter(|(_, b)| b & rule::AVAILABLE == 0)
            .collect();
        if free.is_empty() {
            let mut reasons = vec![Reason::NoneFree {
                count: speaking.len() as u32,
                language: q.language,
                weekday: self.weekday,
                part: q.part_of_day,
            }];
            for ahead in 1..=6u64 {
                let date = self.date + Days::new(ahead);
                let weekday = date.weekday().number_from_monday() as u8;
                let count = speaking
                    .iter()
                    .filter(|(h, _)| self.helpers[*h].free(weekday, q.part_of_day))
                    .count();
                if count > 0 {
                    reasons.push(Reason::FreeOn {
                        count: count as u32,
                        date,
                    });
                    break;
                }
            }
            return reasons;
        }
        let count = |bit: u16| free.iter().filter(|(_, b)| b & bit != 0).count() as u32;
        let mut reasons = Vec::new();
        for (bit, reason) in [
            (
                rule::EXCLUDED,
                Reason::Excluded {
                    count: count(rule::EXCLUDED),
                },
            ),
            (
                rule::DECLINED,
                Reason::Declined {
                    count: count(rule::DECLINED),
                },
            ),
            (
                rule::CAPACITY,
                Reason::Booked {
                    count: count(rule::CAPACITY),
                },
            ),
        ] {
            if count(bit) > 0 {
                reasons.push(reason);
            }
        }
        if candidates > 0 {
            reasons.push(Reason::TakenByOthers {
                count: candidates as u32,
            });
        }
        if reasons.is_empty() {
            // Free, speaking, near, not excluded, not declined and with room, yet no
            // candidate: only the volunteer's own radius can explain that.
            reasons.push(Reason::OutsideRadius {
                count: free.len() as u32,
            });
        }
        reasons
    }
}

fn load_helpers(conn: &Connection, used: &HashMap<String, u32>) -> Result<Vec<Helper>> {
    let mut helpers: Vec<Helper> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, local_id, first_name || ' ' || last_name, status, lat, lon, radius_km,
                capacity_per_day
         FROM volunteer WHERE deleted_at IS NULL ORDER BY local_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let capacity: u32 = row.get(7)?;
        let lat: Option<f64> = row.get(4)?;
        let lon: Option<f64> = row.get(5)?;
        index.insert(id.clone(), helpers.len());
        helpers.push(Helper {
            room: capacity.saturating_sub(used.get(&id).copied().unwrap_or(0)),
            id,
            local_id: row.get(1)?,
            name: row.get(2)?,
            active: row.get::<_, String>(3)? == "active",
            languages: Vec::new(),
            tasks: Vec::new(),
            availability: Vec::new(),
            at: lat.zip(lon),
            radius_km: row.get(6)?,
            recent_asks: 0,
            last_asked: None,
        });
    }
    for (sql, what) in [
        ("SELECT volunteer_id, language FROM volunteer_language", 0),
        ("SELECT volunteer_id, task FROM volunteer_task", 1),
        (
            "SELECT volunteer_id, weekday || ':' || part_of_day FROM volunteer_availability",
            2,
        ),
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let Some(&i) = index.get(&row.get::<_, String>(0)?) else {
                continue;
            };
            let value: String = row.get(1)?;
            let h = &mut helpers[i];
            match what {
                0 => h.languages.extend(value.parse::<Language>().ok()),
                1 => h.tasks.extend(value.parse::<Task>().ok()),
                _ => {
                    if let Some((d, p)) = value.split_once(':')
                        && let (Ok(d), Ok(p)) = (d.parse::<u8>(), p.parse::<PartOfDay>())
                    {
                        h.availability.push((d, p));
                    }
                }
            }
        }
    }
    for h in &mut helpers {
        h.tasks.sort();
        h.availability.sort();
    }
    Ok(helpers)
}

/// The solver's urgency tier: the plan serves as many requests as possible, the most urgent
/// first, and only then looks at cost (see [`super::flow`]).
pub fn tier(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::Low => 0,
        Urgency::Normal => 1,
        Urgency::High => 2,
        Urgency::Urgent => 3,
    }
}

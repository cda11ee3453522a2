//! The exact solver behind matching: a minimum-cost assignment of requests (one unit of demand
//! each, with a price for leaving it unserved) to volunteers (a capacity each), over the feasible
//! edges only.
//!
//! Written here rather than taken from a crate because it is the product's core and its shape is
//! particular: a transportation problem with optional demand, millions of edges and an answer
//! needed in well under a second. The method is successive shortest augmenting paths, one request
//! at a time (the Hungarian method as Jonker and Volgenant run it on sparse graphs): Dijkstra on
//! reduced costs from the new request, stopping as soon as the cheapest way to place it is known,
//! then potentials updated for the settled nodes only. Each step keeps the assignment of the
//! requests seen so far optimal, so the last step's assignment is optimal for all of them. It is
//! checked against brute force on thousands of small random instances (see the tests).
//!
//! Network, for the proofs in the comments: every request `r` sends one unit either along an
//! edge `r → v` (cost `c`) and on through `v → T` (capacity `cap(v)`, cost 0), or straight
//! `r → T` at its `unserved` price. Node potentials `π` keep every residual edge's reduced cost
//! `c + π(from) − π(to)` non-negative; that is the optimality certificate.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One feasible pairing of a request with a volunteer, and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Index of the request.
    pub request: u32,
    /// Index of the volunteer.
    pub volunteer: u32,
    /// Non-negative cost of this pairing.
    pub cost: i64,
}

/// What the solver is given.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Per request: the (non-negative) price of leaving it unserved.
    pub unserved: Vec<i64>,
    /// Per volunteer: how many requests it can still take.
    pub capacity: Vec<u32>,
    /// The feasible pairings.
    pub edges: Vec<Edge>,
}

/// The optimal assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Per request: the index into [`Problem::edges`] it is served by, or `None` if unserved.
    pub served_by: Vec<Option<usize>>,
    /// Sum of the costs of the chosen edges plus the prices of the unserved requests.
    pub total: i64,
}

/// The request's current placement.
const UNPLACED: u32 = u32::MAX;
const UNSERVED: u32 = u32::MAX - 1;

/// How a node was reached in the current search (the path is walked back to augment).
#[derive(Clone, Copy)]
enum Via {
    None,
    /// A volunteer, reached from a request along an edge.
    Edge(u32),
    /// A request, reached backwards from the volunteer it is placed with.
    Back(u32),
    /// The sink, reached from a volunteer with room left.
    Room(u32),
    /// The sink, reached from a request leaving it unserved.
    Unserved(u32),
}

/// Dijkstra's working state, kept between searches; only the nodes a search touched are reset.
struct Search {
    dist: Vec<i64>,
    via: Vec<Via>,
    settled: Vec<bool>,
    touched: Vec<usize>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
}

impl Search {
    fn new(nodes: usize) -> Self {
        Search {
            dist: vec![i64::MAX; nodes],
            via: vec![Via::None; nodes],
            settled: vec![false; nodes],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn reach(&mut self, node: usize, d: i64, how: Via) {
        if d < self.dist[node] {
            if self.dist[node] == i64::MAX {
                self.touched.push(node);
            }
            self.dist[node] = d;
            self.via[node] = how;
            self.heap.push(Reverse((d, node as u32)));
        }
    }

    fn reset(&mut self) {
        for &node in &self.touched {
            self.dist[node] = i64::MAX;
            self.settled[node] = false;
            self.via[node] = Via::None;
        }
        self.touched.clear();
        self.heap.clear();
    }
}

/// Solves `problem` exactly. Deterministic: the same problem (edges in the same order) gives the
/// same solution, ties included.
///
/// # Panics
/// Never for a well-formed problem; an edge naming a request or volunteer out of range, or a
/// negative cost, is a caller's bug and is caught by a debug assertion.
pub fn solve(problem: &Problem) -> Solution {
    let n = problem.unserved.len();
    let m = problem.capacity.len();
    debug_assert!(
        problem
            .edges
            .iter()
            .all(|e| e.cost >= 0 && (e.request as usize) < n && (e.volunteer as usize) < m)
    );
    debug_assert!(problem.unserved.iter().all(|p| *p >= 0));

    // Edges grouped by request (CSR), in the caller's order within a request.
    let mut start = vec![0usize; n + 1];
    for e in &problem.edges {
        start[e.request as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut order = vec![0u32; problem.edges.len()];
    let mut fill = start.clone();
    for (i, e) in problem.edges.iter().enumerate() {
        order[fill[e.request as usize]] = i as u32;
        fill[e.request as usize] += 1;
    }

    // Nodes: requests 0..n, volunteers n..n+m, the sink n+m.
    let sink = n + m;
    let mut potential = vec![0i64; n + m + 1];
    let mut placed = vec![UNPLACED; n]; // edge index, UNSERVED or UNPLACED
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); m]; // requests placed with a volunteer
    let mut room: Vec<u32> = problem.capacity.clone();

    let mut search = Search::new(n + m + 1);

    for r in 0..n {
        // The new request's potential makes its own edges' reduced costs non-negative (nothing
        // leads into it yet, so any value that does is consistent with the rest).
        let mut p = potential[sink] - problem.unserved[r];
        for &e in &order[start[r]..start[r + 1]] {
            let edge = problem.edges[e as usize];
            p = p.max(potential[n + edge.volunteer as usize] - edge.cost);
        }
        potential[r] = p;

        search.reach(r, 0, Via::None);
        while let Some(Reverse((d, node))) = search.heap.pop() {
            let node = node as usize;
            if search.settled[node] || d > search.dist[node] {
                continue;
            }
            search.settled[node] = true;
            if node == sink {
                break;
            }
            if node < n {
                // A request: to each volunteer it is not already with, or out to the sink.
                let here = placed[node];
                for &e in &order[start[node]..start[node + 1]] {
                    if e == here {
                        continue;
                    }
                    let edge = problem.edges[e as usize];
                    let v = n + edge.volunteer as usize;
                    let rc = edge.cost + potential[node] - potential[v];
                    search.reach(v, d + rc, Via::Edge(e));
                }
                if here != UNSERVED {
                    let rc = problem.unserved[node] + potential[node] - potential[sink];
                    search.reach(sink, d + rc, Via::Unserved(node as u32));
                }
            } else {
                let v = node - n;
                if room[v] > 0 {
                    let rc = potential[node] - potential[sink];
                    search.reach(sink, d + rc, Via::Room(v as u32));
                }
                for &q in &holders[v] {
                    let e = placed[q as usize];
                    let cost = problem.edges[e as usize].cost;
                    let rc = -cost + potential[node] - potential[q as usize];
                    search.reach(q as usize, d + rc, Via::Back(v as u32));
                }
            }
        }
        let end = search.dist[sink];
        debug_assert!(
            end < i64::MAX,
            "the sink is always reachable from a new request"
        );

        // Augment along the path, walking back from the sink.
        let via = &search.via;
        let mut step = via[sink];
        loop {
            // `step` says how the current node was entered; each arm moves one request.
            let (request, target) = match step {
                Via::Room(v) => {
                    room[v as usize] -= 1;
                    match via[n + v as usize] {
                        Via::Edge(e) => (problem.edges[e as usize].request, e),
                        _ => unreachable!("a volunteer is only entered along an edge"),
                    }
                }
                Via::Unserved(q) => (q, UNSERVED),
                Via::Edge(e) => (problem.edges[e as usize].request, e),
                Via::None | Via::Back(_) => unreachable!("walked from the sink's entry"),
            };
            let old = placed[request as usize];
            if old != UNPLACED && old != UNSERVED {
                let v = problem.edges[old as usize].volunteer as usize;
                if let Some(i) = holders[v].iter().position(|&x| x == request) {
                    holders[v].swap_remove(i);
                }
            }
            placed[request as usize] = target;
            if target != UNSERVED {
                let v = problem.edges[target as usize].volunteer as usize;
                holders[v].push(request);
            }
            match via[request as usize] {
                Via::None => break, // the new request itself
                Via::Back(v) => {
                    // The request left `v`; whoever entered `v` takes its place there.
                    step = via[n + v as usize];
                }
                _ => unreachable!("a request is only entered backwards from its volunteer"),
            }
        }

        // Potentials of settled nodes move by their distance's shortfall from the sink's; the
        // others keep theirs (the usual "+ min(d, d_sink)" shifted by −d_sink for all nodes).
        for &node in &search.touched {
            if search.settled[node] {
                potential[node] += search.dist[node] - end;
            }
        }
        search.reset();
    }

    let mut total = 0i64;
    let served_by = placed
        .iter()
        .enumerate()
        .map(|(r, &p)| {
            if p == UNSERVED || p == UNPLACED {
                total += problem.unserved[r];
                None
            } else {
                total += problem.edges[p as usize].cost;
                Some(p as usize)
            }
        })
        .collect();
    Solution { served_by, total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Every way of placing each request (unserved, or one of its edges) within capacities.
    fn brute_force(p: &Problem) -> i64 {
        fn go(p: &Problem, r: usize, room: &mut Vec<u32>, acc: i64, best: &mut i64) {
            if acc >= *best {
                return;
            }
            if r == p.unserved.len() {
                *best = acc;
                return;
            }
            go(p, r + 1, room, acc + p.unserved[r], best);
            for e in p.edges.iter().filter(|e| e.request as usize == r) {
                let v = e.volunteer as usize;
                if room[v] > 0 {
                    room[v] -= 1;
                    go(p, r + 1, room, acc + e.cost, best);
                    room[v] += 1;
                }
            }
        }
        let mut best = i64::MAX;
        go(p, 0, &mut p.capacity.clone(), 0, &mut best);
        best
    }

    fn random_problem(rng: &mut impl Rng) -> Problem {
        let n = rng.random_range(0..=9);
        let m = rng.random_range(0..=4);
        let unserved = (0..n)
            .map(|_| [5, 50, 500, 5000][rng.random_range(0..4)])
            .collect();
        let capacity = (0..m).map(|_| rng.random_range(0..=3)).collect();
        let mut edges = Vec::new();
        for r in 0..n {
            for v in 0..m {
                if rng.random_bool(0.6) {
                    edges.push(Edge {
                        request: r as u32,
                        volunteer: v as u32,
                        cost: rng.random_range(0..=60),
                    });
                }
            }
        }
        Problem {
            unserved,
            capacity,
            edges,
        }
    }

    /// The solution is a real assignment and its stated total is its cost.
    fn check_feasible(p: &Problem, s: &Solution) {
        let mut used = vec![0u32; p.capacity.len()];
        let mut total = 0;
        for (r, by) in s.served_by.iter().enumerate() {
            match by {
                Some(e) => {
                    let edge = p.edges[*e];
                    assert_eq!(edge.request as usize, r);
                    used[edge.volunteer as usize] += 1;
                    total += edge.cost;
                }
                None => total += p.unserved[r],
            }
        }
        for (v, u) in used.iter().enumerate() {
            assert!(*u <= p.capacity[v], "volunteer {v} over capacity");
        }
        assert_eq!(total, s.total);
    }

    #[test]
    fn equals_brute_force_on_thousands_of_small_instances() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for round in 0..20000 {
            let p = random_problem(&mut rng);
            let s = solve(&p);
            check_feasible(&p, &s);
            assert_eq!(s.total, brute_force(&p), "round {round}: {p:?}");
        }
    }

    #[test]
    fn same_problem_same_answer() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        for _ in 0..200 {
            let p = random_problem(&mut rng);
            assert_eq!(solve(&p), solve(&p));
        }
    }

    #[test]
    fn a_better_plan_moves_an_earlier_placement() {
        // Request 0 alone would take volunteer 0 (cheaper); request 1 can only use volunteer 0,
        // so the optimum moves request 0 to volunteer 1.
        let p = Problem {
            unserved: vec![100, 100],
            capacity: vec![1, 1],
            edges: vec![
                Edge {
                    request: 0,
                    volunteer: 0,
                    cost: 1,
                },
                Edge {
                    request: 0,
                    volunteer: 1,
                    cost: 2,
                },
                Edge {
                    request: 1,
                    volunteer: 0,
                    cost: 1,
                },
            ],
        };
        let s = solve(&p);
        assert_eq!(s.served_by, vec![Some(1), Some(2)]);
        assert_eq!(s.total, 3);
    }

    #[test]
    fn a_dearer_unserved_request_displaces_a_cheaper_one() {
        let p = Problem {
            unserved: vec![10, 1000],
            capacity: vec![1],
            edges: vec![
                Edge {
                    request: 0,
                    volunteer: 0,
                    cost: 0,
                },
                Edge {
                    request: 1,
                    volunteer: 0,
                    cost: 5,
                },
            ],
        };
        let s = solve(&p);
        assert_eq!(s.served_by, vec![None, Some(1)]);
        assert_eq!(s.total, 15);
    }
}

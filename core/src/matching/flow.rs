//! The exact solver behind matching: a minimum-cost assignment of request groups (each a number
//! of alike requests, with a price for leaving one unserved) to volunteers (a capacity each), over
//! the feasible edges only.
//!
//! Written here rather than taken from a crate because it is the product's core and its shape is
//! particular: a transportation problem with optional demand whose prices for "unserved" dwarf
//! every other cost, up to millions of edges, and an answer needed in well under a second.
//!
//! The method is Goldberg's cost scaling (push–relabel on ε-optimal pseudoflows, the algorithm
//! behind OR-Tools' min-cost flow): costs are multiplied by the number of nodes plus one, ε starts
//! at the largest cost and is divided by [`ALPHA`] per round; each round ("refine") saturates
//! every arc with negative reduced cost and pushes the excess along admissible arcs, relabelling
//! (lowering a node's price by at least ε) when a node has none. After the round with ε = 1 the
//! flow is 1/(n+1)-optimal in the original costs, hence optimal (the costs are integers). A
//! successive-shortest-path solver was the first version; it is exact too but explores the whole
//! graph for every request that cannot be served, which on a tight city-sized day (more requests
//! than volunteer slots) took minutes. It stays in the tests as a second oracle beside brute force.
//!
//! Network: every group `g` sends its `supply` either along edges `g → v` (cost `c`) and on
//! through `v → T` (capacity `cap(v)`, cost 0), or straight `g → T` at its `unserved` price.

use std::collections::VecDeque;

/// One feasible pairing of a request group with a volunteer, and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Index of the request group.
    pub request: u32,
    /// Index of the volunteer.
    pub volunteer: u32,
    /// Non-negative cost of sending one request of the group to this volunteer.
    pub cost: i64,
}

/// What the solver is given.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Per request group: how many alike requests it stands for (1 for most).
    pub supply: Vec<u32>,
    /// Per request group: the (non-negative) price of leaving one of its requests unserved.
    pub unserved: Vec<i64>,
    /// Per volunteer: how many requests it can still take.
    pub capacity: Vec<u32>,
    /// The feasible pairings.
    pub edges: Vec<Edge>,
}

/// The optimal assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Per edge of [`Problem::edges`]: how many requests of its group it serves.
    pub flow: Vec<u32>,
    /// Per request group: how many of its requests are left unserved.
    pub unserved: Vec<u32>,
    /// Sum of the costs of the chosen edges plus the prices of the unserved requests.
    pub total: i64,
}

/// How much ε shrinks per round: 8 to 16 is the usual range; fewer rounds against more work
/// in each.
pub const ALPHA: i64 = 8;

/// The residual network, arcs grouped by tail node (CSR); arc `a` and `rev[a]` are each other's
/// reverse.
struct Network {
    first: Vec<usize>,
    to: Vec<u32>,
    rev: Vec<u32>,
    residual: Vec<i64>,
    cost: Vec<i64>,
}

impl Network {
    fn arcs(&self, u: usize) -> std::ops::Range<usize> {
        self.first[u]..self.first[u + 1]
    }
}

/// Solves `problem` exactly. Deterministic: the same problem (edges in the same order) gives the
/// same solution, ties included.
pub fn solve(problem: &Problem) -> Solution {
    let groups = problem.supply.len();
    let volunteers = problem.capacity.len();
    debug_assert_eq!(problem.unserved.len(), groups);
    debug_assert!(problem.edges.iter().all(|e| e.cost >= 0
        && (e.request as usize) < groups
        && (e.volunteer as usize) < volunteers));
    let sink = groups + volunteers;
    let nodes = sink + 1;

    // Arcs: each edge, each group's "unserved" arc, each volunteer's arc to the sink; and the
    // reverse of each.
    let mut degree = vec![0usize; nodes];
    for e in &problem.edges {
        degree[e.request as usize] += 1;
        degree[groups + e.volunteer as usize] += 1;
    }
    for d in degree.iter_mut().take(sink) {
        *d += 1;
    }
    degree[sink] = sink;
    let mut first = vec![0usize; nodes + 1];
    for u in 0..nodes {
        first[u + 1] = first[u] + degree[u];
    }
    let arcs = first[nodes];
    let mut net = Network {
        first,
        to: vec![0; arcs],
        rev: vec![0; arcs],
        residual: vec![0; arcs],
        cost: vec![0; arcs],
    };
    let scale = nodes as i64 + 1;
    let mut fill: Vec<usize> = net.first[..nodes].to_vec();
    let mut add = |net: &mut Network, u: usize, v: usize, capacity: i64, cost: i64| -> usize {
        let (a, b) = (fill[u], fill[v]);
        fill[u] += 1;
        fill[v] += 1;
        net.to[a] = v as u32;
        net.to[b] = u as u32;
        net.rev[a] = b as u32;
        net.rev[b] = a as u32;
        net.residual[a] = capacity;
        net.cost[a] = cost * scale;
        net.cost[b] = -cost * scale;
        a
    };
    let mut edge_arc = Vec::with_capacity(problem.edges.len());
    for e in &problem.edges {
        let g = e.request as usize;
        let capacity = problem.supply[g].min(problem.capacity[e.volunteer as usize]);
        edge_arc.push(add(
            &mut net,
            g,
            groups + e.volunteer as usize,
            i64::from(capacity),
            e.cost,
        ));
    }
    let mut unserved_arc = Vec::with_capacity(groups);
    for g in 0..groups {
        unserved_arc.push(add(
            &mut net,
            g,
            sink,
            i64::from(problem.supply[g]),
            problem.unserved[g],
        ));
    }
    for v in 0..volunteers {
        add(
            &mut net,
            groups + v,
            sink,
            i64::from(problem.capacity[v]),
            0,
        );
    }

    let mut excess = vec![0i64; nodes];
    for g in 0..groups {
        excess[g] = i64::from(problem.supply[g]);
        excess[sink] -= i64::from(problem.supply[g]);
    }
    let mut price = vec![0i64; nodes];
    let mut epsilon = net.cost.iter().map(|c| c.abs()).max().unwrap_or(0).max(1);
    loop {
        epsilon = (epsilon / ALPHA).max(1);
        refine(&mut net, &mut excess, &mut price, epsilon);
        if epsilon == 1 {
            break;
        }
    }

    let flow: Vec<u32> = edge_arc
        .iter()
        .zip(&problem.edges)
        .map(|(&a, e)| {
            let capacity =
                problem.supply[e.request as usize].min(problem.capacity[e.volunteer as usize]);
            (i64::from(capacity) - net.residual[a]) as u32
        })
        .collect();
    let unserved: Vec<u32> = unserved_arc
        .iter()
        .enumerate()
        .map(|(g, &a)| (i64::from(problem.supply[g]) - net.residual[a]) as u32)
        .collect();
    let total = flow
        .iter()
        .zip(&problem.edges)
        .map(|(f, e)| i64::from(*f) * e.cost)
        .sum::<i64>()
        + unserved
            .iter()
            .zip(&problem.unserved)
            .map(|(u, p)| i64::from(*u) * p)
            .sum::<i64>();
    Solution {
        flow,
        unserved,
        total,
    }
}

/// One round: from an ε·α-optimal flow to an ε-optimal one (every residual arc's reduced cost
/// at least −ε), with every excess pushed to where it is wanted.
fn refine(net: &mut Network, excess: &mut [i64], price: &mut [i64], epsilon: i64) {
    let nodes = excess.len();
    // Saturate every arc with a negative reduced cost: the flow becomes 0-optimal, at the price
    // of new excesses and deficits.
    for u in 0..nodes {
        for a in net.arcs(u) {
            let r = net.residual[a];
            if r > 0 {
                let v = net.to[a] as usize;
                if net.cost[a] + price[u] - price[v] < 0 {
                    net.residual[a] = 0;
                    net.residual[net.rev[a] as usize] += r;
                    excess[u] -= r;
                    excess[v] += r;
                }
            }
        }
    }
    let mut current: Vec<usize> = net.first[..nodes].to_vec();
    let mut queue: VecDeque<usize> = (0..nodes).filter(|&u| excess[u] > 0).collect();
    while let Some(u) = queue.pop_front() {
        // Discharge u: push along admissible arcs, relabel when there is none.
        while excess[u] > 0 {
            let end = net.first[u + 1];
            let mut a = current[u];
            while a < end && excess[u] > 0 {
                let r = net.residual[a];
                if r > 0 {
                    let v = net.to[a] as usize;
                    if net.cost[a] + price[u] - price[v] < 0 {
                        let delta = r.min(excess[u]);
                        net.residual[a] -= delta;
                        net.residual[net.rev[a] as usize] += delta;
                        excess[u] -= delta;
                        let was = excess[v];
                        excess[v] += delta;
                        if was <= 0 && excess[v] > 0 {
                            queue.push_back(v);
                        }
                        if excess[u] == 0 {
                            break;
                        }
                    }
                }
                a += 1;
            }
            current[u] = a;
            if excess[u] > 0 {
                // Relabel: the highest price that makes some residual arc admissible, less ε.
                let mut best = i64::MIN;
                for b in net.arcs(u) {
                    if net.residual[b] > 0 {
                        best = best.max(price[net.to[b] as usize] - net.cost[b]);
                    }
                }
                if best == i64::MIN {
                    // No residual arc at all: impossible while a feasible flow exists, which the
                    // "unserved" arcs guarantee. Leave the excess rather than loop forever.
                    debug_assert!(false, "node {u} has excess and no residual arc");
                    break;
                }
                price[u] = best - epsilon;
                current[u] = net.first[u];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    mod reference {
        //! The first solver: successive shortest paths, one request at a time (the Hungarian
        //! method as Jonker and Volgenant run it on sparse graphs). Exact, slow when many
        //! requests cannot be served; kept as an oracle for instances too big for brute force.
        //! Requests are units here (supply 1).
        use std::cmp::Reverse;
        use std::collections::BinaryHeap;

        use super::super::Problem;

        /// The optimal cost of a problem whose groups all have supply 1.
        pub fn total(problem: &Problem) -> i64 {
            let s = solve(problem);
            let recomputed: i64 = s
                .served_by
                .iter()
                .enumerate()
                .map(|(r, by)| by.map_or(problem.unserved[r], |e| problem.edges[e].cost))
                .sum();
            assert_eq!(recomputed, s.total);
            s.total
        }

        pub struct Solution {
            pub served_by: Vec<Option<usize>>,
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
    }

    /// The same problem with every group split into single requests.
    fn units(p: &Problem) -> Problem {
        let mut out = Problem::default();
        let mut first_unit = Vec::new();
        for (g, &n) in p.supply.iter().enumerate() {
            first_unit.push(out.supply.len());
            for _ in 0..n {
                out.supply.push(1);
                out.unserved.push(p.unserved[g]);
            }
        }
        out.capacity = p.capacity.clone();
        for (g, &n) in p.supply.iter().enumerate() {
            for k in 0..n as usize {
                for e in p.edges.iter().filter(|e| e.request as usize == g) {
                    out.edges.push(Edge {
                        request: (first_unit[g] + k) as u32,
                        ..*e
                    });
                }
            }
        }
        out
    }

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
        let p = units(p);
        let mut best = i64::MAX;
        go(&p, 0, &mut p.capacity.clone(), 0, &mut best);
        best
    }

    fn random_problem(
        rng: &mut impl Rng,
        groups: usize,
        volunteers: usize,
        supply: u32,
    ) -> Problem {
        let n = rng.random_range(0..=groups);
        let m = rng.random_range(0..=volunteers);
        let mut p = Problem {
            supply: (0..n).map(|_| rng.random_range(1..=supply)).collect(),
            unserved: (0..n)
                .map(|_| [5, 50, 500, 5000][rng.random_range(0..4)])
                .collect(),
            capacity: (0..m).map(|_| rng.random_range(0..=3)).collect(),
            edges: Vec::new(),
        };
        for r in 0..n {
            for v in 0..m {
                if rng.random_bool(0.6) {
                    p.edges.push(Edge {
                        request: r as u32,
                        volunteer: v as u32,
                        cost: rng.random_range(0..=60),
                    });
                }
            }
        }
        p
    }

    /// The solution is a real assignment and its stated total is its cost.
    fn check_feasible(p: &Problem, s: &Solution) {
        let mut used = vec![0u32; p.capacity.len()];
        let mut placed = vec![0u32; p.supply.len()];
        let mut total = 0;
        for (e, f) in p.edges.iter().zip(&s.flow) {
            used[e.volunteer as usize] += f;
            placed[e.request as usize] += f;
            total += i64::from(*f) * e.cost;
        }
        for (g, u) in s.unserved.iter().enumerate() {
            placed[g] += u;
            total += i64::from(*u) * p.unserved[g];
        }
        assert_eq!(placed, p.supply, "every request placed once");
        for (v, u) in used.iter().enumerate() {
            assert!(*u <= p.capacity[v], "volunteer {v} over capacity");
        }
        assert_eq!(total, s.total);
    }

    #[test]
    fn equals_brute_force_on_thousands_of_small_instances() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for round in 0..20000 {
            let supply = if round % 2 == 0 { 1 } else { 3 };
            let groups = if supply == 1 { 9 } else { 4 };
            let p = random_problem(&mut rng, groups, 4, supply);
            let s = solve(&p);
            check_feasible(&p, &s);
            assert_eq!(s.total, brute_force(&p), "round {round}: {p:?}");
        }
    }

    #[test]
    fn equals_shortest_paths_on_medium_instances() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for round in 0..300 {
            let p = random_problem(&mut rng, 40, 20, 3);
            let s = solve(&p);
            check_feasible(&p, &s);
            assert_eq!(s.total, reference::total(&units(&p)), "round {round}");
        }
    }

    #[test]
    fn the_shortest_path_oracle_equals_brute_force() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for round in 0..3000 {
            let p = random_problem(&mut rng, 8, 4, 1);
            assert_eq!(reference::total(&p), brute_force(&p), "round {round}");
        }
    }

    #[test]
    fn same_problem_same_answer() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        for _ in 0..200 {
            let p = random_problem(&mut rng, 12, 6, 2);
            assert_eq!(solve(&p), solve(&p));
        }
    }

    #[test]
    fn a_better_plan_moves_an_earlier_placement() {
        // Request 0 alone would take volunteer 0 (cheaper); request 1 can only use volunteer 0,
        // so the optimum sends request 0 to volunteer 1.
        let p = Problem {
            supply: vec![1, 1],
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
        assert_eq!(s.flow, vec![0, 1, 1]);
        assert_eq!(s.total, 3);
    }

    #[test]
    fn a_dearer_unserved_request_displaces_a_cheaper_one() {
        let p = Problem {
            supply: vec![1, 1],
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
        assert_eq!(s.flow, vec![0, 1]);
        assert_eq!(s.unserved, vec![1, 0]);
        assert_eq!(s.total, 15);
    }

    #[test]
    fn a_group_spreads_over_volunteers() {
        let p = Problem {
            supply: vec![5],
            unserved: vec![1000],
            capacity: vec![2, 2, 3],
            edges: vec![
                Edge {
                    request: 0,
                    volunteer: 0,
                    cost: 3,
                },
                Edge {
                    request: 0,
                    volunteer: 1,
                    cost: 1,
                },
                Edge {
                    request: 0,
                    volunteer: 2,
                    cost: 2,
                },
            ],
        };
        let s = solve(&p);
        assert_eq!(s.flow, vec![0, 2, 3]);
        assert_eq!(s.total, 2 + 6);
    }
}

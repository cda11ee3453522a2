//! The exact solver behind matching: request groups (each a number of alike requests of one
//! urgency tier) assigned to volunteers (a capacity each) over the feasible edges, serving as
//! many requests as possible, the most urgent first, and among such plans the cheapest.
//!
//! Written here rather than taken from a crate because it is the product's core and its shape is
//! particular: a transportation problem with optional demand and a lexicographic objective, up to
//! hundreds of thousands of edges, and an answer needed in well under a second.
//!
//! Stated as one min-cost flow, leaving a request of tier `t` unserved costs `(t + 1) · Δ` with
//! `Δ` above any plan's total edge cost ([`Problem::unserved_price`]); that is the problem the
//! `--graph` file gives to outside solvers. Solved here in two stages, which is the same optimum
//! with far smaller numbers:
//! 1. **How many of each tier** ([`served_per_tier`]): maximum flow (Dinic), adding the tiers
//!    from the most urgent down and keeping the flow found so far. Requests that can be served
//!    together form a matroid (a transversal one), so this greedy order serves the most urgent
//!    as far as possible and, all plans with room for every request being as large, loses
//!    nothing in number; any plan serving fewer of a tier pays at least one more `Δ` than it
//!    saves.
//! 2. **The cheapest plan with those numbers**: Goldberg's cost scaling (push–relabel on
//!    ε-optimal pseudoflows, the algorithm behind OR-Tools' min-cost flow) with a source per
//!    tier supplying exactly its number. Costs are multiplied by the number of nodes plus one, ε
//!    starts at the largest and is divided by [`ALPHA`] per round; each round saturates every
//!    arc with a negative reduced cost and pushes the excess along admissible arcs, lowering a
//!    node's price by at least ε when it has none. After the round with ε = 1 the flow is
//!    optimal (the costs are integers). The edge costs are small (a few hundred), so this takes
//!    about half the rounds the single-stage problem with its `Δ` prices needed.
//!
//! Checked against brute force on thousands of small random instances, and in the benchmark
//! against OR-Tools on a city-sized day (same objective value). A first version solved by
//! successive shortest paths; exact as well, it explored the whole graph for every request that
//! could not be served and took minutes on a tight city day.

use std::collections::VecDeque;

/// One feasible pairing of a hub (requests with the same candidates at the same costs) with a
/// volunteer, and what it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Index of the hub.
    pub hub: u32,
    /// Index of the volunteer.
    pub volunteer: u32,
    /// Non-negative cost of sending one request of the hub to this volunteer.
    pub cost: i64,
}

/// What the solver is given.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Per request group: how many alike requests it stands for (1 for most).
    pub supply: Vec<u32>,
    /// Per request group: its urgency tier (higher is more urgent).
    pub tier: Vec<u8>,
    /// Per request group: its hub. Groups of different tiers whose requests have the same
    /// candidates at the same costs share a hub, and the edges are the hubs' (a day's phone
    /// check-ins in Dutch on Tuesday morning are four groups, one per urgency, and one hub).
    pub hub: Vec<u32>,
    /// Per volunteer: how many requests it can still take.
    pub capacity: Vec<u32>,
    /// The feasible pairings, by hub.
    pub edges: Vec<Edge>,
}

impl Problem {
    /// Number of hubs.
    fn hubs(&self) -> usize {
        self.hub
            .iter()
            .chain(self.edges.iter().map(|e| &e.hub))
            .map(|&h| h as usize + 1)
            .max()
            .unwrap_or(0)
    }

    /// Requests per hub.
    fn hub_supply(&self) -> Vec<u32> {
        let mut out = vec![0u32; self.hubs()];
        for (g, &h) in self.hub.iter().enumerate() {
            out[h as usize] += self.supply[g];
        }
        out
    }

    /// `Δ`: more than the edges of any plan can cost together.
    fn step(&self) -> i64 {
        let requests: i64 = self.supply.iter().map(|&s| i64::from(s)).sum();
        let dearest = self.edges.iter().map(|e| e.cost).max().unwrap_or(0);
        (requests + 1) * dearest.max(1) + 1
    }

    /// The price of leaving one request of `group` unserved in the single min-cost-flow statement
    /// of the problem: `(tier + 1) · Δ`. (Reads the whole problem: for many groups, take
    /// [`Problem::unserved_price_step`] once.)
    pub fn unserved_price(&self, group: usize) -> i64 {
        (i64::from(self.tier[group]) + 1) * self.step()
    }

    /// `Δ`, the step between the unserved prices of two tiers.
    pub fn unserved_price_step(&self) -> i64 {
        self.step()
    }
}

/// The optimal assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Per edge of [`Problem::edges`]: how many requests of its hub it serves.
    pub flow: Vec<u32>,
    /// Per request group: how many of its requests are left unserved.
    pub unserved: Vec<u32>,
    /// The objective of the single statement: edge costs plus unserved prices.
    pub total: i64,
}

/// How much ε shrinks per round (8 measured best of 4, 8 and 16 on a city day).
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
    /// A network of `nodes` nodes with these arcs (tail, head, capacity, cost); arc `i` of the
    /// list is arc `index[i]` of the network.
    fn new(nodes: usize, arcs: &[(usize, usize, i64, i64)]) -> (Self, Vec<usize>) {
        let mut first = vec![0usize; nodes + 1];
        for &(u, v, _, _) in arcs {
            first[u + 1] += 1;
            first[v + 1] += 1;
        }
        for u in 0..nodes {
            first[u + 1] += first[u];
        }
        let total = first[nodes];
        let mut net = Network {
            first,
            to: vec![0; total],
            rev: vec![0; total],
            residual: vec![0; total],
            cost: vec![0; total],
        };
        let mut fill: Vec<usize> = net.first[..nodes].to_vec();
        let mut index = Vec::with_capacity(arcs.len());
        for &(u, v, capacity, cost) in arcs {
            let (a, b) = (fill[u], fill[v]);
            fill[u] += 1;
            fill[v] += 1;
            net.to[a] = v as u32;
            net.to[b] = u as u32;
            net.rev[a] = b as u32;
            net.rev[b] = a as u32;
            net.residual[a] = capacity;
            net.cost[a] = cost;
            net.cost[b] = -cost;
            index.push(a);
        }
        (net, index)
    }

    fn arcs(&self, u: usize) -> std::ops::Range<usize> {
        self.first[u]..self.first[u + 1]
    }

    fn push(&mut self, a: usize, amount: i64) {
        self.residual[a] -= amount;
        self.residual[self.rev[a] as usize] += amount;
    }
}

/// Solves `problem` exactly. Deterministic: the same problem (edges in the same order) gives the
/// same solution, ties included.
pub fn solve(problem: &Problem) -> Solution {
    let groups = problem.supply.len();
    let hubs = problem.hubs();
    let volunteers = problem.capacity.len();
    debug_assert_eq!(problem.tier.len(), groups);
    debug_assert_eq!(problem.hub.len(), groups);
    debug_assert!(
        problem
            .edges
            .iter()
            .all(|e| e.cost >= 0 && (e.hub as usize) < hubs && (e.volunteer as usize) < volunteers)
    );
    let quota = served_per_tier(problem);
    let hub_supply = problem.hub_supply();

    // Nodes: hubs, volunteers, the sink, then one source per tier.
    let sink = hubs + volunteers;
    let mut tiers: Vec<u8> = quota.iter().map(|(t, _)| *t).collect();
    tiers.sort_unstable();
    let source = |t: u8| sink + 1 + tiers.binary_search(&t).unwrap_or(0);
    let nodes = sink + 1 + tiers.len();
    let scale = nodes as i64 + 1;
    let mut arcs: Vec<(usize, usize, i64, i64)> =
        Vec::with_capacity(problem.edges.len() + groups + volunteers);
    for e in &problem.edges {
        let capacity = hub_supply[e.hub as usize].min(problem.capacity[e.volunteer as usize]);
        arcs.push((
            e.hub as usize,
            hubs + e.volunteer as usize,
            i64::from(capacity),
            e.cost * scale,
        ));
    }
    let group_arcs = arcs.len();
    for g in 0..groups {
        arcs.push((
            source(problem.tier[g]),
            problem.hub[g] as usize,
            i64::from(problem.supply[g]),
            0,
        ));
    }
    for v in 0..volunteers {
        arcs.push((hubs + v, sink, i64::from(problem.capacity[v]), 0));
    }
    let (mut net, index) = Network::new(nodes, &arcs);
    let mut excess = vec![0i64; nodes];
    for (t, k) in &quota {
        excess[source(*t)] += *k as i64;
        excess[sink] -= *k as i64;
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

    let flow: Vec<u32> = arcs[..group_arcs]
        .iter()
        .zip(&index)
        .map(|(arc, &a)| (arc.2 - net.residual[a]) as u32)
        .collect();
    let unserved: Vec<u32> = (0..groups)
        .map(|g| net.residual[index[group_arcs + g]] as u32)
        .collect();
    let step = problem.step();
    let total = problem
        .edges
        .iter()
        .zip(&flow)
        .map(|(e, f)| i64::from(*f) * e.cost)
        .sum::<i64>()
        + unserved
            .iter()
            .zip(&problem.tier)
            .map(|(u, t)| i64::from(*u) * (i64::from(*t) + 1) * step)
            .sum::<i64>();
    Solution {
        flow,
        unserved,
        total,
    }
}

/// Stage 1: how many requests of each tier the plan serves (tier, number), by maximum flow with
/// the tiers added from the most urgent down.
pub fn served_per_tier(problem: &Problem) -> Vec<(u8, u64)> {
    let groups = problem.supply.len();
    let hubs = problem.hubs();
    let hub_supply = problem.hub_supply();
    let volunteers = problem.capacity.len();
    let sink = hubs + volunteers;
    let source = sink + 1;
    let mut arcs: Vec<(usize, usize, i64, i64)> = Vec::new();
    for e in &problem.edges {
        let capacity = hub_supply[e.hub as usize].min(problem.capacity[e.volunteer as usize]);
        arcs.push((
            e.hub as usize,
            hubs + e.volunteer as usize,
            i64::from(capacity),
            0,
        ));
    }
    for v in 0..volunteers {
        arcs.push((hubs + v, sink, i64::from(problem.capacity[v]), 0));
    }
    let first_source_arc = arcs.len();
    for g in 0..groups {
        // Opened (given its supply) when its tier's turn comes.
        arcs.push((source, problem.hub[g] as usize, 0, 0));
    }
    let (mut net, index) = Network::new(source + 1, &arcs);
    let mut tiers: Vec<u8> = problem.tier.clone();
    tiers.sort_unstable_by(|a, b| b.cmp(a));
    tiers.dedup();
    let mut out = Vec::with_capacity(tiers.len());
    let mut dinic = Dinic::new(source + 1);
    for t in tiers {
        for g in 0..groups {
            if problem.tier[g] == t {
                let a = index[first_source_arc + g];
                net.residual[a] = i64::from(problem.supply[g]);
            }
        }
        out.push((t, dinic.max_flow(&mut net, source, sink)));
    }
    out
}

/// Dinic's maximum flow: breadth-first levels, then blocking flows along level-increasing arcs.
struct Dinic {
    level: Vec<u32>,
    current: Vec<usize>,
    queue: VecDeque<usize>,
    path: Vec<usize>,
}

impl Dinic {
    fn new(nodes: usize) -> Self {
        Dinic {
            level: vec![u32::MAX; nodes],
            current: vec![0; nodes],
            queue: VecDeque::new(),
            path: Vec::new(),
        }
    }

    /// Pushes as much more flow as fits from `s` to `t`; returns how much.
    fn max_flow(&mut self, net: &mut Network, s: usize, t: usize) -> u64 {
        let mut total = 0u64;
        loop {
            self.level.fill(u32::MAX);
            self.level[s] = 0;
            self.queue.clear();
            self.queue.push_back(s);
            while let Some(u) = self.queue.pop_front() {
                for a in net.arcs(u) {
                    let v = net.to[a] as usize;
                    if net.residual[a] > 0 && self.level[v] == u32::MAX {
                        self.level[v] = self.level[u] + 1;
                        self.queue.push_back(v);
                    }
                }
            }
            if self.level[t] == u32::MAX {
                return total;
            }
            let nodes = self.current.len();
            self.current.copy_from_slice(&net.first[..nodes]);
            // Iterative depth-first search: `path` holds the arcs from s to the current node.
            self.path.clear();
            let mut u = s;
            loop {
                if u == t {
                    let amount = self
                        .path
                        .iter()
                        .map(|&a| net.residual[a])
                        .min()
                        .unwrap_or(0);
                    for &a in &self.path {
                        net.push(a, amount);
                    }
                    total += amount as u64;
                    // Back to the tail of the first arc the augmentation saturated.
                    let cut = self
                        .path
                        .iter()
                        .position(|&a| net.residual[a] == 0)
                        .unwrap_or(0);
                    self.path.truncate(cut);
                    u = match self.path.last() {
                        Some(&a) => net.to[a] as usize,
                        None => s,
                    };
                    continue;
                }
                let end = net.first[u + 1];
                let mut advanced = false;
                while self.current[u] < end {
                    let a = self.current[u];
                    let v = net.to[a] as usize;
                    if net.residual[a] > 0 && self.level[v] == self.level[u] + 1 {
                        self.path.push(a);
                        u = v;
                        advanced = true;
                        break;
                    }
                    self.current[u] += 1;
                }
                if !advanced {
                    // A dead end for this phase.
                    self.level[u] = u32::MAX;
                    match self.path.pop() {
                        Some(a) => {
                            u = net.to[net.rev[a] as usize] as usize;
                            self.current[u] += 1;
                        }
                        None => break,
                    }
                }
            }
        }
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

        fn unserved_price(problem: &Problem, r: usize) -> i64 {
            problem.unserved_price(r)
        }

        /// The optimal cost of a problem whose groups all have supply 1.
        pub fn total(problem: &Problem) -> i64 {
            let s = solve(problem);
            let recomputed: i64 = s
                .served_by
                .iter()
                .enumerate()
                .map(|(r, by)| by.map_or(unserved_price(problem, r), |e| problem.edges[e].cost))
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
            let n = problem.supply.len();
            let prices: Vec<i64> = (0..n).map(|g| problem.unserved_price(g)).collect();
            let m = problem.capacity.len();
            debug_assert!(
                problem
                    .edges
                    .iter()
                    .all(|e| e.cost >= 0 && (e.hub as usize) < n && (e.volunteer as usize) < m)
            );

            // Edges grouped by request (CSR), in the caller's order within a request.
            let mut start = vec![0usize; n + 1];
            for e in &problem.edges {
                start[e.hub as usize + 1] += 1;
            }
            for i in 0..n {
                start[i + 1] += start[i];
            }
            let mut order = vec![0u32; problem.edges.len()];
            let mut fill = start.clone();
            for (i, e) in problem.edges.iter().enumerate() {
                order[fill[e.hub as usize]] = i as u32;
                fill[e.hub as usize] += 1;
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
                let mut p = potential[sink] - prices[r];
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
                            let rc = prices[node] + potential[node] - potential[sink];
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
                                Via::Edge(e) => (problem.edges[e as usize].hub, e),
                                _ => unreachable!("a volunteer is only entered along an edge"),
                            }
                        }
                        Via::Unserved(q) => (q, UNSERVED),
                        Via::Edge(e) => (problem.edges[e as usize].hub, e),
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
                        total += prices[r];
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
                out.tier.push(p.tier[g]);
            }
        }
        out.capacity = p.capacity.clone();
        for (g, &n) in p.supply.iter().enumerate() {
            for k in 0..n as usize {
                for e in p.edges.iter().filter(|e| e.hub == p.hub[g]) {
                    out.edges.push(Edge {
                        hub: (first_unit[g] + k) as u32,
                        ..*e
                    });
                }
            }
        }
        out.hub = (0..out.supply.len() as u32).collect();
        out
    }

    /// Every way of placing each request (unserved, or one of its edges) within capacities,
    /// priced as the single min-cost-flow statement prices them.
    fn brute_force(p: &Problem) -> i64 {
        fn go(
            p: &Problem,
            prices: &[i64],
            r: usize,
            room: &mut Vec<u32>,
            acc: i64,
            best: &mut i64,
        ) {
            if acc >= *best {
                return;
            }
            if r == prices.len() {
                *best = acc;
                return;
            }
            go(p, prices, r + 1, room, acc + prices[r], best);
            for e in p.edges.iter().filter(|e| e.hub as usize == r) {
                let v = e.volunteer as usize;
                if room[v] > 0 {
                    room[v] -= 1;
                    go(p, prices, r + 1, room, acc + e.cost, best);
                    room[v] += 1;
                }
            }
        }
        let step = p.step();
        let p = units(p);
        let prices: Vec<i64> = p.tier.iter().map(|t| (i64::from(*t) + 1) * step).collect();
        let mut best = i64::MAX;
        go(&p, &prices, 0, &mut p.capacity.clone(), 0, &mut best);
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
        // Sometimes a hub per group, sometimes groups sharing hubs.
        let hubs = if rng.random_bool(0.5) {
            n
        } else {
            rng.random_range(1..=n.max(1))
        };
        let mut p = Problem {
            supply: (0..n).map(|_| rng.random_range(1..=supply)).collect(),
            tier: (0..n).map(|_| rng.random_range(0..4)).collect(),
            hub: (0..n)
                .map(|g| {
                    if hubs == n {
                        g as u32
                    } else {
                        rng.random_range(0..hubs) as u32
                    }
                })
                .collect(),
            capacity: (0..m).map(|_| rng.random_range(0..=3)).collect(),
            edges: Vec::new(),
        };
        for h in 0..hubs {
            if !p.hub.contains(&(h as u32)) {
                continue;
            }
            for v in 0..m {
                if rng.random_bool(0.6) {
                    p.edges.push(Edge {
                        hub: h as u32,
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
        let mut through_edges = vec![0u32; p.hubs()];
        let mut total = 0;
        for (e, f) in p.edges.iter().zip(&s.flow) {
            used[e.volunteer as usize] += f;
            through_edges[e.hub as usize] += f;
            total += i64::from(*f) * e.cost;
        }
        let mut served = vec![0u32; p.hubs()];
        for (g, u) in s.unserved.iter().enumerate() {
            assert!(*u <= p.supply[g]);
            served[p.hub[g] as usize] += p.supply[g] - u;
            total += i64::from(*u) * p.unserved_price(g);
        }
        assert_eq!(
            through_edges, served,
            "what each hub serves goes through its edges"
        );
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
            assert_eq!(
                reference::total(&units(&p)),
                brute_force(&p),
                "round {round}"
            );
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
            tier: vec![0, 0],
            hub: vec![0, 1],
            capacity: vec![1, 1],
            edges: vec![
                Edge {
                    hub: 0,
                    volunteer: 0,
                    cost: 1,
                },
                Edge {
                    hub: 0,
                    volunteer: 1,
                    cost: 2,
                },
                Edge {
                    hub: 1,
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
            tier: vec![0, 3],
            hub: vec![0, 1],
            capacity: vec![1],
            edges: vec![
                Edge {
                    hub: 0,
                    volunteer: 0,
                    cost: 0,
                },
                Edge {
                    hub: 1,
                    volunteer: 0,
                    cost: 5,
                },
            ],
        };
        let s = solve(&p);
        assert_eq!(s.flow, vec![0, 1]);
        assert_eq!(s.unserved, vec![1, 0]);
        // Δ = (2 requests + 1) × dearest edge 5 + 1 = 16; the low one unserved costs 1 Δ.
        assert_eq!(s.total, 5 + 16);
    }

    #[test]
    fn a_group_spreads_over_volunteers() {
        let p = Problem {
            supply: vec![5],
            tier: vec![1],
            hub: vec![0],
            capacity: vec![2, 2, 3],
            edges: vec![
                Edge {
                    hub: 0,
                    volunteer: 0,
                    cost: 3,
                },
                Edge {
                    hub: 0,
                    volunteer: 1,
                    cost: 1,
                },
                Edge {
                    hub: 0,
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

"""Solves the problem `solidesk match --graph` exported with OR-Tools' min-cost flow and prints
its time and optimal objective as JSON, for the matching benchmark (cli/benches/matching.rs).

Network: each group of alike requests supplies as many units as it has requests; a unit goes
to the group's hub, along one of the hub's edges to a volunteer (integer cost) and on to the sink
within the volunteer's capacity, or straight from the group to the sink at its unserved cost. The
optimal cost is the plan's objective.
"""

import json
import sys
import time

import numpy as np
import ortools
from ortools.graph.python import min_cost_flow


def main(path):
    with open(path, encoding="utf-8") as f:
        graph = json.load(f)
    groups = graph["groups"]
    volunteers = graph["volunteers"]
    edges = graph["edges"]
    hub_count = 1 + max([g["hub"] for g in groups] + [e["hub"] for e in edges], default=-1)
    g_count, v_count = len(groups), len(volunteers)
    # Nodes: groups, hubs, volunteers, the sink.
    hub0, vol0 = g_count, g_count + hub_count
    sink = vol0 + v_count

    started = time.perf_counter()
    tails, heads, caps, costs = [], [], [], []
    hub_supply = [0] * hub_count
    for g, group in enumerate(groups):
        hub_supply[group["hub"]] += group["supply"]
        tails += [g, g]
        heads += [hub0 + group["hub"], sink]
        caps += [group["supply"], group["supply"]]
        costs += [0, group["unserved_cost"]]
    for e in edges:
        h, v = e["hub"], e["volunteer"]
        tails.append(hub0 + h)
        heads.append(vol0 + v)
        caps.append(min(hub_supply[h], volunteers[v]["capacity"]))
        costs.append(e["cost"])
    for v, volunteer in enumerate(volunteers):
        tails.append(vol0 + v)
        heads.append(sink)
        caps.append(volunteer["capacity"])
        costs.append(0)
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    supplies = [group["supply"] for group in groups] + [0] * (hub_count + v_count)
    supplies.append(-sum(group["supply"] for group in groups))
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), np.array(supplies, dtype=np.int64))
    built = time.perf_counter()
    status = flow.solve()
    solved = time.perf_counter()
    print(
        json.dumps(
            {
                "status": "OPTIMAL" if status == flow.OPTIMAL else str(status),
                "optimal_cost": flow.optimal_cost(),
                "build_seconds": built - started,
                "solve_seconds": solved - built,
                "version": ortools.__version__,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])

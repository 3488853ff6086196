"""Small-number suppression for published counts (DESIGN §4 rule 6).

A table of counts with row totals, column totals and a grand total is a set of linear
equations: every row, every column, the totals row and the totals column sums to its total.
Primary suppression hides every count below the threshold. Secondary suppression hides more
cells until no hidden value can be computed from the published ones: in the graph whose
nodes are those equations and whose edges are the hidden values (each value lies on exactly
two equations), a hidden value is determined exactly when its edge is not on a cycle. So we
hide further values until every hidden edge lies on a cycle.
"""

import heapq
from dataclasses import dataclass, field

Cell = tuple[str, int, int]  # ("cell", row, col) | ("row_total", row, -1) | ("col_total", -1, col) | ("grand", -1, -1)


@dataclass
class SuppressedTable:
    values: list[list[int]]
    threshold: int
    hidden: set[Cell] = field(default_factory=set)

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.values]

    @property
    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.values, strict=True)] if self.values else []

    @property
    def grand_total(self) -> int:
        return sum(self.row_totals)

    def is_hidden(self, kind: str, row: int = -1, col: int = -1) -> bool:
        return (kind, row, col) in self.hidden


def value_of(table: SuppressedTable, cell: Cell) -> int:
    kind, row, col = cell
    if kind == "cell":
        return table.values[row][col]
    if kind == "row_total":
        return table.row_totals[row]
    if kind == "col_total":
        return table.column_totals[col]
    return table.grand_total


def endpoints(cell: Cell) -> tuple[tuple[str, int], tuple[str, int]]:
    """The two equations a value takes part in."""
    kind, row, col = cell
    if kind == "cell":
        return ("row", row), ("col", col)
    if kind == "row_total":
        return ("row", row), ("totals_col", 0)
    if kind == "col_total":
        return ("totals_row", 0), ("col", col)
    return ("totals_row", 0), ("totals_col", 0)


def all_cells(rows: int, cols: int) -> list[Cell]:
    cells = [("cell", row, col) for row in range(rows) for col in range(cols)]
    cells += [("row_total", row, -1) for row in range(rows)]
    cells += [("col_total", -1, col) for col in range(cols)]
    return [*cells, ("grand", -1, -1)]


def bridges(edges: list[Cell]) -> list[Cell]:
    """Edges of the equation graph that lie on no cycle (Tarjan's bridge search)."""
    adjacency: dict = {}
    for index, edge in enumerate(edges):
        first, second = endpoints(edge)
        adjacency.setdefault(first, []).append((second, index))
        adjacency.setdefault(second, []).append((first, index))
    order, low, found = {}, {}, []
    counter = [0]

    def visit(node, parent_edge):
        order[node] = low[node] = counter[0]
        counter[0] += 1
        for neighbour, index in adjacency[node]:
            if index == parent_edge:
                continue
            if neighbour in order:
                low[node] = min(low[node], order[neighbour])
            else:
                visit(neighbour, index)
                low[node] = min(low[node], low[neighbour])
                if low[neighbour] > order[node]:
                    found.append(edges[index])

    for node in adjacency:
        if node not in order:
            visit(node, None)
    return found


def component_of(start, edges: list[Cell], removed: Cell) -> set:
    adjacency: dict = {}
    for edge in edges:
        if edge == removed:
            continue
        first, second = endpoints(edge)
        adjacency.setdefault(first, set()).add(second)
        adjacency.setdefault(second, set()).add(first)
    seen, todo = {start}, [start]
    while todo:
        for neighbour in adjacency.get(todo.pop(), ()):
            if neighbour not in seen:
                seen.add(neighbour)
                todo.append(neighbour)
    return seen


def cheapest_path(table: SuppressedTable, published: list[Cell], sources: set, targets: set) -> list[Cell]:
    """Published values joining the two sides of a bridge at the least total value (Dijkstra)."""
    adjacency: dict = {}
    for cell in published:
        first, second = endpoints(cell)
        cost = value_of(table, cell) + 1  # + 1: fewer hidden values win among equal sums
        adjacency.setdefault(first, []).append((second, cost, cell))
        adjacency.setdefault(second, []).append((first, cost, cell))
    distance = dict.fromkeys(sources, 0)
    via: dict = {}
    queue = [(0, repr(node), node) for node in sources]
    heapq.heapify(queue)
    while queue:
        cost, _key, node = heapq.heappop(queue)
        if node in targets:
            path = []
            while node in via:
                node, cell = via[node]
                path.append(cell)
            return path
        if cost > distance.get(node, cost):
            continue
        for neighbour, step, cell in adjacency.get(node, ()):
            if cost + step < distance.get(neighbour, float("inf")):
                distance[neighbour] = cost + step
                via[neighbour] = (node, cell)
                heapq.heappush(queue, (cost + step, repr(neighbour), neighbour))
    return []


def suppress(values: list[list[int]], threshold: int) -> SuppressedTable:
    table = SuppressedTable([list(row) for row in values], threshold)
    rows, cols = len(values), len(values[0]) if values else 0
    if rows == 0 or cols == 0:
        return table
    cells = all_cells(rows, cols)
    table.hidden = {cell for cell in cells if value_of(table, cell) < threshold}
    # Each hidden value that is a bridge can be computed. Hide the cheapest path of published
    # values between its two sides: then the bridge lies on a cycle and cannot be computed.
    for _ in range(len(cells)):
        open_bridges = bridges(sorted(table.hidden))
        if not open_bridges:
            break
        bridge = open_bridges[0]
        hidden = sorted(table.hidden)
        first, second = endpoints(bridge)
        path = cheapest_path(
            table,
            [cell for cell in cells if cell not in table.hidden],
            component_of(first, hidden, bridge),
            component_of(second, hidden, bridge),
        )
        if not path:  # cannot happen in a full table, but never publish a computable value
            table.hidden.update(cells)
            break
        table.hidden.update(path)
    return table

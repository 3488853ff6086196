"""Statistical disclosure control for published counts (DESIGN §4 rule 6).

The model. A table of counts x[r][c] ≥ 0 is published with its row totals, column totals and
grand total; of the previous period only the row totals and the grand total are published. A
value below the threshold t is *primary* suppressed and marked "< t"; further values are
*secondary* suppressed and marked "x" ("Wert geheim gehalten"). The reader — the attacker — knows
every published value and the bounds: every hidden value is at least 0, a "< t" value lies in
[0, t − 1] (in [1, t − 1] where zeros are published as "–"). "x" claims nothing about the size
(only values of at least t are hidden as "x", but relying on that would let the marks alone pin
some tables, e.g. two rows of "< 5" cells whose "x" totals are 5).

The protection. For each hidden value the smallest and largest value consistent with all of
that is found by linear programming (HiGHS). A table of counts with its margins has a
totally unimodular constraint matrix, so these bounds are whole numbers and the same as an
integer attacker's. The table is protected when the interval of every primary value is at least
`width` wide (or as wide as its bounds allow) and no hidden value is determined exactly.

Secondary suppression. First the cycle rule: in the graph whose nodes are the equations and
whose edges are the hidden values (each value lies on two equations), a value that is not on a
cycle can be computed exactly; hide the cheapest path of published values that closes a cycle.
Then, while an interval is too narrow, hide the cheapest published value that shares an
equation with it — until the linear programs confirm the protection.
"""

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np

Cell = tuple[str, int, int]  # ("cell", row, col) | ("row_total", row, -1) | ("col_total", -1, col) | ("grand", -1, -1)
PRIMARY, SECONDARY = "primary", "secondary"
EVERYTHING = frozenset({"cell", "row_total", "col_total", "grand"})
TOTALS_ONLY = frozenset({"row_total", "grand"})  # the previous period's column


@dataclass
class SuppressedTable:
    values: list[list[int]]
    threshold: int
    width: int = 3
    protect_zeros: bool = True
    published_kinds: frozenset[str] = EVERYTHING
    hidden: set[Cell] = field(default_factory=set)
    primary: set[Cell] = field(default_factory=set)

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.values]

    @property
    def column_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.values, strict=True)] if self.values else []

    @property
    def grand_total(self) -> int:
        return sum(self.row_totals)

    def mark(self, kind: str, row: int = -1, col: int = -1) -> str:
        """PRIMARY ("< 5"), SECONDARY ("x") or "" (published)."""
        cell = (kind, row, col)
        if cell not in self.hidden:
            return ""
        return PRIMARY if cell in self.primary else SECONDARY

    @property
    def shown_cells(self) -> list[Cell]:
        return [cell for cell in all_cells(len(self.values), len(self.values[0])) if cell[0] in self.published_kinds]

    def is_small(self, value: int) -> bool:
        return value < self.threshold and (value > 0 or self.protect_zeros)

    def bounds(self, cell: Cell) -> tuple[float, float]:
        """What the reader knows of a hidden value from its mark."""
        if cell in self.primary:
            return (0 if self.protect_zeros else 1), self.threshold - 1
        return 0, np.inf

    def required_width(self, cell: Cell) -> int:
        if cell in self.primary:
            low, high = self.bounds(cell)
            return int(min(self.width, high - low))
        return 1


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


def close_cycles(table: SuppressedTable) -> None:
    """The cycle rule: no hidden value may be computable from the published ones alone."""
    cells = all_cells(len(table.values), len(table.values[0]))
    for _ in range(len(cells)):
        open_bridges = bridges(sorted(table.hidden))
        if not open_bridges:
            return
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
            return
        table.hidden.update(path)


class Attacker:
    """The reader's linear programs: the variables are the table's cells, the constraints are the
    published values and the bounds that the marks give away. One HiGHS model per suppression
    pattern; each interval changes only the objective (a warm start, about 0.2 ms a solve)."""

    def __init__(self, table: SuppressedTable, hidden: set[Cell]):
        self.table = table
        self.rows, self.cols = len(table.values), len(table.values[0])
        size = self.rows * self.cols
        shown = set(table.shown_cells)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        lower, upper = np.zeros(size), np.full(size, highspy.kHighsInf)
        for row in range(self.rows):
            for col in range(self.cols):
                cell, number = ("cell", row, col), row * self.cols + col
                if cell in hidden:
                    lower[number], upper[number] = self.limits(cell)
                elif cell in shown:
                    lower[number] = upper[number] = table.values[row][col]
        self.highs.addVars(size, lower, upper)
        for cell in shown:
            if cell[0] == "cell":
                continue
            low, high = self.limits(cell) if cell in hidden else (value_of(table, cell),) * 2
            columns = np.flatnonzero(self.coefficients(cell)).astype(np.int32)
            self.highs.addRow(low, high, len(columns), columns, np.ones(len(columns)))
        self.all_columns = np.arange(size, dtype=np.int32)

    def limits(self, cell: Cell) -> tuple[float, float]:
        low, high = self.table.bounds(cell)
        return low, (highspy.kHighsInf if high == np.inf else high)

    def coefficients(self, cell: Cell) -> np.ndarray:
        kind, row, col = cell
        grid = np.zeros((self.rows, self.cols))
        if kind == "cell":
            grid[row, col] = 1
        elif kind == "row_total":
            grid[row, :] = 1
        elif kind == "col_total":
            grid[:, col] = 1
        else:
            grid[:, :] = 1
        return grid.ravel()

    def optimum(self, costs: np.ndarray) -> float | None:
        """min costs·x, or None where it is unbounded."""
        self.highs.changeColsCost(len(costs), self.all_columns, costs)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return self.highs.getInfo().objective_function_value

    def interval(self, cell: Cell) -> tuple[float, float]:
        """The smallest and largest value of `cell` consistent with what is published."""
        coefficients = self.coefficients(cell)
        smallest = self.optimum(coefficients)
        largest = self.optimum(-coefficients)
        low = round(smallest, 6) if smallest is not None else 0.0
        high = round(-largest, 6) if largest is not None else np.inf
        return low, high


def too_narrow(table: SuppressedTable, hidden: set[Cell], cells: Iterable[Cell]) -> list[Cell]:
    attacker = Attacker(table, hidden)
    narrow = []
    for cell in cells:
        low, high = attacker.interval(cell)
        if high - low < table.required_width(cell):
            narrow.append(cell)
    return narrow


def neighbours(cell: Cell, candidates: Iterable[Cell]) -> list[Cell]:
    """Published values that share an equation with `cell`."""
    equations = set(endpoints(cell))
    return [other for other in candidates if other != cell and equations & set(endpoints(other))]


def widen_intervals(table: SuppressedTable) -> None:
    """Hide further values, cheapest first, until no interval is too narrow. Hiding a value only
    widens every interval (a fixed number becomes a range), so a value found protected once
    stays protected and is not checked again."""
    shown = table.shown_cells
    protected: set[Cell] = set()
    for _ in range(len(shown)):
        narrow = too_narrow(table, table.hidden, sorted(table.hidden - protected))
        protected |= table.hidden - set(narrow)
        if not narrow:
            return
        target = narrow[0]
        published = sorted((cell for cell in shown if cell not in table.hidden), key=lambda c: (value_of(table, c), c))
        if not published:
            return
        nearby = neighbours(target, published) or published
        chosen = nearby[0]
        for candidate in nearby[:4]:  # the cheapest neighbour that suffices, else the cheapest
            if not too_narrow(table, table.hidden | {candidate}, [target]):
                chosen = candidate
                break
        table.hidden.add(chosen)


def suppress(
    values: list[list[int]],
    threshold: int,
    width: int = 3,
    *,
    protect_zeros: bool = True,
    published_kinds: frozenset[str] = EVERYTHING,
) -> SuppressedTable:
    table = SuppressedTable([list(row) for row in values], threshold, width, protect_zeros, published_kinds)
    if not values or not values[0]:
        return table
    table.primary = {cell for cell in table.shown_cells if table.is_small(value_of(table, cell))}
    table.hidden = set(table.primary)
    if not table.hidden:
        return table
    if published_kinds == EVERYTHING:
        close_cycles(table)
    widen_intervals(table)
    return table

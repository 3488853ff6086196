"""No suppressed value can be computed back from what is published, and no small count can be
narrowed down (property-based, issue 13). Two independent attackers: exact linear algebra over
the published equations, and linear programming that also uses the bounds ("< 5" lies in 0…4,
every hidden value is at least 0)."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from reports.suppression import PRIMARY, SECONDARY, TOTALS_ONLY, all_cells, endpoints, suppress, value_of

THRESHOLD = 5


def determined_hidden_values(table) -> set:
    """An attacker with linear algebra: every hidden value fixed by the published ones.

    Equations: each row/column (and the totals row/column) sums to its total. Published values
    are constants; x_k is determined exactly when e_k lies in the row space of the system."""
    rows, cols = len(table.values), len(table.values[0])
    unknowns = sorted(table.hidden)
    index = {cell: number for number, cell in enumerate(unknowns)}
    equations = {}
    for cell in all_cells(rows, cols):
        total_side = cell[0] != "cell"  # a total appears as "− total" in its row/column equation
        for node in endpoints(cell):
            sign = -1 if total_side and node[0] in ("row", "col") else 1
            if cell[0] == "grand":
                sign = -1
            equations.setdefault(node, []).append((cell, sign))
    matrix = []
    for terms in equations.values():
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in terms:
            if cell in index:
                row[index[cell]] += sign
        if any(row):
            matrix.append(row)
    # Fully reduced row echelon form.
    pivot_row, pivots = 0, []
    for column in range(len(unknowns)):
        found = next((r for r in range(pivot_row, len(matrix)) if matrix[r][column] != 0), None)
        if found is None:
            continue
        matrix[pivot_row], matrix[found] = matrix[found], matrix[pivot_row]
        factor = matrix[pivot_row][column]
        matrix[pivot_row] = [value / factor for value in matrix[pivot_row]]
        for other in range(len(matrix)):
            if other != pivot_row and matrix[other][column] != 0:
                scale = matrix[other][column]
                matrix[other] = [a - scale * b for a, b in zip(matrix[other], matrix[pivot_row], strict=True)]
        pivots.append((pivot_row, column))
        pivot_row += 1
    return {
        unknowns[column]
        for row, column in pivots
        if all(value == 0 for number, value in enumerate(matrix[row]) if number != column)
    }


# Many small counts and zeros, one-row and one-column tables, totals equal to a single cell.
counts = st.one_of(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=40))
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda cols: st.lists(
            st.lists(counts, min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)
WIDTH = 3


def lp_intervals(table) -> dict:
    """The reader's interval for each hidden value, by linear programming over *all* published
    quantities as variables (cells and totals), independent of the module's own formulation."""
    rows, cols = len(table.values), len(table.values[0])
    quantities = all_cells(rows, cols)
    index = {cell: number for number, cell in enumerate(quantities)}
    published_kinds = table.published_kinds
    equations = []
    for row in range(rows):  # each row sums to its total, each column to its total, totals to the grand
        equations.append([("cell", row, col) for col in range(cols)] + [("-", "row_total", row, -1)])
    for col in range(cols):
        equations.append([("cell", row, col) for row in range(rows)] + [("-", "col_total", -1, col)])
    equations.append([("row_total", row, -1) for row in range(rows)] + [("-", "grand", -1, -1)])
    equations.append([("col_total", -1, col) for col in range(cols)] + [("-", "grand", -1, -1)])
    a_eq = []
    for terms in equations:
        line = np.zeros(len(quantities))
        for term in terms:
            sign, cell = (-1, term[1:]) if term[0] == "-" else (1, term)
            line[index[cell]] += sign
        a_eq.append(line)
    bounds = []
    for cell in quantities:
        if cell[0] not in published_kinds:
            bounds.append((0, None))  # not printed at all
        elif cell not in table.hidden:
            bounds.append((value_of(table, cell), value_of(table, cell)))
        elif table.mark(*cell) == PRIMARY:
            bounds.append((0, THRESHOLD - 1))
        else:
            bounds.append((0, None))  # "x" claims nothing about the size
    intervals = {}
    for cell in table.hidden:
        objective = np.zeros(len(quantities))
        objective[index[cell]] = 1
        low = linprog(objective, A_eq=np.array(a_eq), b_eq=np.zeros(len(a_eq)), bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=np.array(a_eq), b_eq=np.zeros(len(a_eq)), bounds=bounds, method="highs")
        assert low.status == 0, "the published table must be consistent with the truth"
        intervals[cell] = (low.fun, -high.fun if high.status == 0 else np.inf)
    return intervals


def assert_protected(table) -> None:
    for cell in table.hidden:  # the marks tell the truth
        value = value_of(table, cell)
        if table.mark(*cell) == PRIMARY:
            assert value < THRESHOLD, (cell, value)
        else:
            assert table.mark(*cell) == SECONDARY and value >= THRESHOLD, (cell, value)
    for cell, (low, high) in lp_intervals(table).items():
        required = WIDTH if table.mark(*cell) == PRIMARY else 1
        assert high - low >= required - 1e-6, (cell, low, high, table.values, sorted(table.hidden))


@settings(max_examples=400, deadline=None)
@given(tables)
def test_no_suppressed_value_can_be_computed(values):
    table = suppress(values, THRESHOLD)
    assert determined_hidden_values(table) == set()


@settings(max_examples=200, deadline=None)
@given(tables)
def test_every_small_count_is_hidden_and_big_ones_mostly_shown(values):
    table = suppress(values, THRESHOLD)
    rows, cols = len(values), len(values[0])
    for cell in all_cells(rows, cols):
        if value_of(table, cell) < THRESHOLD:
            assert cell in table.hidden


def test_known_table():
    table = suppress([[10, 2, 7], [8, 9, 12], [20, 15, 30]], THRESHOLD)
    assert table.hidden == {("cell", 0, 0), ("cell", 0, 1), ("cell", 1, 0), ("cell", 1, 1)}
    assert determined_hidden_values(table) == set()


def test_attacker_finds_a_single_hidden_cell():
    """The attacker itself works: one hidden cell in a row with a published total is found."""
    table = suppress([[10, 20], [30, 40]], THRESHOLD)
    table.hidden = {("cell", 0, 0)}
    assert determined_hidden_values(table) == {("cell", 0, 0)}


@settings(max_examples=150, deadline=None)
@given(tables)
def test_no_small_count_can_be_narrowed_down_with_the_bounds(values):
    assert_protected(suppress(values, THRESHOLD, WIDTH))


@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=1, max_size=8))
def test_the_previous_period_column_is_protected_too(totals):
    """Of the previous period only row totals and the grand total are printed."""
    table = suppress([[total] for total in totals], THRESHOLD, WIDTH, published_kinds=TOTALS_ONLY)
    assert_protected(table)


def test_the_ulm_case_a_secondary_cell_is_x_not_a_false_small_count():
    """Böfingen SGB VIII 13, SGB IX 5, SGB XII 5: hiding two cells that add up to 10 as "< 5"
    would be a false label (issue 13). Now they are "x" and every "< 5" is below 5."""
    table = suppress([[13, 5, 5], [3, 8, 6]], THRESHOLD, WIDTH)
    assert_protected(table)
    assert table.mark("cell", 1, 0) == PRIMARY


def test_the_bounds_attacker_catches_what_the_cycle_rule_misses():
    """Row total 8 over two "< 5" cells pins both to 4: the cycle rule alone publishes that."""
    table = suppress([[4, 4, 30], [20, 25, 30]], THRESHOLD, WIDTH)
    assert_protected(table)
    table.hidden = {("cell", 0, 0), ("cell", 0, 1)}
    table.primary = set(table.hidden)
    with pytest.raises(AssertionError):
        assert_protected(table)  # the attacker works: 4 and 4 are pinned


def test_zeros_published_as_nothing_where_switched_off():
    table = suppress([[0, 12], [9, 14]], THRESHOLD, WIDTH, protect_zeros=False)
    assert ("cell", 0, 0) not in table.hidden

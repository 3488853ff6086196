"""No suppressed value can be computed back from what is published (property-based)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import all_cells, endpoints, suppress, value_of

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


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(min_value=0, max_value=25), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


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

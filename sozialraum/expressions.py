"""Query expressions of our own."""

from collections.abc import Mapping
from typing import Any

from django.db.models import ExpressionWrapper, Lookup


class CompiledOnce(ExpressionWrapper):
    """An ExpressionWrapper that keeps the SQL it compiled to, for a query built once and then
    copied many times (Case.objects.visible_to: its two consent subqueries took 1.5–2 ms to
    compile in every query of cases, the largest part of a case list's SQL building).

    The SQL names the query's tables by their aliases, so it is kept only as long as they stay:
    resolving the expression against a query or renaming its aliases (as Django does when a
    query becomes a subquery of another) starts a new keep. Copies of a query share it, which is
    the point: the copies of visible_to's built queryset compile it once per process."""

    def __init__(self, expression: Any, output_field: Any) -> None:
        super().__init__(expression, output_field)
        self.kept: dict[str, tuple[str, tuple]] = {}

    def resolve_expression(self, *args: Any, **kwargs: Any) -> "CompiledOnce":
        resolved = super().resolve_expression(*args, **kwargs)
        resolved.kept = {}
        return resolved

    def relabeled_clone(self, change_map: Mapping[str, str]) -> "CompiledOnce":
        clone = super().relabeled_clone(change_map)
        clone.kept = {}
        return clone

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple]:
        if connection.alias not in self.kept:
            sql, params = super().as_sql(compiler, connection)
            self.kept[connection.alias] = (sql, tuple(params))  # (a tuple: no caller can change it)
        return self.kept[connection.alias]


class AnyOf(Lookup):
    """`filter(AnyOf(F("case_id"), ids))`: the column equals one of a list's values, given as one
    array parameter (`= ANY(%s)`) – the SQL has the same shape for any number of values, which a
    Precompiled query needs (`IN (%s, %s, …)` has one placeholder per value)."""

    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)

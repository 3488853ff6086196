"""Queries compiled to SQL once per process, run with new values.

Every page runs a handful of queries whose shape never changes – the session, the signed-in
user, the badge's count, the start page's own rows of the user – and Django builds and compiles
each of them anew on every request: for the start page 3.6 ms of Python per request at city
scale, more than PostgreSQL spent on all its queries (issue 15). A Precompiled query is built
once, with a Param() wherever a value goes, and compiled on its first run; later runs put the
values into the kept parameters and hand the kept SQL to Django, which turns the rows into
models, values or value lists as the queryset would.

What a run returns is a list, never a queryset: a queryset could be filtered, counted or
sliced, and would then run the kept SQL for a different question."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Expression, Field, QuerySet, prefetch_related_objects
from django.db.models.sql import Query


@dataclass(frozen=True)
class Slot:
    """Where a Param's value goes among a compiled query's parameters."""

    name: str


class Param(Expression):
    """A value given when a Precompiled query runs: `filter(owner=Param("user"))`, then
    `query.fetch(user=user.pk)`. Values go to the database as they are given (a key, not the
    model instance; a date)."""

    def __init__(self, name: str, output_field: Field | None = None) -> None:
        super().__init__(output_field=output_field or Field())
        self.name = name

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return "%s", [Slot(self.name)]


class BoundQuery(Query):
    """The kept query of one run: it compiles to the kept SQL with this run's values and cannot
    be changed (Django clones a query for every change: count, get, filter, a slice)."""

    def clone(self) -> Query:
        raise TypeError("A precompiled query runs as it was built; build a new one to change it.")

    bound_compiler: Any

    def get_compiler(self, using: Any = None, connection: Any = None, elide_empty: bool = True) -> Any:
        return self.bound_compiler


@dataclass
class Compiled:
    queryset: QuerySet
    compiler: Any  # (Django's SQLCompiler after its first as_sql: select, klass_info … set)
    sql: str
    params: tuple
    names: set[str]  # (of the Params)


class Precompiled:
    """A query built by `build` (with Param()s for its values) and compiled once per process and
    database; fetch(**values) runs it and returns its rows as a list."""

    def __init__(self, build: Callable[[], QuerySet]) -> None:
        self.build = build
        self.compiled: dict[str, Compiled] = {}

    def fetch(self, **values: Any) -> list:
        kept = next(iter(self.compiled.values()), None)
        queryset = kept.queryset if kept else self.build()
        alias = queryset.db  # (the router's choice, which may differ from run to run)
        compiled = self.compiled.get(alias) or self.compile(queryset if kept is None else self.build(), alias)
        if set(values) != compiled.names:
            raise TypeError(f"Values for {sorted(compiled.names)} expected, {sorted(values)} given.")
        params = [values[param.name] if isinstance(param, Slot) else param for param in compiled.params]
        # Copies of the kept compiler, query and queryset (no clone: that is what costs), with
        # this run's parameters and this thread's connection (the kept compiler's may belong to
        # another thread: the development server answers in threads).
        compiler: Any = object.__new__(type(compiled.compiler))
        compiler.__dict__.update(compiled.compiler.__dict__)
        compiler.connection = connections[alias]
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        query: Any = object.__new__(BoundQuery)
        query.__dict__.update(compiled.queryset.query.__dict__)
        query.bound_compiler = compiler
        compiler.query = query
        run: Any = object.__new__(type(compiled.queryset))
        run.__dict__.update(compiled.queryset.__dict__)
        run._query, run._db = query, alias
        rows = list(run._iterable_class(run))
        if run._prefetch_related_lookups:
            prefetch_related_objects(rows, *run._prefetch_related_lookups)
        return rows

    def compile(self, queryset: QuerySet, alias: str) -> Compiled:
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        names = {param.name for param in params if isinstance(param, Slot)}
        self.compiled[alias] = compiled = Compiled(queryset, compiler, sql, tuple(params), names)
        return compiled

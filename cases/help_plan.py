"""The help plan (Hilfeplan) as a document with its history: every change of the will, the goals
or the resources keeps a new version (Fortschreibung); any version can be compared with the one
before and printed for the person to sign."""

import difflib
from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils.translation import gettext as _

from cases.constants import GoalStatus, ResourceKind
from cases.models import Case, HelpPlanVersion
from sozialraum.formats import format_date


def current_plan(case: Case) -> dict:
    return {
        "phase": case.phase,
        "will": case.will,
        "goals": [
            {
                "id": goal.pk,
                "title": goal.title,
                "actions": goal.actions,
                "due_on": goal.due_on.isoformat() if goal.due_on else None,
                "status": goal.status,
            }
            for goal in case.goals.order_by("due_on", "id")
        ],
        "resources": [
            {"id": resource.pk, "kind": resource.kind, "description": resource.description}
            for resource in case.resources.order_by("kind", "id")
        ],
    }


def keep_version(user, case: Case) -> HelpPlanVersion | None:
    """A new version if the plan differs from the last one kept (called in the services'
    transactions after a change of the will, a goal or a resource). The case is read again: the
    caller's object may hold the will as it was before another change."""
    case = Case.objects.get(pk=case.pk)
    plan = current_plan(case)
    latest = case.plan_versions.order_by("-number").first()
    if latest is not None and (latest.will, latest.goals, latest.resources) == (
        plan["will"],
        plan["goals"],
        plan["resources"],
    ):
        return None
    number = (case.plan_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return HelpPlanVersion.objects.create(case=case, number=number, created_by=user, **plan)


@dataclass(frozen=True)
class Change:
    what: str
    before: str = ""
    after: str = ""
    diff: tuple = ()  # for longer texts: (kind, words) pieces, see word_diff


def goal_text(goal: dict) -> str:
    due = format_date(date.fromisoformat(goal["due_on"])) if goal.get("due_on") else "–"
    return f"{goal['title']} ({GoalStatus(goal['status']).label}, {_('by')} {due})"


def changes(version: HelpPlanVersion, previous: HelpPlanVersion | None) -> list[Change]:
    """What this version changed against the one before, as a reader would say it."""
    if previous is None:
        return [Change(_("First version of the help plan"))]
    found = []
    if version.will != previous.will:
        found.append(Change(_("Will"), previous.will, version.will, tuple(word_diff(previous.will, version.will))))
    before = {goal["id"]: goal for goal in previous.goals}
    after = {goal["id"]: goal for goal in version.goals}
    for goal_id, goal in after.items():
        if goal_id not in before:
            found.append(Change(_("New goal"), "", goal_text(goal)))
        elif goal != before[goal_id]:
            found.append(Change(_("Goal changed"), goal_text(before[goal_id]), goal_text(goal)))
            if goal["actions"] != before[goal_id]["actions"]:
                found.append(Change(_("Who does what"), before[goal_id]["actions"], goal["actions"]))
    for goal_id, goal in before.items():
        if goal_id not in after:
            found.append(Change(_("Goal removed"), goal_text(goal), ""))
    old_resources = {item["id"]: item for item in previous.resources}
    new_resources = {item["id"]: item for item in version.resources}
    for item_id, item in new_resources.items():
        label = f"{ResourceKind(item['kind']).label}: {item['description']}"
        if item_id not in old_resources:
            found.append(Change(_("New resource"), "", label))
        elif item != old_resources[item_id]:
            old = old_resources[item_id]
            found.append(
                Change(_("Resource changed"), f"{ResourceKind(old['kind']).label}: {old['description']}", label)
            )
    for item_id, item in old_resources.items():
        if item_id not in new_resources:
            found.append(
                Change(_("Resource removed"), f"{ResourceKind(item['kind']).label}: {item['description']}", "")
            )
    return found


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The will's change word by word: ("same" | "removed" | "added", text)."""
    parts = []
    for token in difflib.ndiff(before.split(), after.split()):
        code, word = token[:2], token[2:]
        if code == "? ":
            continue
        kind = {"  ": "same", "- ": "removed", "+ ": "added"}[code]
        if parts and parts[-1][0] == kind:
            parts[-1] = (kind, f"{parts[-1][1]} {word}")
        else:
            parts.append((kind, word))
    return parts


def history(case: Case) -> list[tuple[HelpPlanVersion, list[Change]]]:
    versions = list(case.plan_versions.select_related("created_by").order_by("number"))
    listed = [
        (version, changes(version, versions[index - 1] if index else None)) for index, version in enumerate(versions)
    ]
    return list(reversed(listed))


def document_context(case: Case, version: HelpPlanVersion) -> dict:
    """What the printed help plan shows: the version's will, goals and resources with today's
    persons (the document goes to them) and fields to sign."""
    goals = [
        {
            **goal,
            "due": format_date(date.fromisoformat(goal["due_on"])) if goal.get("due_on") else "–",
            "status_label": GoalStatus(goal["status"]).label,
        }
        for goal in version.goals
    ]
    resources = [{**item, "kind_label": ResourceKind(item["kind"]).label} for item in version.resources]
    return {
        "case": case,
        "version": version,
        "is_latest": version.number == case.plan_versions.aggregate(last=Max("number"))["last"],
        "persons": list(case.persons.order_by("role", "id")),
        "goals": goals,
        "resources": resources,
        "team": case.team,
        "municipality": case.team.district.municipality,
    }

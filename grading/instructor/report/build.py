"""`modschool report`: gather each module, compute, draw, and write one HTML page."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from moderation_school.widgets.explain import short
from moderation_school.widgets.i18n import catalog, message

from ...course import Course, CourseError
from ...nbgrader_glue import NbgraderCourse
from ...plural import count
from ..pending import pending
from . import plots
from .gather import ModuleData, gather, gradebook_exists
from .stats import item_analysis, roleplay_analysis, summary

REPORT_NAME = "class-report.{lang}.html"


@dataclass
class ReportResult:
    path: Path
    lines: list[str] = field(default_factory=list)  # the terminal summary
    problems: list[str] = field(default_factory=list)  # one line each: asked for and not there


def report_path(nbg: NbgraderCourse, lang: str) -> Path:
    return nbg.course_dir / "reports" / REPORT_NAME.format(lang=lang)


def _number(value: float, lang: str, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return message("report.undefined", lang)
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if lang == "ru" else text


def _share(value: float, lang: str) -> str:
    return f"{round(100 * value)} %" if lang == "ru" else f"{round(100 * value)}%"


def _answer(text: str, lang: str) -> str:
    """A wrong answer as the report shows it: a role-play's verdict (verdicts.py says "role-play
    run: <code>" for the instructor) in the course language, any other value as recorded."""
    code = text.removeprefix("role-play run: ")
    if code != text and f"report.run_verdict.{code}" in catalog():
        return message(f"report.run_verdict.{code}", lang)
    return text


def _ending_title(scenario, ending_id: str, lang: str) -> str:
    text = " ".join(scenario.ending(ending_id).text[lang].split())
    return short(text.split(". ")[0], 90)


def _module_view(data: ModuleData, lang: str, labels: dict) -> dict:
    t = lambda key, **v: message(key, lang, **v)  # noqa: E731
    module = data.module
    view = {
        "id": module.id,
        "heading": f"{module.id[:2]}. {module.title[lang]}",
        "summary": summary(data),
        "items": [],
        "roleplays": [],
    }
    if not view["summary"]["submissions"]:
        return view
    s = view["summary"]
    view |= {
        "mean": _number(s["mean"], lang),
        "median": _number(s["median"], lang),
        "max_score": _number(s["max_score"], lang),
        "histogram": plots.histogram(list(data.totals.values()), data.max_score, labels),
    }
    stats = item_analysis(data)
    for item in stats:
        view["items"].append(
            {
                "grade_id": item.grade_id,
                "title": item.title,
                "n": item.n,
                "difficulty": _number(item.difficulty, lang),
                "difficulty_raw": item.difficulty,
                "point_biserial": _number(item.point_biserial, lang),
                "point_biserial_raw": "" if math.isnan(item.point_biserial) else item.point_biserial,
                "upper_lower": _number(item.upper_lower, lang),
                "upper_lower_raw": item.upper_lower,
                "flag_ids": " ".join(item.flags),
                "flag_names": [t(f"report.flag.{f}") for f in item.flags],
                "wrong_answers": [(short(_answer(text, lang), 80), n) for text, n in item.wrong_answers],
            }
        )
    view["item_map"] = plots.item_map(stats, labels) if stats and data.totals else ""
    for runs in data.scenarios:
        scenario = runs.scenario
        rp = roleplay_analysis(runs) if runs.runs else None
        names = {e.id: _ending_title(scenario, e.id, lang) for e in scenario.endings}
        entry = {
            "title": scenario.title[lang],
            "unusable": runs.unusable,
            "version_lines": [
                t("report.other_version", runs=n, got=v, expected=scenario.version)
                for v, n in sorted(runs.other_versions.items())
            ],
            "stats": rp or type("NoRuns", (), {"runs": 0})(),
        }
        if rp:

            def choice_text(c, scenario=scenario):
                return short(scenario.choice(c).text[lang], 70)

            entry |= {
                "endings": [
                    {"id": e, "title": names[e], "runs": k, "share": _share(sh, lang), "share_raw": sh}
                    for e, k, sh in rp.endings
                ],
                "points": [
                    {
                        "node": p.node,
                        "visits": p.visits,
                        "poor_share": _share(p.poor_share, lang),
                        "poor_share_raw": p.poor_share,
                        "choices": [
                            {
                                "id": c,
                                "verdict": t(f"report.verdict.{v}"),
                                "share": _share(sh, lang),
                                "share_raw": sh,
                                "text": choice_text(c),
                            }
                            for c, v, sh in p.choices
                        ],
                    }
                    for p in rp.decision_points
                ],
                "missed": [
                    {"id": c, "text": choice_text(c), "runs": k, "share": _share(sh, lang), "share_raw": sh}
                    for c, k, sh in rp.missed
                ],
                "trust_chart": plots.trust_paths(rp.trust_paths, names, labels),
            }
        view["roleplays"].append(entry)
    return view


def _students(nbg: NbgraderCourse, datas: list[ModuleData], lang: str) -> list[dict]:
    """Every student of the gradebook: a score per module, a total, reflections waiting."""
    t = lambda key: message(key, lang)  # noqa: E731
    waiting, _ = pending(nbg)
    waits: dict[str, list[str]] = {}
    for p in waiting:
        waits.setdefault(p.student, []).append(f"{p.assignment[:2]}: {', '.join(p.cells)}")
    with nbg.gradebook() as gb:
        people = {s.id: " ".join(filter(None, [s.last_name, s.first_name])) or s.id for s in gb.students}
    for data in datas:
        for sid in [*data.totals, *data.failed]:
            people.setdefault(sid, sid)
    rows = []
    for sid in sorted(people, key=lambda s: (people[s].lower(), s)):
        cells, total = [], 0.0
        for data in datas:
            if sid in data.totals:
                score = data.totals[sid]
                total += score
                cells.append(
                    {"text": f"{_number(score, lang)} / {_number(data.max_score, lang)}", "sort": score}
                )
            elif sid in data.failed:
                cells.append({"text": t("report.cell.failed"), "sort": -1})
            else:
                cells.append({"text": t("report.cell.not_submitted"), "sort": -2})
        name = people[sid] if people[sid] == sid else f"{people[sid]} ({sid})"
        rows.append(
            {
                "id": sid,
                "name": name,
                "cells": cells,
                "total": total,
                "total_text": _number(total, lang),
                "waiting": "; ".join(waits.get(sid, [])),
            }
        )
    return rows


def _render(**context) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("page.html.j2").render(**context)


def write_report(course: Course, lang: str, module_ids: list[str] | None = None) -> ReportResult:
    """The report of ``lang``'s course over the given modules (default: every module somebody
    has submitted); what cannot be reported is said in ``problems``, and the rest is written."""
    course_dir = course.course_dir(lang)
    if not (course_dir / "nbgrader_config.py").is_file():
        raise CourseError(f"course/{lang} is not built yet: run `modschool build --lang {lang}` first")
    known = {m.id: m for m in course.modules}
    unknown = [m for m in module_ids or [] if m not in known]
    if unknown:
        raise CourseError(f"no module {unknown[0]!r} in course/course.yml (modules: {', '.join(known)})")
    nbg = NbgraderCourse(course_dir)
    path = report_path(nbg, lang)
    result = ReportResult(path)
    t = lambda key, **v: message(key, lang, **v)  # noqa: E731
    labels = {k: t(f"report.plot.{k}") for k in ("mean", "median", "score", "students", "difficulty")}
    labels |= {k: t(f"report.plot.{k}") for k in ("discrimination", "move", "trust")}
    zone = ZoneInfo(course.config["timezone"])
    context = {
        "lang": lang,
        "t": t,
        "course": course.course_id(lang),
        "when": datetime.now(zone).strftime("%Y-%m-%d %H:%M %Z"),
        "notices": [],
        "modules": [],
        "students": [],
    }
    if not gradebook_exists(nbg):
        result.problems.append(f"course/{lang}: no gradebook yet (grade a module first): the report is empty")
        context["notices"].append(t("report.no_gradebook"))
    else:
        datas = []
        for module in [known[m] for m in module_ids] if module_ids else course.modules:
            data = gather(nbg, module)
            if not data.submissions:
                if module_ids:  # asked for by name: say so; otherwise a module not reached yet
                    result.problems.append(f"{module.id}: no submissions in the gradebook yet")
                    datas.append(data)
                continue
            datas.append(data)
        context["modules"] = [_module_view(d, lang, labels) for d in datas]
        context["students"] = _students(nbg, datas, lang) if datas else []
        for data, view in zip(datas, context["modules"], strict=True):
            s = view["summary"]
            if not s["submissions"]:
                continue
            flagged = sum(1 for i in view["items"] if i["flag_ids"])
            result.lines.append(
                f"{data.module.id}: {s['submissions']} submitted, {s['graded']} graded, {s['late']} late, "
                f"{s['flagged']} flagged, {s['failed']} failed; mean {s['mean']:.2f}, median "
                f"{s['median']:.2f} of {s['max_score']:g}; {flagged} of {len(view['items'])} items flagged"
            )
            for runs in data.scenarios:
                for v, n in sorted(runs.other_versions.items()):
                    result.lines.append(
                        f"{data.module.id}: {count(n, 'run')} of {runs.scenario.id} on version {v}, not "
                        f"{runs.scenario.version}: left out of the role-play analysis"
                    )
        if not datas:
            result.problems.append(f"course/{lang}: no module has submissions in the gradebook yet")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_render(**context), encoding="utf-8")
    return result

"""The role-play in a notebook: an ipywidgets view over the engine.

    RolePlay("scenarios/first_minutes.yml")               # practice
    RolePlay("scenarios/focus_question_meeting.yml", graded=True)   # writes the run file

The view renders a Playthrough and forwards clicks to it; everything a click does,
``choose(choice_id)`` does too (tests and the instructor's reference run use it).
"""

from __future__ import annotations

import html
import random
import traceback
from pathlib import Path

import ipywidgets as w

from .chart import Prepared, TrustChart
from .engine import Debrief, Engine, Event, Playthrough
from .explain import explain_ending, short, whole
from .i18n import course_language, message
from .progress import record_roleplay
from .runs import save_run, saved_run
from .scenario import NARRATOR, read_scenario

# Long choice texts wrap inside their buttons; focus stays visible for keyboard users.
STYLE = """<style>
.modschool-choice { height: auto !important; min-height: 2.4em; width: 100% !important; }
.modschool-choice, .modschool-choice .widget-label-basic { white-space: normal !important;
  text-align: left !important; line-height: 1.35; padding: 6px 10px !important; }
.modschool-choice:focus-visible, .modschool-restart:focus-visible { outline: 3px solid #1a5fb4; }
.modschool-log { max-height: 360px; overflow-y: auto; border: 1px solid #ccc; padding: 6px 10px;
  background: #fafafa; display: flex; flex-direction: column-reverse; }  /* opens scrolled to the latest */
.modschool-log p { margin: 0 0 4px 0; line-height: 1.35; }
.modschool-debrief { line-height: 1.4; }
.modschool-debrief h3 { font-size: 1.25em; font-weight: bold; margin: 0.6em 0 0.3em 0; }
.modschool-debrief h4 { font-size: 1.05em; font-weight: bold; margin: 0.9em 0 0.3em 0; }
.modschool-debrief p, .modschool-debrief ul, .modschool-debrief ol { margin: 0.2em 0 0.4em 0; }
.modschool-debrief li { margin-bottom: 0.2em; }
.modschool-error { color: #8b0000; border: 2px solid #8b0000; padding: 6px 10px; }
.modschool-previous { border-left: 4px solid #1a5fb4; background: #eef3fb; padding: 6px 10px; }
.modschool-rerun { display: none !important; }  /* the saved notebook's note: hidden while the game runs */
</style>"""


def _esc(text: str) -> str:
    return html.escape(str(text))


class RolePlay:
    def __init__(
        self,
        scenario_path: str | Path,
        *,
        graded: bool = False,
        seed: int = 0,
        lang: str | None = None,
        folder: str | Path | None = None,
    ):
        self.folder = Path(folder) if folder else Path.cwd()
        self.lang = lang or course_language(self.folder)
        self.scenario = read_scenario(self.folder / scenario_path)
        self.graded = graded
        self.seed = seed
        self.saved_to: Path | None = None
        self.error: str | None = None

        self.header = w.HTML()
        self.previous = w.HTML()  # a graded run already saved beside the notebook, if any
        self.transcript = w.HTML()
        self.transcript.add_class("modschool-transcript")
        self.personas = w.VBox(self._persona_widgets())
        self.moves = w.VBox()
        self.restart_button = w.Button(
            description=self.t("ui.restart"), icon="refresh", tooltip=self.t("ui.restart")
        )
        self.restart_button.add_class("modschool-restart")
        self.restart_button.on_click(self._guard(lambda _: self.restart()))
        self.status = w.HTML()
        # made once and reused: a click sends new values, not new widgets
        self._your_move = w.HTML(f"<b>{_esc(self.t('ui.your_move'))}</b>")
        self._pools: tuple[list[w.Button], list[w.Button]] = ([], [])  # even turns, odd turns
        self._debrief_html = w.HTML()
        self.debrief_box = w.VBox()
        self.plot = w.Image(format="png", layout=w.Layout(max_width="640px", display="none"))
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                self.previous,
                self.header,
                w.HBox(
                    [
                        w.VBox([self.transcript, self.moves], layout=w.Layout(width="64%")),
                        w.VBox([self.personas], layout=w.Layout(width="36%", padding="0 0 0 12px")),
                    ]
                ),
                self.restart_button,
                self.status,
                self.debrief_box,
                self.plot,
            ]
        )
        # the chart at the ending: imported, laid out and its background drawn while the student
        # plays (from the first move on)
        names = [self.tx(p.name) for p in self.scenario.personas]
        title, xlabel, ylabel = self.t("ui.trust_plot"), self.t("ui.move"), self.t("ui.trust")
        self._chart = Prepared(lambda: TrustChart(names, title=title, xlabel=xlabel, ylabel=ylabel))
        self.restart()

    # --- what a click does ----------------------------------------------------------------
    def restart(self) -> None:
        self.run = Playthrough(Engine(self.scenario, seed=self.seed))
        self.saved_to = None
        self.error = None
        self.debrief: Debrief | None = None
        self.plot.value = b""
        self.plot.layout.display = "none"
        self.previous.value = self._previous_html()
        self.render()

    def _previous_html(self) -> str:
        """ "Run All" starts a graded role-play afresh, but its run file survives: say so."""
        if not self.graded:
            return ""
        try:
            saved = saved_run(self.folder, self.scenario)
        except Exception:  # noqa: BLE001 - a broken file is the check's business, not the view's
            saved = None
        if saved is None:
            return ""
        score = whole(saved.engine.score(saved.state).total)
        ending = self.ending_title(saved.state.ending, saved.engine.ending_text(saved.state))
        line = self.t("ui.previous_run", score=score, ending=ending)
        return f'<div class="modschool-previous" role="status">{_esc(line)}</div>'

    def choose(self, choice_id: str) -> None:
        self._advance(choice_id)
        self.render()

    def autoplay(self, choice_ids: list[str]) -> None:
        """Make these moves one by one, as clicks would (the instructor's reference run), and
        draw the result once: the screens in between would never be seen."""
        try:
            for choice_id in choice_ids:
                self._advance(choice_id)
        finally:
            self.render()

    def _advance(self, choice_id: str) -> None:
        self._chart.start()  # the student plays: the ending's chart is made meanwhile
        self.run.choose(choice_id)
        if self.run.over:
            self.debrief = self.run.debrief()
            record_roleplay(self.folder, self.scenario.id, self.debrief.score.total, self.run.state.ending)
            if self.graded:
                self.saved_to = save_run(self.run, self.folder)
                self.previous.value = ""  # this run replaced it

    def _guard(self, handler):
        """Show a failing handler's error to the student instead of losing it in a log."""

        def guarded(*args):
            try:
                handler(*args)
            except Exception as error:  # noqa: BLE001 - everything must reach the student
                self.error = f"{type(error).__name__}: {error}"
                self.status.value = (
                    f'<div class="modschool-error" role="alert">{_esc(self.t("ui.error", error=self.error))}'
                    f"<pre>{_esc(traceback.format_exc(limit=3))}</pre></div>"
                )

        return guarded

    # --- rendering --------------------------------------------------------------------------
    def t(self, key: str, **values) -> str:
        return message(key, self.lang, **values)

    def tx(self, text: dict) -> str:
        return text[self.lang]

    def name(self, persona_id: str) -> str:
        if persona_id == NARRATOR:
            return self.t("ui.narrator")
        return self.tx(self.scenario.persona(persona_id).name)

    def render(self) -> None:
        s = self.scenario
        goals = "".join(f"<li>{_esc(g)}</li>" for g in self.tx(s.goals))
        self.header.value = f"<h3>{_esc(self.tx(s.title))}</h3><ul>{goals}</ul>"
        events = "".join(self._event_html(e) for e in self.run.events)
        self.transcript.value = f'<div class="modschool-log"><div>{events}</div></div>'
        self._update_personas()
        if self.run.over:
            self.moves.children = []
        else:
            self.moves.children = [self._your_move, *self._choice_buttons()]
        if self.error is None:
            self.status.value = (
                f"<p>{_esc(self.t('ui.saved', file=self.saved_to.name))}</p>" if self.saved_to else ""
            )
        if self.debrief:
            self._debrief_html.value = self.debrief_html()
            self.debrief_box.children = [self._debrief_html]
            self._draw_trust_plot()
        else:
            self.debrief_box.children = []

    def _choice_buttons(self) -> list[w.Button]:
        """This turn's moves on buttons made once and relabelled: even and odd turns use buttons
        of their own, so a second click on a button already clicked (a double click) lands on a
        button of the turn gone by, and is ignored rather than taken as the next move."""
        turn = self.run.state.turn
        pool = self._pools[turn % 2]
        choices = self._shown_order(self.run.choices)
        while len(pool) < len(choices):
            button = w.Button(layout=w.Layout(width="100%", height="auto"))
            button.on_click(self._guard(self._clicked))
            pool.append(button)
        for button, choice in zip(pool, choices, strict=False):
            text = self.tx(choice.text)
            button.choice_id = choice.id
            button.turn = turn
            with button.hold_sync():  # one message: the browser never shows half a relabelled button
                button.description = text
                button.tooltip = text
                # the turn's class tells fresh buttons from stale ones (the browser test waits for it)
                button._dom_classes = ("modschool-choice", f"modschool-turn-{turn}")
        return pool[: len(choices)]

    def _clicked(self, button: w.Button) -> None:
        if self.run.over or button.turn != self.run.state.turn:
            return  # a stale click: this button's turn is over
        self.choose(button.choice_id)

    def _shown_order(self, choices: list) -> list:
        """The moves in an order of their own at each turn: authors tend to write the best move
        first, and the top button must not give it away. Seeded, so the same run shows the same
        screens."""
        order = list(choices)
        random.Random(f"{self.scenario.id}/{self.seed}/{self.run.state.turn}").shuffle(order)
        return order

    def _event_html(self, event: Event) -> str:
        d = event.data
        if event.kind == "scene":
            # the setting or stage action: its own italic line, with no name
            parts = [self._narration_html(d["narration"])] if d.get("narration") else []
            if d["speaker"] == NARRATOR:
                parts.append(self._narration_html(d["text"]))
            else:  # a persona's own words, under the name shown once
                parts.append(f"<p><b>{_esc(self.name(d['speaker']))}:</b> {_esc(self.tx(d['text']))}</p>")
            return "".join(parts)
        if event.kind == "move":
            return f"<p>➜ <b>{_esc(self.t('ui.you'))}:</b> {_esc(self.tx(d['text']))}</p>"
        if event.kind == "say":
            return f"<p><b>{_esc(self.name(d['persona']))}:</b> {_esc(self.tx(d['text']))}</p>"
        if event.kind == "level":
            changes = [
                self.t(f"ui.change.{what}", before=before, after=after)
                for what in ("trust", "engagement")
                for before, after in [d[what]]
                if before != after
            ]
            line = f"{self.name(d['persona'])}: {', '.join(changes)}"
            return f"<p><small>{_esc(line)}</small></p>"
        if event.kind == "ending":
            text = d.get("text") or self.scenario.ending(d["ending"]).text
            return f"<p><b>{_esc(self.t('ui.ending'))}:</b> {_esc(self.tx(text))}</p>"
        return ""

    def _narration_html(self, text: dict) -> str:
        return f'<p class="modschool-narration"><i>{_esc(self.tx(text))}</i></p>'

    def _persona_widgets(self) -> list[w.Widget]:
        """Each persona's name, and a number and a bar for trust and engagement: made once,
        then only their values change (a re-render sends a few values, not new widgets)."""
        self._levels = []  # per persona: [(label, bar) for trust, (label, bar) for engagement]
        boxes = []
        for persona in self.scenario.personas:
            sector = self.t(f"ui.sector.{persona.sector}")
            rows, levels = [w.HTML(f"<b>{_esc(self.tx(persona.name))}</b> · {_esc(sector)}")], []
            for _ in ("trust", "engagement"):
                # the number is always written out: the bar is never the only carrier
                label = w.Label(layout=w.Layout(width="55%"))
                bar = w.IntProgress(
                    min=0, max=100, layout=w.Layout(width="45%"), description_allow_html=False
                )
                rows.append(w.HBox([label, bar]))
                levels.append((label, bar))
            self._levels.append(levels)
            boxes.append(w.VBox(rows, layout=w.Layout(margin="0 0 8px 0")))
        return boxes

    def _update_personas(self) -> None:
        state = self.run.state
        for i, levels in enumerate(self._levels):
            names = (self.t("ui.trust"), self.t("ui.engagement"))
            for (label, bar), name, value in zip(
                levels, names, (state.trust[i], state.engagement[i]), strict=True
            ):
                label.value = f"{name}: {value}/100"
                bar.value = value
                bar.tooltip = label.value

    def debrief_html(self) -> str:
        d = self.debrief
        score = d.score
        band = self.t(f"ui.band.{score.band}")
        ending_text = self.run.engine.ending_text(self.run.state)
        parts = [
            f'<div class="modschool-debrief"><h3>{_esc(self.t("ui.debrief"))}</h3>',
            f"<p><b>{_esc(self.t('ui.ending'))}:</b> {_esc(self.tx(ending_text))}</p>",
            f"<p><b>{_esc(self.t('ui.score', total=whole(score.total), band=band))}</b></p><ul>",
        ]
        for name, value, weight in score.breakdown:
            parts.append(f"<li>{_esc(self.t(f'ui.component.{name}'))}: {whole(100 * value)}% × {weight}</li>")
        parts.append("</ul>")
        parts.append(self.why_ending_html())
        parts.append(f"<h4>{_esc(self.t('ui.timeline'))}</h4><ol>")
        for step in d.timeline:
            c = step.choice
            parts.append(
                f"<li>{_esc(self.tx(c.text))} — <i>{_esc(self.t(f'ui.verdict.{c.verdict}'))}</i>. "
                f"{_esc(self.tx(c.debrief))} <small>({_esc(self.tx(c.principle))})</small></li>"
            )
        parts.append(f"</ol><h4>{_esc(self.t('ui.missed'))}</h4>")
        if d.missed:
            parts.append(
                "<ul>"
                + "".join(
                    f"<li>{_esc(self.tx(c.text))} <small>({_esc(self.tx(c.principle))})</small></li>"
                    for c in d.missed
                )
                + "</ul>"
            )
        else:
            parts.append(f"<p>{_esc(self.t('ui.none_missed'))}</p>")
        if d.turning_points:
            parts.append(f"<h4>{_esc(self.t('ui.better'))}</h4><ul>")
            for tp in d.turning_points:
                better = "; ".join(
                    f"«{self.tx(c.text)}»" if self.lang == "ru" else f"“{self.tx(c.text)}”" for c in tp.better
                )
                parts.append(
                    f"<li>{_esc(self.t('ui.instead', taken=self.tx(tp.taken.text), better=better))}</li>"
                )
            parts.append("</ul>")
        parts.append(f"<h4>{_esc(self.t('ui.questions'))}</h4><ul>")
        parts += [f"<li>{_esc(q)}</li>" for q in self.tx(d.questions)]
        parts.append("</ul></div>")
        return "".join(parts)

    def ending_title(self, ending_id: str, text: dict | None = None) -> str:
        """An ending's first sentence (endings have no titles): how the debrief names it."""
        text = " ".join(self.tx(text or self.scenario.ending(ending_id).text).split())
        for i, ch in enumerate(text):
            if ch in ".!?:" and (i + 1 == len(text) or text[i + 1] == " "):
                text = text[:i]
                break
        return short(text, 70)

    def why_ending_html(self) -> str:
        """Which condition decided the ending, in plain words: the ending reached, then each
        ending checked before it and the clauses of its condition that failed."""
        run = self.run
        checks = explain_ending(self.scenario, run.state, run.steps[-1].choice.next)
        *passed, reached = checks
        title = self.ending_title(reached.ending, run.engine.ending_text(run.state))
        reasons = "; ".join(self.tx(c.text) for c in reached.clauses)
        if reached.how == "direct":
            line = self.t("ui.ending_direct", ending=title, move=short(self.tx(run.steps[-1].choice.text)))
        elif reached.how == "fallback":
            line = self.t("ui.ending_fallback", ending=title)
        else:
            line = self.t("ui.ending_decided", ending=title, reasons=reasons)
        parts = [f'<div class="modschool-why"><h4>{_esc(self.t("ui.why_ending"))}</h4><p>{_esc(line)}</p>']
        if passed:
            parts.append(f"<p>{_esc(self.t('ui.ending_passed_over'))}</p><ul>")
            for check in passed:
                missed = "; ".join(self.tx(c.text) for c in check.clauses)
                line = self.t("ui.ending_missed", ending=self.ending_title(check.ending), reasons=missed)
                parts.append(f"<li>{_esc(line)}</li>")
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)

    def _draw_trust_plot(self) -> None:
        """Trust over the moves as a PNG (an image widget shows it in a notebook and in tests)."""
        self.plot.value = self._chart.get().png(self.debrief.trust_history)
        self.plot.layout.display = ""

    def rerun_note(self) -> dict:
        """What a saved notebook shows where the game was: widgets keep no state in the file, so
        a reopened lesson can only ask for the cell to be run again, in the course language."""
        sentence = self.t("ui.rerun")
        note = f'<div class="modschool-rerun" lang="{self.lang}"><p><b>{_esc(sentence)}</b></p></div>'
        return {"text/plain": sentence, "text/html": note}

    def _repr_mimebundle_(self, **kwargs):
        """The widget, with the rerun sentence as its text fallback instead of "VBox(...)"."""
        return {**self.widget._repr_mimebundle_(**kwargs), "text/plain": self.t("ui.rerun")}

    def _ipython_display_(self):
        """The note first (JupyterLab shows it in a reopened lesson, where the widget is gone;
        the live widget's style hides it), then the widget."""
        from IPython.display import display

        display(self.rerun_note(), raw=True)
        display(self._repr_mimebundle_(), raw=True)

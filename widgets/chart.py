"""The debrief's trust chart: trust over the moves, one line per persona, as a PNG.

    chart = TrustChart(names, title=..., xlabel=..., ylabel=...)
    png = chart.png(history)      # history: per move, each persona's trust
    ready = Prepared(lambda: TrustChart(...)); ready.get().png(history)

The last click of a role-play draws it, so it has to be quick. The figure, its axes, labels
and legend are made once per role-play (matplotlib's object-oriented Figure on an Agg
canvas: no pyplot state machine, no backend switch for the notebook's own plots), laid out
once, and what does not depend on the run (frame, title, trust axis, legend) is drawn once
into a background; each ending restores it, draws only the move axis and the lines over
it, and encodes the pixels. ``Prepared`` does the import and that preparation in a daemon
thread while the student plays, so even the first ending finds the chart ready.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

# markers and line styles as well as colours: the chart reads without colour vision
MARKERS = "osD^vP*X"
LINESTYLES = ["-", "--", ":", "-."]
DPI = 96
SIZE = (7, 3)  # inches: 672 × 288 px at DPI


class TrustChart:
    def __init__(self, names: list[str], *, title: str, xlabel: str, ylabel: str):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator

        self.figure = Figure(figsize=SIZE, dpi=DPI)
        self.canvas = FigureCanvasAgg(self.figure)
        ax = self.axes = self.figure.subplots()
        self.lines = [
            ax.plot(
                [],
                [],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                label=name,
            )[0]
            for i, name in enumerate(names)
        ]
        ax.set_ylim(0, 100)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # moves are whole numbers
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        # beside the axes, not over them: no line hides behind it, however many personas
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        # laid out once (the move numbers' labels are one line high whatever the run), then
        # everything but what a run changes drawn and kept
        self.figure.tight_layout()
        self.figure.set_layout_engine("none")  # nothing to lay out again at each draw
        changing = [*self.lines, ax.xaxis]
        for artist in changing:
            artist.set_visible(False)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist in changing:
            artist.set_visible(True)

    def png(self, history: list[list[int]]) -> bytes:
        import numpy as np
        from matplotlib.image import imsave

        moves = range(len(history))
        for i, line in enumerate(self.lines):
            line.set_data(moves, [h[i] for h in history])
        ax, canvas = self.axes, self.canvas
        ax.relim()
        ax.autoscale_view(scaley=False)
        canvas.restore_region(self._background)
        ax.draw_artist(ax.xaxis)
        for line in self.lines:
            ax.draw_artist(line)
        buffer = io.BytesIO()
        # the pixels as they are: no second draw, as savefig or print_png would make
        pixels = np.asarray(canvas.buffer_rgba())
        imsave(buffer, pixels, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
        return buffer.getvalue()


class Prepared:
    """A chart made in a daemon thread once ``start()`` is called, at the first move
    (matplotlib's import alone takes about half a second on a slow machine; a student reads
    the scene meanwhile), and not before: a role-play nobody plays (a lesson run by nbval, a
    graded notebook under autograde) never makes one. Only that thread touches the chart until
    ``get()`` has joined it; if making it failed there, ``get()`` makes it here, so an error
    reaches the student's screen like any other."""

    def __init__(self, make: Callable[[], TrustChart]):
        self._make = make
        self._chart: TrustChart | None = None
        self._thread = threading.Thread(target=self._run, name="modschool-trust-chart", daemon=True)

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def _run(self) -> None:
        try:
            self._chart = self._make()
        except Exception:  # noqa: BLE001 - get() makes it again in the caller's thread
            self._chart = None

    def get(self) -> TrustChart:
        self.start()
        self._thread.join()
        if self._chart is None:
            self._chart = self._make()
        return self._chart

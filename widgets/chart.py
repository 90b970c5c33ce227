"""The debrief's trust chart: trust over the moves, one line per persona, as a PNG.

    chart = TrustChart(names, title=..., xlabel=..., ylabel=...)
    png = chart.png(history)      # history: per move, each persona's trust

The last click of a role-play draws it, so it has to be quick: the figure, its axes, labels
and legend are made once per role-play (matplotlib's object-oriented Figure on an Agg
canvas, no pyplot state machine, no backend switch for the notebook's own plots), its
layout is computed once, and what does not depend on the run (frame, title, the trust axis
and the legend) is drawn once into a background: each ending restores it and draws only the
move axis and the lines over it, then encodes the pixels.
``preload()`` imports matplotlib in the background while the student plays, so the first
ending does not wait for the import either.
"""

from __future__ import annotations

import io
import threading

# markers and line styles as well as colours: the chart reads without colour vision
MARKERS = "osD^vP*X"
LINESTYLES = ["-", "--", ":", "-."]
DPI = 96
SIZE = (7, 3)  # inches: 672 × 288 px at DPI

_preloading: threading.Thread | None = None


def _import() -> None:
    import matplotlib.backends.backend_agg  # noqa: F401 - warms the import for the first ending
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401


def preload() -> None:
    """Import matplotlib in a daemon thread, once per process (the import takes about half a
    second on a slow machine; a student reads the scene meanwhile). Importing the same modules
    in the main thread later just waits for it to finish."""
    global _preloading
    if _preloading is None:
        _preloading = threading.Thread(target=_import, name="modschool-preload-matplotlib", daemon=True)
        _preloading.start()


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
        self.legend = ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        self._background = None  # the pixels no run changes, drawn at the first ending

    def png(self, history: list[list[int]]) -> bytes:
        from PIL import Image

        moves = range(len(history))
        for i, line in enumerate(self.lines):
            line.set_data(moves, [h[i] for h in history])
        ax, canvas = self.axes, self.canvas
        ax.relim()
        ax.autoscale_view(scaley=False)
        if self._background is None:
            # once: the layout, then everything but what a run changes, drawn and kept
            self.figure.tight_layout()
            self.figure.set_layout_engine("none")
            changing = [*self.lines, ax.xaxis]
            for artist in changing:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
            for artist in changing:
                artist.set_visible(True)
        canvas.restore_region(self._background)
        ax.draw_artist(ax.xaxis)
        for line in self.lines:
            ax.draw_artist(line)
        width, height = canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", dpi=(DPI, DPI), compress_level=3)
        return buffer.getvalue()

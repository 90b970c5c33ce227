"""The report's charts, drawn by matplotlib (no display needed) as PNG data URIs."""

from __future__ import annotations

import base64
import io
import math


def _figure(width: float = 6.0, height: float = 3.2):
    import matplotlib

    matplotlib.use("Agg")  # files only: no display, and no GUI toolkit is imported
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def histogram(totals: list[float], max_score: float, labels: dict) -> str:
    fig, ax = _figure()
    top = max(max_score, max(totals, default=0.0), 1.0)
    bins = min(20, max(5, math.ceil(top)))
    ax.hist(totals, bins=bins, range=(0, top), color="#4c72b0", edgecolor="white")
    if totals:
        import statistics

        ax.axvline(statistics.mean(totals), color="#dd8452", linewidth=2, label=labels["mean"])
        ax.axvline(
            statistics.median(totals), color="#55a868", linewidth=2, linestyle="--", label=labels["median"]
        )
        ax.legend(loc="upper left")
    ax.set_xlabel(labels["score"])
    ax.set_ylabel(labels["students"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def item_map(items, labels: dict) -> str:
    """Difficulty against discrimination, the flagged zones shaded."""
    fig, ax = _figure(6.0, 3.6)
    ax.axvspan(0, 0.3, color="#f2c4c4", alpha=0.5)
    ax.axvspan(0.9, 1.0, color="#f2c4c4", alpha=0.5)
    ax.axhspan(-1, 0.1, color="#f2dcc4", alpha=0.5)
    for n, item in enumerate(items, start=1):
        r = 0.0 if math.isnan(item.point_biserial) else item.point_biserial
        ax.scatter([item.difficulty], [r], color="#c44e52" if item.flags else "#4c72b0", zorder=3)
        ax.annotate(str(n), (item.difficulty, r), textcoords="offset points", xytext=(5, 4))
    ax.set_xlim(0, 1.02)
    ax.set_ylim(-1, 1)
    ax.set_xlabel(labels["difficulty"])
    ax.set_ylabel(labels["discrimination"])
    return _png(fig)


def trust_paths(paths: dict[str, tuple[float, ...]], names: dict[str, str], labels: dict) -> str:
    fig, ax = _figure(6.0, 3.4)
    for ending, path in paths.items():
        ax.plot(range(len(path)), path, marker="o", markersize=3, label=names.get(ending, ending))
    ax.set_ylim(0, 100)
    ax.set_xlabel(labels["move"])
    ax.set_ylabel(labels["trust"])
    ax.xaxis.get_major_locator().set_params(integer=True)
    if paths:
        ax.legend(fontsize="small", loc="lower left")
    return _png(fig)

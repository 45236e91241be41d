"""Award charts drawn by matplotlib as SVG, for the statistics page and its printout.

Text is drawn as outlines with the DejaVu Sans font matplotlib ships (it has every
Vietnamese letter), so the chart reads the same in any browser, in print and in a
screenshot, with no font on the reader's machine. A bare ``Figure`` (not pyplot) needs
no display and leaves matplotlib's global state alone. The drawing is deterministic
(no date, fixed ids), so the same figures give the same bytes.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# A palette that stays apart in grey print (Okabe–Ito, for colour-blind readers too).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
# More series than this become "others": a legend of thirty forms is not read.
MAX_SERIES = 7
OTHERS = "Hình thức khác"


def _series(
    series: Mapping[str, Counter[int]], order: tuple[str, ...]
) -> list[tuple[str, Counter[int]]]:
    if order:  # a fixed order (the levels, highest first): the same colour every time
        return [(name, series[name]) for name in order if name in series]
    ranked = sorted(series.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    if len(ranked) <= MAX_SERIES:
        return ranked
    rest: Counter[int] = Counter()
    for _, counts in ranked[MAX_SERIES - 1 :]:
        rest.update(counts)
    return [*ranked[: MAX_SERIES - 1], (OTHERS, rest)]


def bar_chart(
    series: Mapping[str, Counter[int]],
    years: range,
    *,
    title: str,
    labels: Mapping[str, str],
    order: tuple[str, ...] = (),
) -> bytes:
    """Stacked bars: awards per year, one colour per series (award form or level); the
    largest series first, or in ``order``."""
    shown = _series(series, order)
    figure = Figure(figsize=(9, 4.6), dpi=100)
    axes = figure.add_subplot()
    xs = list(years)
    bottom = [0] * len(xs)
    for index, (name, counts) in enumerate(shown):
        heights = [counts.get(year, 0) for year in xs]
        axes.bar(
            [str(y) for y in xs],
            heights,
            bottom=bottom,
            label=labels.get(name, name),
            color=COLOURS[index % len(COLOURS)],
            edgecolor="white",
            linewidth=0.6,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total in enumerate(bottom):
        if total:
            axes.annotate(str(total), (x, total), ha="center", va="bottom", fontsize=9)
    axes.set_title(title, fontsize=13, loc="left", pad=14)
    # Room above the tallest bar for its total.
    axes.set_ylim(0, max([*bottom, 1]) * 1.15)
    axes.set_ylabel("Số lượt khen thưởng")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if shown:
        # Stacked bars read bottom-up; the legend lists them top-down, as they appear.
        handles, names = axes.get_legend_handles_labels()
        axes.legend(
            handles[::-1],
            names[::-1],
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            frameon=False,
            fontsize=10,
        )
    else:
        axes.text(0.5, 0.5, "Không có khen thưởng nào", ha="center", transform=axes.transAxes)
    figure.tight_layout()
    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "hoso", "svg.fonttype": "path"}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": "Hoso"})
    return out.getvalue().encode("utf-8")

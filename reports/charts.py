"""Charts as SVG (matplotlib), the same in the page and in the PDF, each with a text alternative."""

import hashlib
import io

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from sozialraum.formats import format_number  # noqa: E402

matplotlib.rcParams.update(
    {
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "sozialraum",  # the same figures give the same SVG
    }
)
COLOURS = ["#0d6efd", "#6f42c1", "#20c997", "#fd7e14", "#6c757d"]


def to_svg(figure, prefix: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # Several charts share one HTML page: their glyph and clip ids must not collide.
    return (
        svg.replace('id="', f'id="{prefix}-')
        .replace('href="#', f'href="#{prefix}-')
        .replace("url(#", f"url(#{prefix}-")
    )


def chart_id(title: str) -> str:
    return "chart-" + hashlib.sha1(title.encode()).hexdigest()[:8]


def stacked_bars(labels: list[str], series: dict[str, list[float]], title: str) -> str:
    figure, axes = plt.subplots(figsize=(7, 3.2))
    bottom = [0.0] * len(labels)
    for colour, (name, values) in zip(COLOURS, series.items(), strict=False):
        axes.bar(range(len(labels)), values, bottom=bottom, label=name, color=colour, tick_label=labels)
        bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    axes.set_title(title, loc="left")
    axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    axes.yaxis.set_major_formatter(
        matplotlib.ticker.FuncFormatter(lambda value, _: format_number(value, 1).removesuffix(",0"))
    )
    axes.tick_params(axis="x", labelrotation=20)
    return to_svg(figure, chart_id(title))


def bars(labels: list[str], values: list[float | None], title: str) -> str:
    figure, axes = plt.subplots(figsize=(7, 2.8))
    shown = [value or 0 for value in values]
    axes.bar(range(len(labels)), shown, color=COLOURS[0], tick_label=labels)
    for index, value in enumerate(values):
        axes.annotate(
            "–" if value is None else format_number(value, 1),
            (index, shown[index]),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.set_title(title, loc="left")
    axes.tick_params(axis="x", labelrotation=20)
    return to_svg(figure, chart_id(title))


def lines(labels: list[str], series: dict[str, list[float]], title: str) -> str:
    figure, axes = plt.subplots(figsize=(7, 2.8))
    positions = list(range(len(labels)))  # months like "03/25" would otherwise be read as dates
    for colour, (name, values) in zip(COLOURS, series.items(), strict=False):
        axes.plot(positions, values, marker="o", label=name, color=colour)
    axes.set_xticks(positions, labels)
    axes.set_title(title, loc="left")
    axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    axes.tick_params(axis="x", labelrotation=45)
    return to_svg(figure, chart_id(title))

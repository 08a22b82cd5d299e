"""Charts: PNG images of fixed size, bars as native charts; one colour per municipality."""

from __future__ import annotations

from datetime import date

from parthe_reports.render import charts
from parthe_reports.render.context import ChartSpec
from parthe_reports.render.images import ChartImage, NativeChart

PNG = b"\x89PNG\r\n\x1a\n"
BARS = {"categories": ["Schule", "Kita"], "series": {"Brandis": [1e6, 2e5]}, "colors": {}}


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_each_png_chart_is_a_png_of_print_width():
    """It draws the heat map, the timeline and the milestones as PNGs 16 cm wide."""
    pngs = [
        charts.heatmap(["Kultur"], ["BRA", "NAU"], [[80.0, None]]),
        charts.timeline(
            [("M-1 Test", "Kultur", date(2026, 1, 1), date(2027, 6, 30))],
            {"Kultur": "#123456"},
            date(2026, 11, 25),
        ),
        charts.milestones([("Start", date(2027, 1, 1), "offen")], date(2026, 11, 25)),
    ]
    for png in pngs:
        assert png.startswith(PNG)
        assert _size(png)[0] == round(charts.WIDTH_IN * charts.DPI)


def test_draw_gives_bars_as_native_charts_and_the_rest_as_images():
    """It draws bars as a native chart (no PNG) and a heat map as a PNG image."""
    bars = charts.draw(ChartSpec("stacked_bars", {**BARS, "xlabel": "x", "legend_title": "K"}))
    heat = charts.draw(
        ChartSpec("heatmap", {"rows": ["Kultur"], "cols": ["BRA"], "values": [[5.0]]})
    )
    assert isinstance(bars, NativeChart) and bars.xml.startswith(b"<?xml")
    assert isinstance(heat, ChartImage) and heat.png.startswith(PNG)


def test_municipality_colours_are_stable():
    """It gives a municipality the same colour whatever other codes are drawn."""
    a = charts.municipality_colors(["BOR", "BRA", "GRP"])
    b = charts.municipality_colors(["BOR", "BRA", "GRP", "NAU"])
    assert a["BRA"] == b["BRA"] and len(set(a.values())) == 3


def test_different_data_gives_a_different_chart():
    """It draws what it is given (two different data sets, two different images)."""
    one = charts.heatmap(["Kultur"], ["BRA"], [[10.0]])
    two = charts.heatmap(["Kultur"], ["BRA"], [[90.0]])
    assert one != two


def _tick_boxes(fig, axis: str) -> list:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_window_extent(renderer) for t in ticks if t.get_visible() and t.get_text()]


def _overlaps(boxes: list) -> bool:
    return any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_tick_boxes_can_collide():
    """It detects overlapping labels (the check above can fail)."""
    from matplotlib.transforms import Bbox

    assert _overlaps([Bbox.from_bounds(0, 0, 10, 5), Bbox.from_bounds(8, 0, 10, 5)])


def test_units_follow_the_magnitude():
    """It picks Mio. € from a million on, T€ from ten thousand, € below."""
    assert charts.money_unit(2.5e6)[1] == "Mio.\u00a0€"
    assert charts.money_unit(85_000)[1] == "T€"
    assert charts.money_unit(9_000)[1] == "€"


def test_year_ticks_of_a_long_timeline_do_not_collide():
    """It thins the year labels of a twelve-year span so they stay apart."""
    bars = [(f"M-{i}", "Kultur", date(2020 + i, 1, 1), date(2021 + i, 6, 30)) for i in range(11)]
    fig = charts._timeline(bars, {"Kultur": "#123456"}, date(2026, 11, 25))
    boxes = _tick_boxes(fig, "x")
    assert 3 <= len(boxes) <= 8 and not _overlaps(boxes)

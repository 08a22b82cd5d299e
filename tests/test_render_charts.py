"""Charts: PNG images with fixed size, one colour per municipality everywhere."""

from __future__ import annotations

from datetime import date

from parthe_reports.render import charts

PNG = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_each_chart_is_a_png_of_print_width():
    """It draws every chart as a PNG 16 cm wide at 200 dpi."""
    pngs = [
        charts.stacked_bars(
            ["Schule", "Kita"], {"Brandis": [1e6, 2e5]}, {"Brandis": "#000"}, "x", "K"
        ),
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

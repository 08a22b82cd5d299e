"""Tests of the example data (Beispieldaten) and synthetic regions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from parthe_reports.demo.data import (
    TODAY,
    SheetRows,
    example_rows,
    synthetic_region,
    write_example_data,
)
from parthe_reports.paths import INPUTS
from parthe_reports.periods import period_bounds
from parthe_reports.region import Region, load_region
from parthe_reports.schema import META_CODE, META_EXAMPLE, META_SHEET, normalize

SOON = TODAY + timedelta(days=90)


@pytest.fixture(scope="module")
def region() -> Region:
    return load_region()


@pytest.fixture(scope="module")
def rows(region: Region) -> tuple[dict[str, SheetRows], SheetRows]:
    return example_rows(region)


def test_municipal_minimum_counts(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It gives every municipality enough rows for every report."""
    municipal, _ = rows
    assert sorted(municipal) == ["BEL", "BOR", "BRA", "GRP", "NAU", "PAR"]
    for code, sheets in municipal.items():
        assert len(sheets["master_data"]) == 1
        assert len(sheets["administration"]) >= 10, code
        assert len(sheets["infrastructure"]) >= 8, code
        assert len(sheets["documents"]) >= 5, code
        assert len(sheets["swot"]) >= 12, code
        assert len(sheets["measures"]) >= 5, code
        assert len(sheets["funding_applications"]) >= 3, code
        categories = {normalize(str(r["category"])).rstrip("n") for r in sheets["swot"]}
        assert {"stärke", "schwäche", "chance", "risiko"} <= categories
        assert len({r["topic"] for r in sheets["swot"]}) >= 4
        assert len({r["topic"] for r in sheets["priorities"]}) == 7


def test_swot_has_all_four_categories(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It spreads each municipality's SWOT over all four canonical categories."""
    for code, sheets in rows[0].items():
        if code == "BEL":  # typed variants there („Stärken“, „ chance “)
            continue
        assert {r["category"] for r in sheets["swot"]} == {"Stärke", "Schwäche", "Chance", "Risiko"}


def test_regional_minimum_counts(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It fills every Verbund sheet: programmes, goals, three workshops, options, milestones."""
    regional = rows[1]
    assert len(regional["programmes"]) >= 12
    assert len(regional["goals"]) >= 10
    assert {r["workshop"] for r in regional["workshops"]} == {
        "Kooperationswerkstatt",
        "Zukunftswerkstatt",
        "Strategiewerkstatt",
    }
    assert all(r["votes_for"] for r in regional["workshops"])
    assert len(regional["structure_options"]) >= 4
    assert [r["recommended"] for r in regional["structure_options"]].count("ja") == 1
    assert len(regional["schedule"]) >= 8
    assert len({r["question"] for r in regional["mission_statement"]}) == 3
    for key in ("communication", "change_management", "legal_framework"):
        assert regional[key], key
    assert 0 < len({r["topic"] for r in regional["sub_strategies"]}) < 7


def test_schedule_has_done_and_late_milestones(
    rows: tuple[dict[str, SheetRows], SheetRows],
) -> None:
    """It has completed milestones and one or two that are late on the example's today."""
    schedule = rows[1]["schedule"]
    assert any(r["status"] == "erledigt" for r in schedule)
    late = [r for r in schedule if r["due"] < TODAY and r["status"] != "erledigt"]  # type: ignore[operator]
    assert 1 <= len(late) <= 2


def test_references_are_coherent(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It uses unique measure ids and only defined programmes and goals."""
    municipal, regional = rows
    measures = [r for s in municipal.values() for r in s["measures"]]
    ids = [r["measure_id"] for r in measures]
    assert len(ids) == len(set(ids))
    programmes = {r["programme_id"] for r in regional["programmes"]}
    goals = {r["goal_id"] for r in regional["goals"]}
    for sheets in municipal.values():
        own = {r["measure_id"] for r in sheets["measures"]}
        for app in sheets["funding_applications"]:
            assert app["programme_id"] in programmes
            assert app["measure_id"] in own
    used = {r["goal_id"] for r in measures}
    assert used - {None} <= goals
    assert len(goals - used) == 1  # one goal no measure serves: a finding, not an error
    assert sum(r["goal_id"] is None for r in measures) == 1  # one measure without a goal


def test_amounts_and_periods_are_plausible(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It keeps bewilligt ≤ beantragt and Ende ≥ Beginn."""
    for sheets in rows[0].values():
        for app in sheets["funding_applications"]:
            if app["granted"] is not None:
                assert app["granted"] <= app["requested"]  # type: ignore[operator]
        for m in sheets["measures"]:
            assert period_bounds(str(m["end"]))[1] >= period_bounds(str(m["start"]))[0]


def test_deadlines_soon(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It puts some Antragsfristen and Verwendungsnachweis deadlines in the next 90 days."""
    municipal, regional = rows
    soon = [r for r in regional["programmes"] if r["deadline"] and TODAY <= r["deadline"] <= SOON]  # type: ignore[operator]
    assert len(soon) >= 2
    proofs = [
        a["proof_due"]
        for s in municipal.values()
        for a in s["funding_applications"]
        if isinstance(a["proof_due"], date) and TODAY <= a["proof_due"] <= SOON
    ]
    assert proofs


def test_swot_strength_meets_weakness(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It has topics where one municipality's strength meets another's weakness."""
    by_topic: dict[str, dict[str, set[str]]] = {}
    for code, sheets in rows[0].items():
        for r in sheets["swot"]:
            by_topic.setdefault(str(r["topic"]), {}).setdefault(str(r["category"]), set()).add(code)
    crossing = [
        t
        for t, cats in by_topic.items()
        if cats.get("Stärke", set()) and cats.get("Schwäche", set()) - cats.get("Stärke", set())
    ]
    assert crossing
    statements = Counter(
        normalize(str(r["statement"])).rstrip(".").replace(";", ",")
        for s in rows[0].values()
        for r in s["swot"]
    )
    assert max(statements.values()) >= 2  # the same statement from several municipalities


def test_typing_quirks_present(rows: tuple[dict[str, SheetRows], SheetRows]) -> None:
    """It includes values typed the way clerks type them."""
    municipal, regional = rows
    values = [v for s in municipal.values() for t in s.values() for r in t for v in r.values()]
    values += [v for t in regional.values() for r in t for v in r.values()]
    texts = {v for v in values if isinstance(v, str)}
    assert {"12.500 €", "ca. 280.000", "80 %", "Stärken", " chance ", "in\u00a0Umsetzung"} <= texts
    assert any(re.fullmatch(r"\d\d\.\d\d\.\d{4}", t) for t in texts)  # a date typed as text
    assert any("\n" in t for t in texts)  # Alt+Enter in a Bemerkung
    assert {"2027"} <= texts and any(t.startswith("Q") and "/" in t for t in texts)


def test_deterministic_per_seed(
    region: Region, rows: tuple[dict[str, SheetRows], SheetRows]
) -> None:
    """It gives the same rows for the same seed and different ones for another seed."""
    assert example_rows(region, seed=2026) == rows
    assert example_rows(region, seed=7) != rows


def _values(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def test_committed_inputs_match_the_generator(tmp_path: Path, region: Region) -> None:
    """It regenerates exactly the cell content of the committed example workbooks."""
    paths = write_example_data(tmp_path, region)
    committed = sorted(p.relative_to(INPUTS) for p in INPUTS.rglob("*.xlsx"))
    assert committed == sorted(p.relative_to(tmp_path) for p in paths)
    for rel in committed:
        assert _values(tmp_path / rel) == _values(INPUTS / rel), rel


def test_clerk_file_name_recognised_by_content(region: Region) -> None:
    """It names Brandis' file like a clerk would; the stamp still says BRA and example."""
    path = INPUTS / "kommunen" / "Brandis_Erhebung_2026_final.xlsx"
    stamp = dict(_values(path)[META_SHEET][1:])  # type: ignore[arg-type]
    assert stamp[META_CODE] == "BRA" and stamp[META_EXAMPLE] == "ja"
    assert not (INPUTS / "kommunen" / "BRA.xlsx").exists()


def test_synthetic_region(region: Region) -> None:
    """It makes N municipalities with valid, unique codes and 8-digit AGS, same topics."""
    syn = synthetic_region(30, region)
    assert len(syn.municipalities) == 30
    assert len(set(syn.codes)) == 30
    assert all(re.fullmatch(r"[A-Z]{2,5}", c) for c in syn.codes)
    assert all(re.fullmatch(r"\d{8}", m.ags) for m in syn.municipalities)
    assert syn.topics == region.topics
    assert synthetic_region(30, region) == syn


def test_scale_multiplies_rows(region: Region) -> None:
    """It multiplies the municipal row counts by the scale and keeps measure ids unique."""
    syn = synthetic_region(3, region)
    small, _ = example_rows(syn, scale=1)
    large, _ = example_rows(syn, scale=3)
    for code in syn.codes:
        assert len(large[code]["measures"]) == 3 * len(small[code]["measures"])
        assert len(large[code]["administration"]) == 3 * len(small[code]["administration"])
    ids = [r["measure_id"] for s in large.values() for r in s["measures"]]
    assert len(ids) == len(set(ids))
    for sheets in large.values():
        partners = [str(r["partners"]) for r in sheets["measures"]]
        assert all(p == "alle" or set(p.split(", ")) <= set(syn.codes) for p in partners)


# ------------------------------------------------------------ synthetic regions a user runs


def _demo(tmp_path: Path, *args: str) -> Path:
    from typer.testing import CliRunner

    from parthe_reports.cli import app

    out = tmp_path / "last"
    result = CliRunner().invoke(app, ["demo-data", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def _validate(inputs: Path, *args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from parthe_reports.cli import app

    cmd = ["validate", "--inputs", str(inputs), "--stichtag", "2026-11-25", *args]
    result = CliRunner().invoke(app, cmd, terminal_width=200)
    return result.exit_code, result.output


def test_synthetic_demo_data_writes_its_region(tmp_path: Path, region: Region) -> None:
    """It writes region.toml beside synthetic workbooks: the base settings, the made-up members."""
    out = _demo(tmp_path, "--municipalities", "3")
    written = load_region(out / "region.toml")
    assert written == synthetic_region(3, region)
    assert written.periods == region.periods and written.judgement == region.judgement
    assert written.office_email == region.office_email


def test_example_demo_data_writes_no_region(tmp_path: Path) -> None:
    """It writes no region.toml for the configured region (the project's own file applies)."""
    out = _demo(tmp_path)
    assert not (out / "region.toml").exists()
    assert (out / "kommunen").is_dir()


def test_validate_reads_synthetic_workbooks_with_their_region(tmp_path: Path) -> None:
    """It accepts synthetic workbooks against the inputs folder's region.toml without --region."""
    out = _demo(tmp_path, "--municipalities", "3")
    code, output = _validate(out)
    assert code == 0, output
    assert "nicht bekannt" not in output and "keine Arbeitsmappe" not in output


def test_validate_with_the_project_region_rejects_synthetic_workbooks(tmp_path: Path) -> None:
    """It rejects them („Kürzel SA nicht bekannt“) when --region names the project's region."""
    from parthe_reports.paths import REGION_CONFIG

    out = _demo(tmp_path, "--municipalities", "3")
    code, output = _validate(out, "--region", str(REGION_CONFIG))
    assert code == 1 and "nicht bekannt" in output and "„SA“" in output


def test_run_uses_the_inputs_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It hands `run` the inputs folder's region.toml, and --region over it when given."""
    from typer.testing import CliRunner

    import flows.runner
    from parthe_reports.cli import app

    seen: list[Path] = []

    def fake_run(**kwargs: object) -> None:
        seen.append(kwargs["region_config"])  # type: ignore[arg-type]
        raise RuntimeError("nur geprüft")

    monkeypatch.setattr(flows.runner, "run", fake_run)
    out = _demo(tmp_path, "--municipalities", "2")
    other = tmp_path / "other.toml"
    other.write_bytes((out / "region.toml").read_bytes())
    for extra in ([], ["--region", str(other)]):
        CliRunner().invoke(app, ["run", "--inputs", str(out), "--outputs", str(tmp_path), *extra])
    assert seen == [out / "region.toml", other]


def test_region_for_prefers_given_then_folder_then_project(tmp_path: Path) -> None:
    """It picks --region, else the folder's region.toml, else the project's."""
    from parthe_reports.cli.options import region_for
    from parthe_reports.paths import REGION_CONFIG

    assert region_for(None, tmp_path) == REGION_CONFIG
    (tmp_path / "region.toml").write_text("", encoding="utf-8")
    assert region_for(None, tmp_path) == tmp_path / "region.toml"
    assert region_for(Path("x.toml"), tmp_path) == Path("x.toml")


def test_region_file_escapes_quotes_and_round_trips(tmp_path: Path, region: Region) -> None:
    """It writes a name with quotes and backslashes that reads back unchanged."""
    from dataclasses import replace

    from parthe_reports.demo.region_file import write_region_file
    from parthe_reports.paths import REGION_CONFIG

    odd = replace(synthetic_region(2, region), name='Verbund "Nord" \\ Süd')
    assert load_region(write_region_file(odd, REGION_CONFIG, tmp_path)) == odd


def test_discovery_is_silent_about_the_inputs_region_only_at_the_top(tmp_path: Path) -> None:
    """It passes a top-level region.toml silently but reports one under kommunen/."""
    from parthe_reports.discover import discover_inputs

    (tmp_path / "kommunen").mkdir()
    (tmp_path / "region.toml").write_text("", encoding="utf-8")
    assert discover_inputs(tmp_path).findings == []
    (tmp_path / "kommunen" / "region.toml").write_text("", encoding="utf-8")
    assert [f.code for f in discover_inputs(tmp_path).findings] == ["not-a-workbook-file"]


def test_readme_load_test_lines_work_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It runs the README's load-test lines (at N = 2, in a temporary folder) without a finding
    about unknown municipalities, and hands `run` the synthetic region."""
    import shlex

    from typer.testing import CliRunner

    import flows.runner
    from parthe_reports.cli import app
    from parthe_reports.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("A load test with a synthetic region")[1].split("```bash")[1]
    lines = [ln for ln in block.split("```")[0].splitlines() if ln.strip()]
    assert [shlex.split(ln)[1] for ln in lines] == ["demo-data", "validate", "run"]
    seen: list[Path] = []

    def fake_run(**kwargs: object) -> None:
        seen.append(kwargs["region_config"])  # type: ignore[arg-type]
        raise RuntimeError("nur geprüft")

    monkeypatch.setattr(flows.runner, "run", fake_run)
    for line in lines:
        args = [a.replace("/tmp/", f"{tmp_path}/") for a in shlex.split(line)[1:]]
        args = ["2" if a == "1000" else a for a in args]
        result = CliRunner().invoke(app, args, terminal_width=200)
        assert "nicht bekannt" not in result.output, line
        assert result.exit_code == (2 if args[0] == "run" else 0), result.output
    assert seen == [tmp_path / "last" / "region.toml"]

"""`make lighthouse` slows the CPU so that any machine stands for the phone Lighthouse's default stands for."""

from __future__ import annotations

import pytest

from scripts.lighthouse_report import PageReport, calibrated_slowdown, markdown_table


@pytest.mark.parametrize(
    ("benchmark_index", "slowdown"),
    [(1750, 4.0), (875, 2.0), (1047, 2.39), (3500, 8.0), (300, 1.0)],
)
def test_the_cpu_slowdown_grows_with_the_machine_and_never_speeds_it_up(benchmark_index: float, slowdown: float) -> None:
    assert calibrated_slowdown(benchmark_index) == slowdown


def test_the_report_states_the_slowdown_and_the_machine_it_was_measured_on() -> None:
    page = PageReport("", dict.fromkeys(("performance", "accessibility", "best-practices", "seo"), 100), 800.0, 900.0, 0.0, 0.0, 6, 70_000)
    table = markdown_table([page], 3, {"benchmark_index": 1047.4, "cpu_slowdown": 2.39})
    assert "CPU slowed 2.39x on a machine of benchmark index 1047" in table

"""The compiled templates kept between processes: a broken cache folder costs the compile
only, never the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from actcheck.services.report.templates import QuietBytecodeCache, environment


def _environment(cache: QuietBytecodeCache) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.DictLoader({"t.html": "Hello {{ name }}"}),
        bytecode_cache=cache,
        autoescape=True,
    )


def test_a_compiled_template_is_kept_and_read_back(tmp_path: Path) -> None:
    cache = QuietBytecodeCache(str(tmp_path))
    assert _environment(cache).get_template("t.html").render(name="a") == "Hello a"
    assert len(list(tmp_path.iterdir())) == 1
    assert _environment(cache).get_template("t.html").render(name="b") == "Hello b"


def test_a_cache_folder_that_is_gone_only_costs_the_compile(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    cache = QuietBytecodeCache(str(folder))
    shutil.rmtree(folder)
    assert _environment(cache).get_template("t.html").render(name="c") == "Hello c"


def test_the_report_environment_uses_it() -> None:
    assert isinstance(environment().bytecode_cache, QuietBytecodeCache)

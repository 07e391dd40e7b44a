"""A wheel built from the repository works outside the checkout (schema/ is packaged)."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheels = list(dist.glob("byline-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheels[0])], check=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run(
        [str(env_dir / "bin" / "byline"), "--help"], cwd=outside, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert "validate" in run.stdout and "score" in run.stdout
    config = subprocess.run(
        [str(env_dir / "bin" / "byline"), "studio", "config"], cwd=outside, capture_output=True, text=True,
        env=env,
    )
    assert config.returncode == 0, config.stderr
    assert config.stdout == (ROOT / "schema" / "label_config.xml").read_text(encoding="utf-8")
    where = subprocess.run(
        [str(python), "-c", "import byline.resources as r; print(r.schema_dir())"], cwd=outside,
        capture_output=True, text=True, env=env, check=True,
    )
    assert str(env_dir) in where.stdout

"""``python -m noticeboard serve`` and ``build``: what ``make serve`` / ``make build`` do, without make (Windows)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from noticeboard.cli import main
from support import ROOT
from support.commands import run


@pytest.mark.parametrize(
    ("command", "chinese", "english", "options"),
    [
        ("serve", "在本机打开预览", "Build the site and serve it", ("--dev-addr", "--open")),
        (
            "build",
            "生成整个网站到 site 文件夹",
            "build the whole site into site/",
            ("--site-dir", "--offline"),
        ),
    ],
)
def test_help_is_bilingual(command: str, chinese: str, english: str, options: tuple[str, ...]) -> None:
    result = run(command, "--help", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert chinese in text and english in text
    assert all(option in text for option in options)
    assert "Windows" in text


def test_the_command_list_names_both(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "在本机预览网站" in out and "生成整个网站" in out


def test_make_runs_the_same_commands() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = {
        target: makefile.split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
        for target in ("serve", "build", "build-offline")
    }
    assert recipes == {
        "serve": ["\t$(BIN)/python -m noticeboard serve $(if $(DEV_ADDR),--dev-addr $(DEV_ADDR))"],
        "build": ["\t$(BIN)/python -m noticeboard build"],
        "build-offline": ["\t$(BIN)/python -m noticeboard build --offline"],
    }


def test_outside_a_project_says_where_to_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir()
    assert main(["build", str(tmp_path / "data")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"找不到 {(tmp_path / 'mkdocs.yml').resolve().as_posix()}：请在网站的项目文件夹")
    assert "Traceback" not in error


def test_a_data_folder_by_another_name_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "数据").mkdir()
    assert main(["serve", str(tmp_path / "数据")]) == 2
    assert "网站总是读取 mkdocs.yml 旁边名为 data 的数据文件夹" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["data", ".", "data/site"])
def test_an_output_folder_over_the_data_is_refused_before_anything_is_emptied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """MkDocs empties the output folder before it builds: ``--site-dir data`` would delete the registries."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yml").write_text("year: 2025\n", encoding="utf-8")
    assert main(["build", str(tmp_path / "data"), "--site-dir", str(tmp_path / where)]) == 2
    error = capsys.readouterr().err
    assert ("生成网站前会清空输出文件夹" in error or "网站不能放在那里" in error) and "Traceback" not in error
    assert (tmp_path / "data" / "site.yml").read_text(encoding="utf-8") == "year: 2025\n"


def test_a_county_output_folder_over_its_own_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``county --out`` the county's own folder deleted county.yml and every township's data."""
    county = tmp_path / "county.yml"
    county.write_text(
        "organisation: 某某县委组织部\nyear: 2025\ntownships:\n- id: a\n  name: 甲镇\n"
        "  site: https://a.example.org/\n  open_data: a/data\n",
        encoding="utf-8",
    )
    for out in (tmp_path, tmp_path / "a"):
        assert main(["county", str(county), "--out", str(out)]) == 2
        error = capsys.readouterr().err
        assert "生成网站前会清空输出文件夹" in error and "Traceback" not in error
    assert county.is_file()


@pytest.mark.slow  # the demo site built twice
def test_build_and_build_offline_make_the_demo_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    online = run("build", "--site-dir", str(site), "--quiet", cwd=ROOT)
    assert online.returncode == 0, online.stderr
    assert f"已生成网站：{site.as_posix()}" in online.stdout
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "青山镇" in home and (site / "branches" / "qingshan-1" / "index.html").is_file()
    assert "iframe-worker/shim.js" not in home

    # From another folder: the project is found from its data folder; --site-dir is from here.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    offline = run("build", str(ROOT / "data"), "--offline", "--site-dir", "U盘", "--quiet", cwd=elsewhere)
    assert offline.returncode == 0, offline.stderr
    assert f"已生成离线版网站：{(elsewhere / 'U盘').as_posix()}" in offline.stdout
    assert "iframe-worker/shim.js" in (elsewhere / "U盘" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow  # the demo site built by mkdocs serve
def test_serve_previews_the_demo_and_ctrl_c_stops_it(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "noticeboard", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        # and Ctrl+C's default action, as a terminal gives it: a run started in the background
        # (`make test &`) passes on SIGINT ignored, and Python then never raises KeyboardInterrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        page, deadline = "", time.monotonic() + 90
        while "青山村第一党支部" not in page and time.monotonic() < deadline:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/branches/qingshan-1/", timeout=5) as r:
                    page = r.read().decode("utf-8")
            except OSError:
                pass
        assert "青山村第一党支部" in page, "the site did not come up"
        os.killpg(server.pid, signal.SIGINT)  # Ctrl+C: the terminal signals the whole job
        out, _ = server.communicate(timeout=30)  # serve stops MkDocs 10 s after Ctrl+C at the latest
        assert server.returncode == 0
        assert f"本地预览：http://127.0.0.1:{port}/" in out.decode("utf-8")
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.communicate()

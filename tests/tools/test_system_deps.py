"""`make test`'s system set-up (tools/system_deps.py): only the missing tools, never a real apt run."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from support import ROOT

SCRIPT = ROOT / "tools" / "system_deps.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("system_deps", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


system_deps = _load()

ALL_KEYS = {"chromium", "fonts", "libreoffice", "git", "java", "node", "npm"}
ALL_PACKAGES = [
    "chromium",
    "fonts-noto-cjk",
    "libreoffice-calc-nogui",
    "git",
    "default-jre-headless",
    "nodejs",
    "npm",
]


@pytest.mark.parametrize(
    ("present", "asked"),
    [
        pytest.param(set(), ALL_PACKAGES, id="nothing present: everything"),
        pytest.param(ALL_KEYS, [], id="everything present: nothing"),
        # NodeSource's nodejs bundles npm; Debian's npm would conflict with it.
        pytest.param(ALL_KEYS - {"chromium"}, ["chromium"], id="NodeSource node and npm: no nodejs, no npm"),
        pytest.param({"node", "npm"}, ALL_PACKAGES[:5], id="only node and npm: all but nodejs and npm"),
        pytest.param(ALL_KEYS - {"npm"}, ["npm"], id="Debian node without npm: npm only"),
        pytest.param(ALL_KEYS - {"node"}, ["nodejs"], id="npm without node: nodejs only"),
        pytest.param(ALL_KEYS - {"node", "npm"}, ["nodejs", "npm"], id="no Node.js: nodejs and npm"),
        pytest.param(ALL_KEYS - {"fonts"}, ["fonts-noto-cjk"], id="fonts missing"),
        pytest.param(ALL_KEYS - {"java", "git"}, ["git", "default-jre-headless"], id="git and java missing"),
        pytest.param(ALL_KEYS - {"libreoffice"}, ["libreoffice-calc-nogui"], id="LibreOffice missing"),
    ],
)
def test_packages_asked_for_the_missing_tools_only(present: set[str], asked: list[str]) -> None:
    assert system_deps.packages_to_install(present) == asked


def _which(*names: str) -> Callable[[str], str | None]:
    return lambda command: f"/opt/bin/{command}" if command in names else None


@pytest.mark.parametrize(
    ("commands", "key"),
    [
        (("chromium",), "chromium"),
        (("chromium-browser",), "chromium"),  # Ubuntu's name; tests/conftest.py uses it too
        (("soffice",), "libreoffice"),
        (("libreoffice",), "libreoffice"),  # tests/test_export.py accepts either
        (("java",), "java"),
        (("node",), "node"),
        (("npm",), "npm"),
        (("git",), "git"),
    ],
)
def test_a_tool_counts_under_any_name_the_tests_use(commands: tuple[str, ...], key: str) -> None:
    assert system_deps.present_tools(_which(*commands)) == {key}


def test_google_chrome_is_not_taken_for_chromium() -> None:
    # The browser tests launch `chromium` or `chromium-browser` only (tests/conftest.py).
    assert system_deps.present_tools(_which("google-chrome")) == set()


def test_apt_commands_as_root_and_through_sudo() -> None:
    assert system_deps.apt_commands(["npm"], "/usr/bin/apt-get", None) == [
        ["/usr/bin/apt-get", "update", "-qq"],
        ["/usr/bin/apt-get", "install", "-y", "-qq", "--no-install-recommends", "npm"],
    ]
    update, install = system_deps.apt_commands(["git", "npm"], "/usr/bin/apt-get", "/usr/bin/sudo")
    prefix = ["/usr/bin/sudo", "-n", "DEBIAN_FRONTEND=noninteractive", "/usr/bin/apt-get"]
    assert update == [*prefix, "update", "-qq"]
    assert install == [*prefix, "install", "-y", "-qq", "--no-install-recommends", "git", "npm"]


def test_the_manual_message_lists_exactly_what_is_missing() -> None:
    missing = system_deps.missing_tools(ALL_KEYS - {"java", "fonts"})
    message = system_deps.manual_install_message(missing, system_deps.NO_APT)
    assert "请先安装" in message and "Install the following" in message
    assert "default-jre-headless" in message and "fonts-noto-cjk" in message
    for package in set(ALL_PACKAGES) - {"default-jre-headless", "fonts-noto-cjk"}:
        assert f"[Debian/Ubuntu: {package}]" not in message
    assert message.endswith("apt-get install --no-install-recommends fonts-noto-cjk default-jre-headless")


# --- The command line with a PATH of stub programs: no real apt-get, sudo or fc-list runs ----------


def _stub(folder: Path, name: str, body: str = "exit 0") -> None:
    """A program `name` in `folder`: a shell script, or any script that starts with its own #! line."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(body if body.startswith("#!") else f"#!/bin/sh\n{body}\n", encoding="utf-8")
    program.chmod(0o755)


FC_LIST_WITH_CJK = '#!/bin/sh\necho "Noto Sans CJK SC,Noto Sans CJK SC Regular"\n'

# apt-get records its arguments and "installs" a stub program for each package asked for.
APT_GET = f"""#!{sys.executable}
import os, sys
from pathlib import Path
with Path(os.environ["APT_LOG"]).open("a") as log:
    print(*sys.argv[1:], file=log)
commands = {{"chromium": "chromium", "fonts-noto-cjk": "fc-list", "libreoffice-calc-nogui": "soffice",
            "git": "git", "default-jre-headless": "java", "nodejs": "node", "npm": "npm"}}
for package in sys.argv[2:] if sys.argv[1] == "install" else []:
    if package in commands:
        program = Path(os.environ["APT_ROOT"]) / commands[package]
        program.write_text({FC_LIST_WITH_CJK!r} if package == "fonts-noto-cjk" else "#!/bin/sh\\n")
        program.chmod(0o755)
"""

# A sudo that asks no password: drops -n and VAR=value, then runs the command.
SUDO = """\
while [ $# -gt 0 ]; do case $1 in -n|*=*) shift ;; *) break ;; esac; done
"$@"
"""


def _run(path: list[Path], tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.pathsep.join(str(folder) for folder in path),
        "APT_LOG": str(tmp_path / "apt.log"),
        "APT_ROOT": str(tmp_path / "installed"),
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def _apt_log(tmp_path: Path) -> list[str]:
    log = tmp_path / "apt.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_cli_everything_present_elsewhere_does_nothing(tmp_path: Path) -> None:
    # NodeSource's node and npm in one folder, a Chrome-built chromium-browser in another, fonts by hand.
    nodesource, browser, other = tmp_path / "nodesource", tmp_path / "browser", tmp_path / "bin"
    _stub(nodesource, "node")
    _stub(nodesource, "npm")
    _stub(browser, "chromium-browser")
    for name in ("soffice", "git", "java", "apt-get", "sudo"):
        _stub(other, name)
    _stub(other, "fc-list", FC_LIST_WITH_CJK)
    result = _run([nodesource, browser, other], tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert _apt_log(tmp_path) == []


def test_cli_dry_run_names_only_the_missing_packages(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    for name in ("node", "npm", "chromium", "git"):
        _stub(bin_, name)
    _stub(bin_, "fc-list", FC_LIST_WITH_CJK)
    _stub(bin_, "apt-get", APT_GET)
    _stub(bin_, "sudo", SUDO)
    result = _run([bin_], tmp_path, "--dry-run")
    assert result.returncode == 0, result.stderr
    install = [line for line in result.stdout.splitlines() if " install " in line]
    assert len(install) == 1
    assert install[0].endswith(
        "install -y -qq --no-install-recommends libreoffice-calc-nogui default-jre-headless"
    )
    assert "nodejs" not in result.stdout and " npm" not in result.stdout
    assert _apt_log(tmp_path) == []  # a dry run runs nothing


def test_cli_installs_the_missing_packages_with_apt_get(tmp_path: Path) -> None:
    bin_, installed = tmp_path / "bin", tmp_path / "installed"
    for name in ("node", "npm", "soffice"):
        _stub(bin_, name)
    _stub(bin_, "apt-get", APT_GET)
    _stub(bin_, "sudo", SUDO)  # used only when the tests do not run as root
    installed.mkdir()
    result = _run([installed, bin_], tmp_path)
    assert result.returncode == 0, result.stderr
    assert _apt_log(tmp_path) == [
        "update -qq",
        "install -y -qq --no-install-recommends chromium fonts-noto-cjk git default-jre-headless",
    ]
    assert "chromium fonts-noto-cjk git default-jre-headless" in result.stdout


def test_cli_reports_a_failed_apt_get(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    for name in ("chromium", "soffice", "git", "java", "node"):
        _stub(bin_, name)
    _stub(bin_, "fc-list", FC_LIST_WITH_CJK)
    _stub(
        bin_, "apt-get", 'echo "E: Unable to correct problems, you have held broken packages." >&2; exit 100'
    )
    _stub(bin_, "sudo", SUDO)
    result = _run([bin_], tmp_path)
    assert result.returncode == 1
    assert "held broken packages" in result.stderr
    assert "apt-get 失败 / apt-get failed" in result.stderr
    assert "[Debian/Ubuntu: npm]" in result.stderr


def test_cli_without_apt_lists_what_to_install_and_fails(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    for name in ("chromium", "git", "node", "npm"):
        _stub(bin_, name)
    _stub(bin_, "fc-list", FC_LIST_WITH_CJK)
    for args in ((), ("--dry-run",)):
        result = _run([bin_], tmp_path, *args)
        assert result.returncode == 1
        assert result.stdout == ""
        message = result.stderr
        assert system_deps.NO_APT in message
        assert "请先安装" in message and "Install the following" in message
        listed = [line for line in message.splitlines() if line.startswith("  - ")]
        assert len(listed) == 2
        assert "LibreOffice" in listed[0] and "libreoffice-calc-nogui" in listed[0]
        assert "Java" in listed[1] and "default-jre-headless" in listed[1]


def test_cli_without_fc_list_asks_for_the_fonts(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    for name in ("chromium", "soffice", "git", "java", "node", "npm"):
        _stub(bin_, name)
    result = _run([bin_], tmp_path)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("  - ")] == [
        "  - 思源黑体 / Noto Sans CJK fonts (`fc-list` shows “Noto Sans CJK”)  [Debian/Ubuntu: fonts-noto-cjk]"
    ]


def test_root_needs_no_sudo() -> None:
    assert system_deps.sudo_for_apt(lambda command: None, root=True) == (True, None)


def test_without_root_sudo_must_not_ask_for_a_password(tmp_path: Path) -> None:
    assert system_deps.sudo_for_apt(lambda command: None, root=False) == (False, None)
    _stub(tmp_path / "asks", "sudo", 'echo "sudo: a password is required" >&2; exit 1')
    _stub(tmp_path / "allows", "sudo", SUDO)
    asks, allows = str(tmp_path / "asks" / "sudo"), str(tmp_path / "allows" / "sudo")
    assert system_deps.sudo_for_apt(lambda command: asks, root=False) == (False, asks)
    assert system_deps.sudo_for_apt(lambda command: allows, root=False) == (True, allows)
    message = system_deps.manual_install_message(
        system_deps.missing_tools({"node", "npm"}), system_deps.NO_SUDO
    )
    assert "sudo" in message.splitlines()[0] and "chromium" in message

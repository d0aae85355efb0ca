"""Install the system software `make test` needs, only what is missing, tool by tool.

Run by the Makefile's `system-deps` target with the system Python (standard library only):

    python3 tools/system_deps.py            # install what is missing with apt-get
    python3 tools/system_deps.py --dry-run  # print what would be run, run nothing

A tool already on the machine counts whatever installed it: Node.js from NodeSource with its
own npm, a Chromium or Java not from Debian, fonts copied by hand. Only the Debian packages of
the missing tools are asked for, so apt is never asked for `nodejs`/`npm` next to a NodeSource
Node.js (Debian's npm conflicts with it and apt would install nothing).

When apt-get is missing (macOS, another distribution) or not permitted (not root and sudo
would ask for a password), one message lists what to install and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    key: str
    label: str
    """What to install, in Chinese and English, for the message when apt cannot do it."""
    package: str
    """The Debian package that provides it."""
    commands: tuple[str, ...] = ()
    """Any one of these on PATH means the tool is present (the names the tests look for)."""


FONTS = "fonts"
FONT_FAMILY = "noto sans cjk"

TOOLS: tuple[Tool, ...] = (
    Tool(
        "chromium",
        "Chromium 浏览器 / Chromium browser (`chromium` or `chromium-browser` on PATH)",
        "chromium",
        ("chromium", "chromium-browser"),
    ),
    Tool(FONTS, "思源黑体 / Noto Sans CJK fonts (`fc-list` shows “Noto Sans CJK”)", "fonts-noto-cjk"),
    Tool(
        "libreoffice",
        "LibreOffice Calc (`soffice` or `libreoffice` on PATH)",
        "libreoffice-calc-nogui",
        ("soffice", "libreoffice"),
    ),
    Tool("git", "git", "git", ("git",)),
    Tool("java", "Java 运行环境 / Java runtime (`java` on PATH)", "default-jre-headless", ("java",)),
    Tool("node", "Node.js (`node` on PATH)", "nodejs", ("node",)),
    Tool(
        "npm",
        "npm（随 nodejs.org 或 NodeSource 的 Node.js 附带 / comes with Node.js from nodejs.org or NodeSource）",
        "npm",
        ("npm",),
    ),
)
"""In the order they are installed and listed."""

APT_FLAGS = ("-y", "-qq", "--no-install-recommends")


def missing_tools(present: Collection[str]) -> list[Tool]:
    """The tools whose key is not in `present`, in the order of TOOLS."""
    return [tool for tool in TOOLS if tool.key not in present]


def packages_to_install(present: Collection[str]) -> list[str]:
    """The Debian packages to ask apt for, given the keys of the tools already present.

    Each tool is judged on its own: a Node.js that brings its own npm (NodeSource, nodejs.org)
    asks for nothing; Debian's Node.js without npm asks for `npm` only.
    """
    return [tool.package for tool in missing_tools(present)]


def has_cjk_fonts(fc_list: str | None) -> bool:
    """Whether fontconfig (the `fc-list` program at that path) knows a Noto Sans CJK family."""
    if fc_list is None:
        return False
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, check=False, timeout=300
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return FONT_FAMILY in result.stdout.lower()


def present_tools(which: Callable[[str], str | None] = shutil.which) -> set[str]:
    """The keys of the tools found on this machine (PATH as `which` sees it)."""
    present = {tool.key for tool in TOOLS if any(which(command) for command in tool.commands)}
    if has_cjk_fonts(which("fc-list")):
        present.add(FONTS)
    return present


def apt_commands(packages: Sequence[str], apt_get: str, sudo: str | None) -> list[list[str]]:
    """apt-get update and install of `packages`, through `sudo -n` unless `sudo` is None (root)."""
    # sudo clears the environment: the front end is passed on its command line.
    prefix = [apt_get] if sudo is None else [sudo, "-n", "DEBIAN_FRONTEND=noninteractive", apt_get]
    return [[*prefix, "update", "-qq"], [*prefix, "install", *APT_FLAGS, *packages]]


def manual_install_message(missing: Sequence[Tool], reason: str) -> str:
    """The one message printed when apt cannot install the missing tools."""
    lines = [
        f"测试所需的系统软件缺失，无法自动安装（{reason}）。请先安装以下软件，再运行 make test：",
        f"Software the tests need is missing and cannot be installed automatically ({reason}).",
        "Install the following, then run make test again:",
    ]
    lines += [f"  - {tool.label}  [Debian/Ubuntu: {tool.package}]" for tool in missing]
    packages = " ".join(tool.package for tool in missing)
    lines.append(f"Debian/Ubuntu: sudo apt-get install --no-install-recommends {packages}")
    return "\n".join(lines)


NO_APT = "没有 apt-get / no apt-get"
NO_SUDO = "不是 root，sudo 不可用或需要密码 / not root, and sudo is missing or asks for a password"


def sudo_for_apt(
    which: Callable[[str], str | None] = shutil.which, root: bool | None = None
) -> tuple[bool, str | None]:
    """(permitted, sudo program): root needs no sudo; others need a sudo that asks no password."""
    if root if root is not None else os.geteuid() == 0:
        return True, None
    sudo = which("sudo")
    if sudo is None:
        return False, None
    try:
        result = subprocess.run([sudo, "-n", "true"], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False, None
    return result.returncode == 0, sudo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dry-run", action="store_true", help="print the apt-get commands, run nothing")
    args = parser.parse_args(argv)

    present = present_tools()
    missing, packages = missing_tools(present), packages_to_install(present)
    if not missing:
        if args.dry_run:
            print("测试所需的系统软件都已安装 / everything the tests need is installed")
        return 0

    apt_get = shutil.which("apt-get")
    if apt_get is None:
        print(manual_install_message(missing, NO_APT), file=sys.stderr)
        return 1
    permitted, sudo = sudo_for_apt()
    if not permitted:
        print(manual_install_message(missing, NO_SUDO), file=sys.stderr)
        return 1

    commands = apt_commands(packages, apt_get, sudo)
    print(f"安装测试所需的系统软件 / installing what the tests need: {' '.join(packages)}", flush=True)
    if args.dry_run:
        for command in commands:
            print("would run:", " ".join(command))
        return 0
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in commands:
        result = subprocess.run(
            command, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False
        )
        if result.returncode != 0:
            reason = f"apt-get 失败 / apt-get failed: {' '.join(command)}"
            print(manual_install_message(missing, reason), file=sys.stderr)
            return 1

    still_missing = missing_tools(present_tools())
    if still_missing:
        reason = "apt-get 安装后仍然找不到 / still not found after apt-get install"
        print(manual_install_message(still_missing, reason), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

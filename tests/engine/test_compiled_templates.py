"""Compiled templates are kept between builds and compiled ahead by a second process while a cold build
reads its data (issue 16): an environment takes only what was compiled by one alike in everything the
compiled code depends on, and the site is the one a build that compiles every template itself makes."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jinja2
import material
import pytest

from support.build import (
    PACKAGE_AS_THE_HOOKS_KEEP_IT,
    demo_project,
    demo_site_in_one_process,
    run_patched,
    site_files,
)
from support.hooks import hooks_module


def _plain(value: object) -> object:
    return value


@jinja2.pass_context
def _with_context(context: object, value: object) -> object:
    return value


def _environment(**filters: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ 'x' | shown }}"}))
    env.filters.update(filters)
    return env


def test_what_a_template_is_compiled_against_changes_with_each_thing_its_code_depends_on() -> None:
    """A filter added, one passed a context where another was not, another autoescape policy or syntax: each
    compiles the template differently, so each names another entry; two environments made alike name one."""
    compiled_against = hooks_module()._compiled_against
    alike = compiled_against(_environment(shown=_plain))
    assert compiled_against(_environment(shown=_plain)) == alike
    assert compiled_against(_environment(shown=_plain, other=_plain)) != alike
    assert compiled_against(_environment(shown=_with_context)) != alike
    escaping = _environment(shown=_plain)
    escaping.autoescape = True
    assert compiled_against(escaping) != alike
    syntax = _environment(shown=_plain)
    syntax.trim_blocks = True
    assert compiled_against(syntax) != alike


def test_a_template_is_compiled_once_for_environments_alike_and_again_for_one_that_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build's environment, made alike, takes the compiled template; one whose filter is passed a
    context (the compiled call passes it one) compiles its own."""
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name)
        return compile_template(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    cache = hooks_module().CompiledTemplates
    for filter_ in (_plain, _plain, _with_context, _with_context):
        env = _environment(shown=filter_)
        env.bytecode_cache = cache(tmp_path)
        assert env.get_template("page.html").render() == "x"
    assert compiled == ["page.html", "page.html"]


COUNT_COMPILED = PACKAGE_AS_THE_HOOKS_KEEP_IT + textwrap.dedent(
    """
    import json, os, sys, time
    import jinja2
    import noticeboard.registries.aside as aside

    first, compiled = os.getpid(), []
    compile_template = jinja2.Environment.compile

    def counted(self, source, name=None, *args, **kwargs):
        if os.getpid() == first:
            compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    jinja2.Environment.compile = counted
    start = aside.Aside.__init__

    def waited(self, work, **kwargs):
        start(self, work, **kwargs)
        if getattr(getattr(work, "func", None), "__name__", None) == "_compile_templates":
            while not self.finished():  # (the second process given all the time it needs)
                time.sleep(0.01)

    aside.Aside.__init__ = waited
    from mkdocs.__main__ import cli
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
    print(json.dumps(compiled))
    """
)


@pytest.mark.slow  # the demo built twice
def test_a_cold_build_renders_with_the_templates_compiled_meanwhile_and_makes_the_same_site(
    tmp_path: Path,
) -> None:
    """The first process compiles only what the second one left to it: Material's icons (asked for by
    name as pages render), and the templates that use a filter the second process stood in for (the
    blog's ``date``, made by its plugin later). The site is the very one a build in one process makes,
    which compiles every template itself."""
    project = demo_project(tmp_path / "project")
    result = run_patched(COUNT_COMPILED, project, str(tmp_path / "site"))
    compiled: list[str] = json.loads(result.stdout.splitlines()[-1])
    left = [name for name in compiled if not name.startswith(".icons/")]
    theme = jinja2.Environment(loader=jinja2.FileSystemLoader(_theme_dirs(project)))
    uses_date = re.compile(r"\|\s*date\b")
    assert [name for name in left if not uses_date.search(theme.loader.get_source(theme, name)[0])] == []
    assert len(compiled) < 30

    assert site_files(tmp_path / "site") == demo_site_in_one_process(tmp_path / "alone")


def _theme_dirs(project: Path) -> list[str]:
    return [str(project / "theme_overrides"), str(Path(material.__file__).parent / "templates")]

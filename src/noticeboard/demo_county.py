"""A demo county: several demo townships, each its own site project, and the county's ``county.yml``.

``python -m noticeboard demo --townships N --out DIR`` writes, for each of the first N townships of
:data:`TOWNSHIPS` (township *i* drawn with the seed + *i*, so the first is the demo township itself):

- ``DIR/<id>/data/``: the township's registries (``demo.generate``), naming only that township;
- ``DIR/<id>/docs/``: this checkout's pages (home, open data, assets, JSON Schemas) with the
  township's own name; the checkout's case stories (:data:`STORIES`) are its demo township's and
  are not copied;
- ``DIR/<id>/mkdocs.yml``: ``INHERIT`` of this checkout's ``mkdocs.yml`` with the township's own
  name and address, and the theme and hooks of this checkout by relative paths (the folder
  keeps working when moved together with the checkout), so that
  ``python -m noticeboard build DIR/<id>/data`` builds its site into ``DIR/<id>/site``;

and ``DIR/county.yml``, the county roll-up's configuration, whose ``open_data`` folders are those
sites' ``site/data`` relative to ``county.yml``. Without a ``mkdocs.yml`` next to the package (an
installed package, not a checkout) only the data and ``county.yml`` are written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import yaml

from noticeboard.demo import SITE_YEAR, Shape, Township, dump, generate
from noticeboard.registries.errors import UserError
from noticeboard.registries.frozen import frozen, replace

COUNTY = "云山县"
"""The made-up county of the demo townships (its committee, 中共云山县委, awards their county honours)."""
COUNTY_ORGANISATION = f"{COUNTY}委组织部"

TOWNSHIPS = (
    ("qingshan", "青山镇"),
    ("longquan", "龙泉镇"),
    ("baisha", "白沙镇"),
    ("shimen", "石门镇"),
    ("huangping", "黄坪镇"),
    ("xinglong", "兴隆镇"),
    ("heping", "和平镇"),
    ("changning", "长宁镇"),
    ("fenghuang", "凤凰镇"),
    ("jinping", "金坪镇"),
    ("dongxi", "东溪镇"),
    ("xiba", "西坝镇"),
    ("nanshan", "南山镇"),
    ("hexi", "河西镇"),
    ("gaoqiao", "高桥镇"),
    ("shuangjiang", "双江镇"),
    ("sanhe", "三合镇"),
    ("maoping", "茅坪镇"),
    ("lianhua", "莲花镇"),
    ("yangliu", "杨柳镇"),
    ("huilong", "回龙镇"),
    ("anle", "安乐镇"),
    ("baima", "白马镇"),
    ("guandu", "官渡镇"),
)
"""The demo county's townships (id, name), in order; the first is the demo township. None is also
the name of a demo village (青山 is the demo township's own), so a name means one place only."""

CHECKOUT = Path(__file__).resolve().parents[2]
"""This checkout (``src/noticeboard`` → the project), holding ``mkdocs.yml``, ``docs/``, ``hooks/``
and ``theme_overrides/`` when the package runs from a checkout."""

DEFAULT_SHAPE = Shape()
"""Each township's shape unless told: the demo township's."""

STORIES = "stories/posts"
"""The checkout's case stories (docs/stories/posts): its demo township's, so not copied to others."""


class CountyDemoError(UserError):
    """The demo county cannot be written as asked (message in Chinese)."""


@frozen
class DemoTownship:
    """One township of the demo county: its id (folder and site address), name and seed."""

    id: str
    name: str
    seed: int

    @property
    def site_url(self) -> str:
        return f"https://{self.id}.example.org/"


@frozen
class MadeTownship:
    """What was written for one township: where, and the counts ``generate`` returns."""

    township: DemoTownship
    folder: Path
    counts: dict[str, int]


@frozen
class MadeCounty:
    townships: tuple[MadeTownship, ...]
    config: Path
    """``county.yml``."""
    sites: bool
    """Whether each township got its ``mkdocs.yml`` and ``docs/`` (False outside a checkout)."""


def townships(count: int, seed: int) -> tuple[DemoTownship, ...]:
    """The first ``count`` townships of :data:`TOWNSHIPS`, township *i* (from 0) with ``seed + i``."""
    if not 1 <= count <= len(TOWNSHIPS):
        raise CountyDemoError(
            f"--townships {count}：示范乡镇可以是 1 到 {len(TOWNSHIPS)} 个"
            f"（示范县只准备了 {len(TOWNSHIPS)} 个乡镇的名字），请改一个数"
        )
    return tuple(DemoTownship(key, name, seed + index) for index, (key, name) in enumerate(TOWNSHIPS[:count]))


def generate_county(
    out: Path, count: int, shape: Shape = DEFAULT_SHAPE, checkout: Path = CHECKOUT
) -> MadeCounty:
    """Write ``count`` demo townships and ``county.yml`` into ``out`` (see the module's description).

    A township folder whose ``data/`` already holds files is not written over (old files would mix
    with the new ones): the error says so and nothing is written.
    """
    chosen = townships(count, shape.seed)
    taken = [
        out / t.id / "data"
        for t in chosen
        if (out / t.id / "data").is_dir() and any((out / t.id / "data").iterdir())
    ]
    if taken:
        raise CountyDemoError(
            "下面的文件夹里已经有数据，为免新旧文件混在一起，没有写入任何文件；请换一个输出文件夹或先删除它们：\n"
            + "\n".join(folder.as_posix() for folder in taken)
        )
    sites = (checkout / "mkdocs.yml").is_file()
    made = []
    for township in chosen:
        folder = out / township.id
        counts = generate(folder / "data", replace(shape, seed=township.seed), Township(township.name))
        if sites:
            copy_pages(checkout / "docs", folder / "docs", township.name)
            _write(folder / "mkdocs.yml", site_config(checkout, folder, township))
        made.append(MadeTownship(township, folder, counts))
    config = out / "county.yml"
    _write(config, county_config(chosen))
    return MadeCounty(tuple(made), config, sites)


def county_config(chosen: tuple[DemoTownship, ...]) -> str:
    """``county.yml``: the county, the demo's year and each township's site and published open data."""
    data = {
        "organisation": COUNTY_ORGANISATION,
        "year": SITE_YEAR,
        "townships": [
            {"id": t.id, "name": t.name, "site": t.site_url, "open_data": f"{t.id}/site/data"} for t in chosen
        ],
    }
    return dump(
        data,
        comment=f"{COUNTY}示范乡镇的县级汇总（python -m noticeboard demo --townships {len(chosen)} 生成）\n"
        "open_data：各乡镇网站发布的开放数据文件夹，相对于本文件所在的文件夹；"
        "先用 python -m noticeboard build <编号>/data 生成各乡镇的网站",
    )


def copy_pages(docs: Path, target: Path, name: str) -> None:
    """The checkout's ``docs/`` but its stories into ``target``, the demo township's name replaced by ``name``."""
    default = Township().name
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if not path.is_file() or relative.as_posix().startswith(f"{STORIES}/"):
            continue
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".md", ".json", ".yml"):
            text = path.read_text(encoding="utf-8").replace(default, name)
            copy.write_text(text, encoding="utf-8", newline="\n")
        else:
            shutil.copyfile(path, copy)


def site_config(checkout: Path, folder: Path, township: DemoTownship) -> str:
    """The township's ``mkdocs.yml``: this checkout's, with the township's own name and address.

    MkDocs resolves an inheriting file's relative paths from the inheriting file's folder and
    replaces lists rather than merging them: the theme's folder and the hooks are written again
    relative to ``folder``, and the plugins again when a setting of one names the demo township.
    """
    parent = _load_tagged(checkout / "mkdocs.yml")
    back = Path(os.path.relpath(checkout, folder)).as_posix()
    default_url = str(parent.get("site_url") or "")

    def own(value: Any) -> Any:
        """``value`` with the demo township's name and site address replaced by this township's."""

        def change(text: str) -> str:
            text = text.replace(Township().name, township.name)
            return text.replace(default_url, township.site_url) if default_url else text

        return _map_strings(value, change)

    config: dict[str, Any] = {
        "INHERIT": f"{back}/mkdocs.yml",
        "site_name": f"{township.name}党务公开栏",
        "site_url": township.site_url,
        "copyright": Township(township.name).office,
    }
    if "site_description" in parent:
        config["site_description"] = own(parent["site_description"])
    config["docs_dir"] = "docs"
    custom_dir = (parent.get("theme") or {}).get("custom_dir")
    if custom_dir:
        config["theme"] = {"custom_dir": f"{back}/{custom_dir}"}
    if parent.get("hooks"):
        config["hooks"] = [f"{back}/{hook}" for hook in parent["hooks"]]
    plugins = parent.get("plugins")
    if plugins and own(plugins) != plugins:
        config["plugins"] = own(plugins)
    text = yaml.dump(config, Dumper=_TaggedDumper, allow_unicode=True, sort_keys=False, width=1000)
    head = (
        f"# {township.name}的示范网站（python -m noticeboard demo --townships 生成）：\n"
        f"# 沿用 {back}/mkdocs.yml 的全部设置，只改下面几项；主题和钩子用的是那个文件夹里的。\n"
        "# 生成网站（到 site 文件夹）：在本文件夹里运行 python -m noticeboard build\n"
    )
    return head + text


@frozen
class _Tagged:
    """A YAML value with a tag PyYAML's safe loader does not know (``!ENV``, ``!!python/…``), kept as written."""

    tag: str
    value: Any


class _TaggedLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without running anything: unknown tags become :class:`_Tagged`."""


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return _Tagged(node.tag, value)


_TaggedLoader.add_multi_constructor("!", _construct_tagged)
_TaggedLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _TaggedDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_TaggedDumper.add_representer(_Tagged, _represent_tagged)


def _load_tagged(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        loaded = _load(stream)
    return loaded if isinstance(loaded, dict) else {}


def _load(stream: IO[str]) -> Any:
    return yaml.load(stream, Loader=_TaggedLoader)


def _map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """``value`` with ``change`` applied to every string in it (lists, mappings, tagged values)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _map_strings(item, change) for key, item in value.items()}
    if isinstance(value, _Tagged):
        return _Tagged(value.tag, _map_strings(value.value, change))
    return value


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")

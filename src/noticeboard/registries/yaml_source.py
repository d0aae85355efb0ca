"""Reading one YAML file as office staff write it, keeping line numbers.

Why not ``yaml.safe_load``: it silently keeps the last of two duplicate keys
(data loss), turns ``0123`` into 83 and ``no`` into ``False`` without a word,
reads ``89.95`` as a binary float, expands alias bombs, and forgets where each
value came from. Here the C composer builds the node tree, and a small walker
turns it into plain values (numbers with a fraction become exact
:class:`~decimal.Decimal`), reporting every problem with its line. The node tree
is kept so that later validation errors can be mapped back to a line.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import io
import os
import pickle
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pydantic
import pydantic_core
import yaml
from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from noticeboard.registries.aside import Aside, AsideFailed
from noticeboard.registries.disk_cache import DiskCache, SharedPack, source_fingerprint
from noticeboard.registries.errors import Problems
from noticeboard.registries.fast_yaml import FALLBACK, fast_values
from noticeboard.registries.whole_files import TooLarge, whole_file

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

MAX_BYTES = 10 * 1024 * 1024
"""Largest data file accepted. A township's biggest file is well under 1 MB."""

MAX_DEPTH = 32
"""Deepest nesting accepted; the contract never goes beyond five levels."""

_TAG = "tag:yaml.org,2002:"
_BOM = b"\xef\xbb\xbf"
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

TYPE_NAMES = {
    "int": "数字",
    "float": "数字",
    "bool": "是/否（布尔值）",
    "null": "空值",
    "timestamp": "日期",
    "str": "文字",
}


@dataclass(frozen=True, slots=True, eq=False)
class AlteredInt:
    """An integer YAML read differently from how it was written (``0123`` → 83, ``075`` → 61, ``1_000``,
    ``0x1F``, ``1:30`` → 90), as YAML read it (``value``).

    Not an ``int``, so that no field takes it. Where a number is expected, ``075`` would be a score of 61
    (one star, not the 75 written); where text is, a plain ``1001`` is the text "1001" without loss, but
    ``0123`` is not "83". The validators refuse it, and the message says how YAML read it and what to write.
    """

    value: int
    text: str
    """As written."""

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        """As written: pydantic names a key it refuses by its ``repr`` (键“03750”应为四位数的年份)."""
        return self.text

    def __eq__(self, other: object) -> bool:
        """Equal to the integer YAML read: ``0x7E8:`` beside ``2024:`` is a key written twice."""
        return self.value == (other.value if isinstance(other, AlteredInt) else other)

    def __hash__(self) -> int:
        return hash(self.value)


class Document:
    """A parsed YAML file: its plain value, and its text for finding lines when a problem is reported."""

    def __init__(self, path: Path, data: Any, text: str, offset: int = 0) -> None:
        self.path = path
        self._data = data
        self._text = text
        self._raw: bytes | None = None
        self.offset = offset
        """Lines before the YAML text in its file (a Markdown front matter starts at line 2)."""

    @classmethod
    def cached(cls, path: Path, raw: bytes) -> Document:
        """The file of bytes ``raw`` whose validated records came from the cache (:meth:`ParseCache.get_records`).

        Its text is decoded, and its value parsed, only when a problem found later asks for a line: the same
        bytes decoded and parsed without a problem when their records were stored. Why: decoding a county's
        2,000 files took a tenth of a second of every build, for lines that are seldom asked for."""
        document = cls(path, _UNREAD, "")
        document._raw = raw
        return document

    @property
    def text(self) -> str:
        if self._raw is not None:
            self._text, self._raw = _utf8(self._raw), None
        return self._text

    @property
    def data(self) -> Any:
        if self._data is _UNREAD:
            parsed = parse_yaml(self.text, self.path, Problems(), self.offset)
            self._data = None if parsed is None else parsed.data
        return self._data

    @cached_property
    def root(self) -> Node | None:
        """The node tree, composed again only when a line number is asked for (rare: a problem)."""
        return yaml.compose(self.text, Loader=_Loader)

    def node_at(self, loc: Sequence[str | int]) -> tuple[Node | None, int]:
        """The node at ``loc`` (keys and list indices) and the best line for it.

        When the path leads to a key that is absent, the line of the nearest
        existing parent is given, which is where the missing key belongs.
        """
        node = self.root
        line = node.start_mark.line + 1 if node is not None else 1
        for step in loc:
            child = _child(node, step)
            if child is None:
                return None, line + self.offset
            node, line = child
        return node, line + self.offset

    def line_at(self, loc: Sequence[str | int]) -> int:
        return self.node_at(loc)[1]


def _child(node: Node | None, step: str | int) -> tuple[Node, int] | None:
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        item = node.value[step]
        return item, item.start_mark.line + 1
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(step):
                return value, key.start_mark.line + 1
    return None


def scalar_kind(node: Node | None) -> str | None:
    """The YAML type a plain scalar was read as (``int``, ``bool``, …), or None."""
    if isinstance(node, ScalarNode) and node.tag.startswith(_TAG):
        return node.tag.removeprefix(_TAG)
    return None


class ParseCache:
    """Parsed files by content, so a rebuild re-parses only the files that changed.

    Why: parsing is most of the data layer's time (a county's registries take
    seconds), while an edit touches one file. Entries are keyed by the file's
    bytes and by this module's own source, so a change to either misses.
    Only files that parsed without a problem are cached.
    """

    def __init__(self, folder: Path) -> None:
        finish_writing()  # what an earlier cache of this process is still writing is read here
        self.store = DiskCache(folder, _CACHE_SALT, ".pickle")
        salt = _records_salt()
        self.validated = SharedPack(folder / "records", salt)
        self.kept: dict[bytes, list[Any]] = {}
        """Records validated ahead in this process, until read (:meth:`validate_ahead`)."""
        self.writers: list[Aside] = []
        """Second processes storing values meanwhile (:meth:`close` waits for them or leaves them)."""
        self.later: list[Callable[[], None]] | None = None
        """Values put, to be stored when the cache is closed (:meth:`validate_ahead`); None: stored at once."""
        self.ahead: Aside | None = None
        """The second process of :meth:`validate_ahead`, doing its other work, until :meth:`ahead_result`."""

    def get_records(self, raw: bytes, model: type[M]) -> list[M] | None:
        """The records ``model`` validated from a file of bytes ``raw`` last time, or None.

        Why: validating a county's 135,000 records takes seconds on every build, while an edit
        touches one file. Only a file whose every record validated without a problem is stored
        (:meth:`put_records`), so a hit gives exactly what validating would, and no problem is lost.
        """
        key = _model_key(model) + raw
        if self.kept and (kept := self.kept.pop(key, None)) is not None:  # (a warm build keeps none)
            return kept
        stored = self.validated.get(key)
        if stored is None:
            return None
        try:
            records = pickle.loads(stored)
        except Exception:  # an entry of an older class layout that the salt did not catch: validate again
            return None
        if not isinstance(records, list) or not {model}.issuperset(map(type, records)):  # (in C: 193,000)
            return None
        return records

    def put_records(self, raw: bytes, model: type[M], records: Sequence[M]) -> None:
        """Keep ``records``, every record of the file of bytes ``raw``, validated by ``model`` without a problem.

        The pack's first write removes the records kept by other code: every change to the package's code
        makes a new set (a county's is 20 MB), and none of the old ones is read again.
        """
        self._now_or_later(functools.partial(self._store_records, [(raw, model, list(records))]))

    def _store_records(self, files: Sequence[tuple[bytes, type[BaseModel], list[Any]]]) -> None:
        """Store each file's records (its bytes, their model, the records), all in one transaction."""
        self.validated.put_all(_entry(*file) for file in files)

    def get(self, raw: bytes) -> Any:
        stored = self.store.get(raw)
        if stored is None:
            return _MISSING
        try:
            return pickle.loads(stored)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, IndexError):
            return _MISSING

    def put(self, raw: bytes, data: Any) -> None:
        self._now_or_later(functools.partial(self._store, raw, data))

    def _now_or_later(self, store: Callable[[], None]) -> None:
        """``store()`` now, or when the cache is closed (:attr:`later`)."""
        if self.later is not None:
            self.later.append(store)
        else:
            store()

    def _store(self, raw: bytes, data: Any) -> None:
        self.store.put(raw, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def has(self, raw: bytes) -> bool:
        return self.store.has(raw)

    def validate_ahead(
        self,
        files: Sequence[tuple[Path, type[BaseModel]]],
        *,
        fork: bool,
        meanwhile: Meanwhile[Any] | None = None,
    ) -> None:
        """Parse and validate into the cache those ``files`` (each with its records' model) it has not got,
        part of them in a second process. Returns once both parts are validated and the second's is in the
        cache.

        ``meanwhile``: other work for the second process, such as opening the photos, done after its share
        of files; :meth:`ahead_result` gives its result, or None where no second process was started (a
        warm build, no ``fork``): the caller then does that work itself, when needed.

        Why: parsing and validating are most of a cold data layer (a county's 2,000 files), and one
        process uses one core. This process keeps its own part in memory (:meth:`get_records` gives
        them back once); the other part comes from the cache. A file found wrong is left out: it is
        reported when the files are read. Without ``fork`` nothing is done ahead (it would only be
        done twice).

        Why ``meanwhile`` is not waited for here: this process reads every file's records back next
        (a cold county's ``read_files``, 0.3 s), while the second opens the photos; the shares are cut so
        that both end together (:func:`_shares`). Waited for here, the photos kept this process idle and
        the read came after them (the cold data layer: about 0.15 s more).

        With ``fork``, what is put from now on (the files read that were not done ahead: all of a
        township's) is stored when the cache is closed, by a second process if there are many
        (:data:`WRITE_ASIDE_FROM`). Why: creating the files that keep a township's 65 parsed files and
        their records took a third of its cold data layer (its ``config`` event 0.36 s, now 0.21–0.25 s),
        when the other core has nothing to do yet.
        """
        if not fork or not hasattr(os, "fork"):
            return
        self.later = []
        if len(files) < PARSE_AHEAD_FROM:
            return
        sample = files[:: max(1, len(files) // 20)]  # a warm build reads 20 files here, not all of them twice
        missing = sum(not self._has_records(path, model) for path, model in sample)
        if missing * 2 < len(sample):
            return  # mostly cached: the few changed files are validated when read
        # None of the sample cached (a first build, a new version): all taken as new, without reading every
        # file and asking the cache first (0.1–0.2 s of a county's); one found cached is only validated again.
        fresh = files if missing == len(sample) else [item for item in files if not self._has_records(*item)]
        if len(fresh) < PARSE_AHEAD_FROM:
            return
        mine, theirs = _shares(fresh, head_start=meanwhile.seconds() if meanwhile is not None else 0.0)
        # The second process writes a byte down ``told`` once its share is in the cache, and closes it when
        # it ends: this one waits for the byte, the writer of this one's share for the end.
        listen, told = os.pipe()
        try:
            try:
                validate = functools.partial(self._validate, theirs, keep=False)
                self.ahead = Aside(
                    functools.partial(_validated_then, validate, told, meanwhile or _nothing), fork=True
                )
            finally:
                os.close(told)
            try:
                kept = self._validate(mine, keep=True)
            finally:  # (no byte: it failed and printed why; what it did not keep is validated when read)
                os.read(listen, 1)
            # This part is written by a third process once the second has ended (until then the other core is
            # the second's), while this one goes on reading and cross-checking.
            store = functools.partial(self._store_records, kept)
            self.writers.append(Aside(functools.partial(_after_end, listen, store), fork=True))
        finally:
            os.close(listen)

    def ahead_result(self) -> Any:
        """What the second process's other work (``meanwhile``) returned, once it has ended; None where no
        second process was started or it failed (it printed why)."""
        ahead, self.ahead = self.ahead, None
        if ahead is not None:
            with contextlib.suppress(AsideFailed):
                return ahead.result()
        return None

    def close(self, *, wait: bool = True) -> None:
        """Store what was put to be stored later, and wait for the values being written by second
        processes (:meth:`validate_ahead`); without ``wait``, leave them to be written meanwhile: waited
        for by the next cache this process opens, or when it exits.

        Why not wait: the third process writes this process's share of a cold county (1,400 files) for a
        second or more, while this one could go on rating and building the boards on the other core."""
        if self.ahead is not None:  # (its result not asked for: it is waited for like a writer)
            self.writers.insert(0, self.ahead)
            self.ahead = None
        later, self.later = self.later, None
        if later and len(later) >= WRITE_ASIDE_FROM:
            self.writers.append(Aside(functools.partial(_run_all, later), fork=True))
        else:
            _run_all(later or ())
        for writer in self.writers:
            if wait:
                with contextlib.suppress(AsideFailed):  # what it did not write is validated next time
                    writer.result()
            else:
                _WRITING.append((os.getpid(), writer))
        self.writers = []

    def _has_records(self, path: Path, model: type[BaseModel]) -> bool:
        return self.validated.has(_model_key(model) + _bytes(path))

    def _validate(
        self, files: Sequence[tuple[Path, type[BaseModel]]], *, keep: bool
    ) -> list[tuple[bytes, type[BaseModel], list[Any]]]:
        """Validate ``files``; ``keep``: hold their records in memory, to be written by the caller, else
        write them into the cache once all are validated (kept pickled meanwhile: a sixth of their memory)."""
        kept, entries = [], []
        given: dict[frozenset[str], set[str]] = {}
        for path, model in files:
            problems = Problems()
            source = read_source(path, problems)
            doc = None if source is None else parse_yaml(source[1], path, problems)  # its records are kept
            if source is None or doc is None or problems or not isinstance(doc.data, list | None):
                continue
            try:
                records = [model.model_validate(item) for item in doc.data or ()]
            except pydantic.ValidationError:
                continue
            if keep:
                if model.model_config.get("frozen"):
                    _share_fields_given(records, given)
                self.kept[_model_key(model) + source[0]] = records
                kept.append((source[0], model, records))
            else:
                entries.append(_entry(source[0], model, records))
        self.validated.put_all(entries)
        return kept


def _share_fields_given(
    records: list[Any],
    given: dict[frozenset[str], set[str]],
    _set: Callable[[object, str, object], None] = object.__setattr__,
) -> None:
    """Give records of a frozen model that were given the same fields one set of their names, ``given``'s, as
    records read back from the cache have (:func:`_model`).

    Why: pydantic makes a set for each record it validates (728 bytes for seven names), and this process
    holds its own share of a county's records to the end of the build: its sets raised the build's peak by
    more than the records read back from the cache hold. Sharing costs about 1 µs a record, 4 % of
    validating it."""
    for record in records:
        names = record.__pydantic_fields_set__
        shared = given.setdefault(frozenset(names), names)
        if shared is not names:
            _set(record, "__pydantic_fields_set__", shared)


_WRITING: list[tuple[int, Aside]] = []
"""Writers of validated records not waited for (:meth:`ParseCache.close`), each with the process that
started it (a forked process has copies of these, which are not its children)."""


def finish_writing() -> None:
    """Wait for the records this process's caches left being written (once all are written, the cache
    gives every one of them)."""
    while _WRITING:
        owner, writer = _WRITING.pop()
        if owner == os.getpid():
            with contextlib.suppress(AsideFailed):  # what it did not write is validated next time
                writer.result()


atexit.register(finish_writing)


class Meanwhile(Protocol[T_co]):
    """Other work for the second process of :meth:`ParseCache.validate_ahead`."""

    def seconds(self) -> float:
        """About how long it takes."""

    def __call__(self) -> T_co:
        """Do it (in the second process): its result goes back to the first."""


def _validated_then(validate: Callable[[], Any], told: int, then: Callable[[], T]) -> T:
    """In the second process of :meth:`ParseCache.validate_ahead`: ``validate()``, a byte down ``told``
    (its share is in the cache), then the other work, whose result it returns."""
    validate()
    os.write(told, b".")
    return then()


def _after_end(listen: int, work: Callable[[], T]) -> T:
    """``work()`` once every process that may write down the pipe ``listen`` has closed it (has ended)."""
    while os.read(listen, 1):
        pass
    return work()


def _nothing() -> None:
    return None


def _shares(
    files: Sequence[tuple[Path, type[BaseModel]]], head_start: float = 0.0
) -> tuple[list[tuple[Path, type[BaseModel]]], list[tuple[Path, type[BaseModel]]]]:
    """``files`` in two shares of about equal time: this process's (its records are written by another),
    then its reading every file's records back, against the second process's, which also writes its own
    and then has ``head_start`` seconds of other work."""
    shares: tuple[list[tuple[Path, type[BaseModel]]], list[tuple[Path, type[BaseModel]]]] = ([], [])
    sized = sorted(((_size(item[0]), index) for index, item in enumerate(files)), key=lambda s: -s[0])
    work = [sum(size for size, _ in sized) * _READ_BACK_PER_BYTE, head_start]
    for size, index in sized:  # the largest first: even shares (each file looked at once)
        share = 0 if work[0] <= work[1] else 1
        shares[share].append(files[index])
        work[share] += (size * _SECONDS_PER_BYTE + _SECONDS_PER_FILE) * (1.0 if share == 0 else _SECOND)
    return shares


_SECONDS_PER_BYTE = 0.045e-6
_SECONDS_PER_FILE = 0.18e-3
"""What validating a file takes this process: a county's kinds of file measured (``_validate``, one core),
a member file of 5 kB 0.41 ms, a ledger of 16 kB 0.84 ms, a year's 40,000 commitments in 7.9 MB 0.35 s;
by its bytes alone a member file was a third dearer than a byte of commitments, and the shares came out
uneven (this process 1.3 s, the second 0.9 s and its photos 0.5 s)."""

_SECOND = 1.35
"""What validating a file takes the second process, as a multiple of this one's: it also pickles and writes
its records (measured: 1.24 times for member files, 1.43 for commitments, 1.48 for ledgers)."""

_READ_BACK_PER_BYTE = 0.0092e-6
"""What reading a file's records back takes this process after validating ahead (``read_files``): a cold
county's 33 MB in 0.30 s."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


PARSE_AHEAD_FROM = 100
"""Files to validate ahead before a second process pays (forking and reading back cost a few milliseconds)."""

WRITE_ASIDE_FROM = 16
"""Values put to be stored later (:meth:`ParseCache.validate_ahead`) from which a second process stores
them; fewer (a rebuild after an edit: the edited file's two) are stored by this process when it closes
the cache, without a fork."""


def _run_all(work: Sequence[Callable[[], None]]) -> None:
    for step in work:
        step()


def _bytes(path: Path) -> bytes:
    try:
        return whole_file(path)
    except OSError:
        return b""


_MISSING = object()
_UNREAD = object()


class _RecordPickler(pickle.Pickler):
    """Pickles validated records so that they load faster: a model as its class, its fields and its set of
    fields given (one set for the records of a file that give the same fields), rebuilt by :func:`_model`;
    a number by its text, rebuilt by :func:`_decimal`.

    Why: pydantic's own way (``__getstate__``/``__setstate__``, a dictionary of four entries and a call
    of Python per model) was half of reading a county's 180,000 cached records."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.field_sets: dict[tuple[type, frozenset[str]], set[str]] = {}

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Decimal:
            return _decimal, (str(obj),)
        if (
            not isinstance(obj, BaseModel)
            or obj.__pydantic_extra__ is not None
            or obj.__pydantic_private__ is not None
        ):
            return NotImplemented  # (a model with extra or private values: pickled as pydantic does)
        given = obj.__pydantic_fields_set__
        if type(obj).model_config.get("frozen"):  # (a model that may change would change the others' too)
            given = self.field_sets.setdefault((type(obj), frozenset(given)), given)
        return _model, (type(obj), obj.__dict__, given)


def _entry(raw: bytes, model: type[BaseModel], records: list[Any]) -> tuple[bytes, bytes]:
    """The key and value under which the records ``model`` validated from a file of bytes ``raw`` are kept."""
    return _model_key(model) + raw, _pickle_records(records)


def _pickle_records(records: list[Any]) -> bytes:
    buffer = io.BytesIO()
    _RecordPickler(buffer).dump(records)
    return buffer.getvalue()


@functools.cache
def _decimal(text: str) -> Decimal:
    """A number as the cache reads it back: one object per text, shared by every record that has it (a
    county's 113,000 numbers are 533 texts: 11 MB less). A number never changes; ``82`` and ``82.0`` stay
    apart, as their texts do."""
    return Decimal(text)


def _model(
    cls: type[M],
    fields: dict[str, Any],
    given: set[str],
    _new: Callable[[type[M]], M] = object.__new__,
    _set: Callable[[object, str, object], None] = object.__setattr__,
) -> M:
    """A model as :class:`_RecordPickler` pickled it: what pydantic's ``__setstate__`` makes of its state.

    Its set of fields given may be shared with other records of a frozen model: pydantic changes the set
    only when a field is set, which a frozen model refuses (``model_copy`` changes a copy of it). ``_new``
    and ``_set`` are never passed: as defaults they are local names, read faster than the module's (a county's
    184,000 records were rebuilt in 0.10 s instead of 0.15 s, ``timeit``)."""
    record = _new(cls)
    _set(record, "__dict__", fields)
    _set(record, "__pydantic_fields_set__", given)
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


def _model_key(model: type[BaseModel]) -> bytes:
    return f"{model.__module__}.{model.__qualname__}".encode() + b"\0"


@functools.cache
def _records_salt() -> bytes:
    """Names the code that validates: every module of the package (the models, their validators, the board
    kinds' own models, this parser), pydantic's and Python's versions. Any change misses."""
    return hashlib.sha256(
        source_fingerprint(Path(__file__).resolve().parents[1])
        + pydantic.VERSION.encode()
        + pydantic_core.__version__.encode()
        + sys.version.encode()
    ).digest()


_CACHE_SALT = hashlib.sha256(
    Path(__file__).read_bytes() + yaml.__version__.encode() + sys.version.encode()
).digest()


def read_yaml(path: Path, problems: Problems, cache: ParseCache | None = None) -> Document | None:
    """Read and parse ``path``; on any problem record it and return None."""
    source = read_source(path, problems)
    if source is None:
        return None
    return document(path, *source, problems, cache)


def read_source(path: Path, problems: Problems) -> tuple[bytes, str] | None:
    """The bytes of ``path`` and its text; on any problem (too big, unreadable, not UTF-8) record it, None."""
    raw = file_bytes(path, problems)
    if raw is None:
        return None
    text = file_text(path, raw, problems)
    if text is None:
        return None
    return raw, text


def document(
    path: Path, raw: bytes, text: str, problems: Problems, cache: ParseCache | None
) -> Document | None:
    """The parsed file of bytes ``raw`` and text ``text`` (from the cache when it has it)."""
    if cache is not None:
        data = cache.get(raw)
        if data is not _MISSING:
            return Document(path, data, text)
    parsed = parse_yaml(text, path, problems)
    if parsed is not None and cache is not None:
        cache.put(raw, parsed.data)
    return parsed


def parse_yaml(text: str, path: Path, problems: Problems, offset: int = 0) -> Document | None:
    """Parse YAML ``text`` that stands in ``path`` after ``offset`` other lines."""
    data = fast_values(text)
    if data is not FALLBACK:
        return Document(path, data, text, offset)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_problem(text, exc)
        problems.add(path, line + offset, f"YAML 格式错误：{message}")
        return None
    except yaml.reader.ReaderError:
        line, message = _control_character(text)
        problems.add(path, line + offset, f"YAML 格式错误：{message}")
        return None
    except yaml.YAMLError as exc:
        problems.add(path, 0, f"YAML 格式错误：{exc}")
        return None
    if root is None:
        return Document(path, None, text, offset)
    before = len(problems)
    data = _Walker(path, problems, offset).value(root, 0)
    if len(problems) > before:
        return None
    return Document(path, data, text, offset)


def file_bytes(path: Path, problems: Problems) -> bytes | None:
    """The bytes of ``path``; on a problem (too big, unreadable) record it, None."""
    try:
        return whole_file(path, limit=MAX_BYTES)
    except TooLarge as large:
        problems.add(
            path,
            0,
            f"文件太大（{large.size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），"
            "请按党支部或年份拆分成多个文件",
        )
        return None
    except OSError as exc:
        problems.add(path, 0, f"无法读取文件：{exc.strerror}")
        return None


def file_text(path: Path, raw: bytes, problems: Problems) -> str | None:
    """The text of the bytes ``raw`` of ``path``; on a problem (not UTF-8, a NUL) record it, None."""
    raw = raw.removeprefix(_BOM)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problems.add(path, 1, "文件是 UTF-16 编码；请用记事本“另存为”，编码选“UTF-8”后保存")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, _explain_encoding(raw))
        return None
    if "\x00" in text:
        problems.add(path, text[: text.index("\x00")].count("\n") + 1, "文件里有空字符（\\0），不是文本文件")
        return None
    return text


def _utf8(raw: bytes) -> str:
    return raw.removeprefix(_BOM).decode("utf-8")


def _explain_encoding(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "文件不是 UTF-8 编码，无法读取；请用记事本“另存为”，编码选“UTF-8”后保存"
    return (
        "文件不是 UTF-8 编码（看起来是 GBK，中文 Windows 的记事本、Excel、WPS 默认如此）；"
        "请用记事本“另存为”，编码选“UTF-8”后保存"
    )


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "这里不能出现冒号“:”；如果值里本来就有冒号，请给整个值加引号"),
    ("could not find expected ':'", "缺少冒号“:”，或者上一行的引号没有配对"),
    ("did not find expected key", "缩进没有对齐，或者上一项没有写完"),
    ("did not find expected '-'", "列表项的缩进没有对齐（每项以“- ”开头）"),
    ("found unexpected end of stream", "文件在引号或括号还没结束时就结束了"),
    ("expected <block end>, but found", "缩进没有对齐，或者上一行的引号没有配对"),
    ("cannot start any token", "值的开头不能是这个字符（如 @ 或 `）；请给整个值加引号"),
    ("expected ',' or ']'", "方括号里的各项之间要用逗号“,”隔开"),
    ("expected ',' or '}'", "花括号里的各项之间要用逗号“,”隔开"),
    ("found undefined alias", "用了未定义的别名（*）"),
    ("exceeded maximum nesting depth", "嵌套层次太深"),
    ("expected a single document", "文件里有多个文档（---）；每个文件只能有一个"),
    ("found unknown escape character", "双引号里的反斜杠“\\”后面的字符无效；路径请用单引号"),
)


_BRACKETS = (  # (PyYAML's context, its problem, the hint): a bracket opened on the context's line, never closed
    ("flow sequence", "expected ',' or ']'", "这一行的方括号“[”没有配对的“]”"),
    ("flow mapping", "expected ',' or '}'", "这一行的花括号“{”没有配对的“}”"),
)


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line (from 1) a clerk should correct, and what to correct there.

    PyYAML marks where it noticed the problem, often far below the mistake: a quote left open swallows
    every line up to the next quote (or to the end of the file), a bracket never closed is noticed at the
    next key. The line where it was opened is the one to correct."""
    context, problem = exc.context or "", exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    found = text[mark.index :] if mark else ""  # what PyYAML could not read
    opened = exc.context_mark
    if opened is not None and "quoted scalar" in context and "end of stream" in problem:
        return opened.line + 1, "这一行的引号没有配对（直到文件末尾也没有另一半引号）；请补上引号"
    next_key_or_end = found.startswith(":") or not found.strip()
    for where, what, hint in _BRACKETS:  # (a bad item in a list that is closed: where PyYAML found it)
        if opened is not None and where in context and what in problem and next_key_or_end:
            return opened.line + 1, hint
    # A Tab, as PyYAML says it (``found character '\t'``, ``found a tab character``) or not (the C reader's
    # ``found character that cannot start any token``), is the mistake itself, wherever a quote began.
    if found.startswith("\t") or "tab character" in problem or "'\\t'" in problem:
        return line, "这里用了 Tab 键缩进；YAML 只能用空格缩进"
    if mark is not None and (quoted := _quoted_over_lines(text, mark)) is not None:
        start, end = quoted
        return (
            start + 1,
            f"这一行的引号到第 {end + 1} 行才配对，中间各行都成了这一个值；多半是这一行少了一个引号",
        )
    if opened is not None and "simple key" in context and "expected ':'" in problem:
        # A key without its colon is noticed on the next line; the key's own line is the one to correct.
        written = text.splitlines()[opened.line] if opened.line < len(text.splitlines()) else ""
        if "：" in written:
            return opened.line + 1, _FULL_WIDTH_COLON
        return opened.line + 1, "这一行缺少冒号“:”（键和值之间要写英文冒号和一个空格，例如 name: 张三）"
    if "mapping values are not allowed" in problem and mark is not None:
        # ``- id：m001`` reads as a text (the colon is a Chinese one), so the next line's key cannot follow it.
        before = _line_before(text, mark.line)
        if before is not None and _FULL_WIDTH_KEY.match(before[1]):
            return before[0] + 1, _FULL_WIDTH_COLON
    for needle, hint in _SYNTAX_HINTS:
        if needle in f"{context} {problem}":
            return line, hint
    return line, f"写法有误（{(problem or context).strip()}）"


_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""A character YAML does not allow in a file (it allows Tab, line ends and every printable character)."""


def _control_character(text: str) -> tuple[int, str]:
    """The line (from 1) of the first character YAML does not allow (:class:`yaml.reader.ReaderError`), and
    what it is.

    Why found again: PyYAML says it in English, at a position the C reader counts in bytes; such a
    character is invisible in Notepad (an old program's Ctrl+Z at the end of a file, a control character
    pasted from a web page or a spreadsheet)."""
    found = _NOT_PRINTABLE.search(text)
    if found is None:  # (not expected: PyYAML found one)
        return 0, "文件里有 YAML 不允许的字符；请检查是否有看不见的特殊字符"
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    if found.group() == "\x1a":
        what, origin = " Ctrl+Z 字符", "（有的旧软件存盘时把它加在文件末尾）"
    else:
        what, origin = (
            f"看不见的控制字符（U+{ord(found.group()):04X}）",
            "（多半是从网页或表格复制时带进来的）",
        )
    return line, f"这一行第 {column} 个字符是{what}，YAML 文件里不能有；请删掉它{origin}"


_FULL_WIDTH_COLON = "键后面用了中文冒号“：”；请改为英文冒号“:”，后面加一个空格，例如 name: 张三"
_FULL_WIDTH_KEY = re.compile(r"\s*(?:-\s+)?[^\s:：#'\"][^:：#]*：")
"""A line whose key ends in a Chinese colon (``- id：m001``, ``organisation：青山镇党委``)."""


def _line_before(text: str, line: int) -> tuple[int, str] | None:
    """The last line (from 0) before ``line`` that is not blank or a comment, with its text."""
    lines = text.splitlines()
    for index in range(min(line, len(lines)) - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return index, lines[index]
    return None


def _quoted_over_lines(text: str, mark: yaml.Mark) -> tuple[int, int] | None:
    """The first and last line (from 0) of the value just before ``mark`` when it is a quoted one over
    several lines that ends on ``mark``'s line: a quote left open that the next quote of the file closed,
    the rest of that line being what PyYAML could not read."""
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass  # (the scanner stops at the same mistake: what it read before it is what counts)
    if last is None or last.style not in ("'", '"') or last.end_mark.line == last.start_mark.line:
        return None
    if last.end_mark.line != mark.line:  # a value over lines on purpose, and another mistake after it
        return None
    return last.start_mark.line, last.end_mark.line


class _Walker:
    """Turns composed nodes into plain values, recording problems by line."""

    def __init__(self, path: Path, problems: Problems, offset: int) -> None:
        self.path = path
        self.problems = problems
        self.offset = offset
        self.seen: set[int] = set()

    def fail(self, node: Node, message: str) -> None:
        self.problems.add(self.path, node.start_mark.line + 1 + self.offset, message)

    def value(self, node: Node, depth: int) -> Any:
        if id(node) in self.seen:
            self.fail(
                node,
                "这里的内容在别处用别名（*）引用了；不支持 YAML 的锚点和别名（& 和 *），请把内容直接写出来",
            )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, f"嵌套层次太深（超过 {MAX_DEPTH} 层）")
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [self.value(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            return self.mapping(node, depth)
        self.fail(node, "无法识别的 YAML 内容")  # pragma: no cover - the composer makes only these
        return None

    def mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.fail(key_node, "不支持 YAML 的合并键（<<）；请把内容直接写出来")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, "键必须是简单的文字或数字")
                continue
            key = self.scalar(key_node)
            if isinstance(key, Decimal | bool) or key is None:
                key = key_node.value
            line = key_node.start_mark.line + 1 + self.offset
            if key in result:
                self.fail(
                    key_node,
                    f"键“{key_node.value}”重复出现（第一次在第 {first_line[key]} 行）；"
                    "YAML 只会保留最后一个，前面的内容会丢失，请合并或删除重复的键",
                )
                continue
            first_line[key] = line
            result[key] = self.value(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if not tag.startswith(_TAG):
            self.fail(node, f"不支持 YAML 标签 {tag}")
            return None
        kind = tag.removeprefix(_TAG)
        text = node.value
        if kind == "str":
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return _constructor.construct_yaml_bool(node)
        if kind == "int":
            try:
                number = _constructor.construct_yaml_int(node)
                written = str(number)  # (past 4,300 digits Python refuses: a hexadecimal number that long)
            except ValueError:
                self.fail(node, f"“{text if len(text) <= 20 else text[:20] + '…'}”不是有效的整数")
                return None
            return number if written == text else AlteredInt(number, text)
        if kind == "float":
            return self.decimal(node)
        if kind == "timestamp":
            try:
                value = _constructor.construct_yaml_timestamp(node)
            except ValueError:
                self.fail(node, f"日期“{text}”不存在，请检查年、月、日（例如 2024-02-30 是无效日期）")
                return None
            return value
        self.fail(node, f"不支持 YAML 类型 !!{kind}")
        return None

    def decimal(self, node: ScalarNode) -> Decimal | None:
        """Numbers are kept exactly as written: 89.95 stays 89.95, not 89.9500000000000028."""
        text = node.value.replace("_", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(node, f"“{node.value}”不是有效的数字")
            return None
        return number

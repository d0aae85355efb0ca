"""Reading and checking the registries under ``data/``: YAML with line numbers, models, messages, cross-checks."""

from noticeboard.registries.errors import Problem, RegistryError, UserError
from noticeboard.registries.loading import load_registry
from noticeboard.registries.reading import Registry

__all__ = ["Problem", "Registry", "RegistryError", "UserError", "load_registry"]

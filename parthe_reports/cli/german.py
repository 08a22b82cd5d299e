"""The German frame of every ``--help`` and usage error, without forking Typer.

Typer prints its frame from module-level strings in ``typer.rich_utils`` (set here once,
before any help is printed) and from click's ``Context``/``HelpFormatter`` and help option
(overridden by the command classes below, which every command of the app uses). Metavars:
one style, ``ORDNER``, ``DATEI``, ``JJJJ-MM-TT``, ``N``; a boolean flag shows none.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import rich_utils
from typer._click import Context, HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

FOLDER, FILE, DATE, NUMBER = "ORDNER", "DATEI", "JJJJ-MM-TT", "N"
HELP_TEXT = "Diese Hilfe zeigen und beenden."

rich_utils.ARGUMENTS_PANEL_TITLE = "Argumente"
rich_utils.OPTIONS_PANEL_TITLE = "Optionen"
rich_utils.COMMANDS_PANEL_TITLE = "Befehle"
rich_utils.ERRORS_PANEL_TITLE = "Fehler"
rich_utils.ABORTED_TEXT = "Abgebrochen."
rich_utils.DEFAULT_STRING = "[Standard: {}]"
rich_utils.REQUIRED_LONG_STRING = "[Pflichtangabe]"
rich_utils.DEPRECATED_STRING = "(veraltet) "
rich_utils.ENVVAR_STRING = "[Umgebungsvariable: {}]"
rich_utils.RICH_HELP = "Hilfe: [blue]{command_path} {help_option}[/]"


class _Formatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Aufruf: " if prefix is None else prefix)


class _Context(Context):
    formatter_class = _Formatter


def _help_option(option: TyperOption | None) -> TyperOption | None:
    if option is not None:
        option.help = HELP_TEXT
        option.metavar = ""
    return option


def _german_params(params: list[Any]) -> None:
    """A boolean flag is a switch: no type shown after it; an argument is named by its
    metavar (``ORDNER``), so its Python type (``<path>``) is not shown beside it."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_bool_flag and param.metavar is None:
            param.metavar = ""
        if isinstance(param, TyperArgument) and param.metavar:
            setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010 (one instance)


class GermanCommand(TyperCommand):
    """A command whose help frame, usage line and help option speak German."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONEN]"
        super().__init__(*args, **kwargs)
        _german_params(self.params)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _help_option(super().get_help_option(ctx))


class GermanGroup(TyperGroup):
    """A command group (``parthe-reports``, ``report``) with the same German frame."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONEN]"
        kwargs["subcommand_metavar"] = "BEFEHL [ARGUMENTE]..."
        super().__init__(*args, **kwargs)
        _german_params(self.params)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _help_option(super().get_help_option(ctx))


class GermanTyper(typer.Typer):
    """``typer.Typer`` whose group and commands use the German classes above."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=GermanGroup, add_completion=False, rich_markup_mode="rich", **kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", GermanCommand)
        return super().command(name, **kwargs)

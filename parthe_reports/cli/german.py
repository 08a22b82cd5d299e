"""The German frame of every ``--help`` and usage error, without forking Typer.

Typer prints its frame from module-level strings in ``typer.rich_utils`` (set here once,
before any help is printed) and from click's ``Context``/``HelpFormatter`` and help option
(overridden by the command classes below, which every command of the app uses). Metavars:
one style, ``ORDNER``, ``DATEI``, ``JJJJ-MM-TT``, ``N``; a boolean flag shows none.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

import typer
from typer import rich_utils
from typer._click import Context, HelpFormatter
from typer._click.core import Command
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
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


def _name(error: BadParameter) -> str:
    param = error.param
    if param is not None:
        return param.opts[0] if isinstance(param, TyperOption) else (param.metavar or param.name)
    return str(error.param_hint or "")


def german_error(error: UsageError, ctx: Context) -> UsageError:
    """Click's English message of a mistyped call, said in German (same frame, exit 2)."""
    if isinstance(error, NoArgsIsHelpError):
        return error
    if isinstance(error, NoSuchOption):
        maybe = (
            f" Gemeint ist wohl: {', '.join(error.possibilities)}." if error.possibilities else ""
        )
        return UsageError(f"Die Option {error.option_name} gibt es hier nicht.{maybe}", ctx)
    if isinstance(error, MissingParameter):
        return UsageError(f"Es fehlt die Angabe {_name(error)}.", ctx)
    if isinstance(error, BadParameter):
        param = error.param
        expected = f" (erwartet: {param.metavar})" if param is not None and param.metavar else ""
        return UsageError(f"Der Wert für {_name(error)} passt nicht{expected}.", ctx)
    if isinstance(error, BadOptionUsage):
        return UsageError(f"Die Option {error.option_name} braucht einen Wert.", ctx)
    if error.message.startswith("Got unexpected extra argument"):
        extra = error.message.rpartition("(")[2].rstrip(")")
        return UsageError(f"Diese Angaben versteht der Befehl nicht: {extra}.", ctx)
    return error


class _GermanFrame(Command):
    """German help option and German usage errors, for commands and groups alike."""

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        return _help_option(super().get_help_option(ctx))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise german_error(error, ctx) from None


class GermanCommand(_GermanFrame, TyperCommand):
    """A command whose help frame, usage line and help option speak German."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONEN]"
        super().__init__(*args, **kwargs)
        _german_params(self.params)


class GermanGroup(_GermanFrame, TyperGroup):
    """A command group (``parthe-reports``, ``report``) with the same German frame."""

    context_class = _Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = "[OPTIONEN]"
        kwargs["subcommand_metavar"] = "BEFEHL [ARGUMENTE]..."
        super().__init__(*args, **kwargs)
        _german_params(self.params)

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            near = get_close_matches(args[0], list(self.commands))
            maybe = f" Gemeint ist wohl: {', '.join(near)}." if near else ""
            raise UsageError(f"Den Befehl „{args[0]}“ gibt es nicht.{maybe}", ctx)
        return super().resolve_command(ctx, args)


class GermanTyper(typer.Typer):
    """``typer.Typer`` whose group and commands use the German classes above."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=GermanGroup, add_completion=False, rich_markup_mode="rich", **kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", GermanCommand)
        return super().command(name, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Signals and expected failures: one German sentence, exit 2 (cli/guard.py).
        from parthe_reports.cli.guard import guarded, leave

        try:
            return guarded(lambda: super(GermanTyper, self).__call__(*args, **kwargs))
        except SystemExit as done:  # the program's end (tests call commands, not the app)
            if done.code is None or isinstance(done.code, int):
                leave(done.code or 0)
            raise

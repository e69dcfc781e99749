"""The command line: the only place that reads argv, prints and exits.

Heavy modules are imported inside the commands so that `--version` and
`--help` stay fast.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from claimcheck import __version__
from claimcheck.errors import Exit, UserError, printable


class _Group(TyperGroup):
    """Turns the user's mistakes (UserError) into a message and an exit status."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except UserError as exc:
            _err(f"claimcheck: error: {exc}")
            raise typer.Exit(exc.status) from None


app = typer.Typer(
    name="claimcheck",
    cls=_Group,
    help="Find, explain and report how sources drift when they tell the same story.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

PathsArg = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.10
    typer.Argument(help="Claim files or folders of them.", show_default="./claims"),
]
MaxFileSize = Annotated[int, typer.Option(help="Largest claim file accepted, in MB.", min=1)]
MaxDepth = Annotated[int, typer.Option(help="Deepest YAML nesting accepted.", min=4)]
MaxNodes = Annotated[int, typer.Option(help="Most YAML nodes accepted in one file.", min=100)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit(Exit.OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Find, explain and report how sources drift when they tell the same story."""


def _err(text: str) -> None:
    typer.echo(printable(text), err=True)


def _load(paths: list[str] | None, max_file_size: int, max_depth: int, max_nodes: int):
    """Load and quote-check a claim set; returns it with every problem found."""
    from claimcheck.load import PathError, load_paths
    from claimcheck.quotes import attach_quotes
    from claimcheck.yamlsafe import Limits

    limits = Limits(max_bytes=max_file_size * 1024 * 1024, max_depth=max_depth, max_nodes=max_nodes)
    try:
        claim_set = load_paths(paths or ["claims"], limits)
    except PathError as exc:
        raise UserError(f"{exc}; give claim files or folders (default: ./claims)") from None
    return attach_quotes(claim_set)


@app.command()
def validate(
    paths: PathsArg = None,
    max_file_size: MaxFileSize = 16,
    max_depth: MaxDepth = 32,
    max_nodes: MaxNodes = 2_000_000,
) -> None:
    """Load claim files, check them against format v1 and their quotes against the source texts."""
    claim_set = _load(paths, max_file_size, max_depth, max_nodes)
    for problem in claim_set.problems:
        typer.echo(str(problem))
    errors = sum(p.severity == "error" for p in claim_set.problems)
    warnings = len(claim_set.problems) - errors
    n_claims = sum(len(f.claims) for f in claim_set.files)
    n_files = len({p.pos.file for p in claim_set.problems} | {f.path for f in claim_set.files})
    _err(
        f"{_n(n_files, 'file')}, {_n(n_claims, 'claim')}: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}"
    )
    raise typer.Exit(Exit.INPUT if errors else Exit.FINDINGS if warnings else Exit.OK)


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


@app.command()
def checks() -> None:
    """List every check with its code, default severity and description."""
    from claimcheck.checks import REGISTRY

    width = max(len(code) for code in REGISTRY)
    for check in REGISTRY.values():
        typer.echo(f"{check.code:<{width}}  {check.severity:<7}  {check.doc}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="claimcheck")

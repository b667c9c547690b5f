"""The error content problems raise, so start-up can name the file and line; and the warnings it can serve with."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class ContentError(Exception):
    """A content file cannot be used.

    `marker` is a piece of the source that shows where the problem is; the loader turns it into a line
    number, since python-markdown's block parser does not keep line numbers.
    """

    def __init__(self, message: str, marker: str | None = None, *, path: str | None = None,
                 line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.marker = marker
        self.path = path
        self.line = line

    def located(self, path: str, source: str | None = None, line: int | None = None) -> ContentError:
        """A copy that names the file and, when it can be found, the line."""
        if line is None and source is not None and self.marker:
            for number, text in enumerate(source.splitlines(), start=1):
                if self.marker in text:
                    line = number
                    break
        return ContentError(self.message, self.marker, path=path, line=line)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


# Where `warn` puts what it reports, while `collecting_warnings` is active (else it logs it).
_warnings: ContextVar[list[ContentError] | None] = ContextVar("content_warnings", default=None)
log = logging.getLogger("campaign.content")


def warn(problem: ContentError) -> None:
    """Report a problem the site can serve with: a translation left out (another language's text is shown
    meanwhile), a file the campaign does not use. Start-up logs it; `content check` collects, lists and fails."""
    collected = _warnings.get()
    if collected is None:
        log.warning("%s", problem)
    else:
        collected.append(problem)


@contextmanager
def collecting_warnings() -> Iterator[list[ContentError]]:
    """Collect what `warn` records inside the block, in order, instead of logging it."""
    collected: list[ContentError] = []
    token = _warnings.set(collected)
    try:
        yield collected
    finally:
        _warnings.reset(token)

"""The error content problems raise, so start-up can name the file and line."""

from __future__ import annotations


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
        where = self.path or "content"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"

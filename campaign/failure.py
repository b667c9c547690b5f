"""How a log names a failure: the exception's type and the place it was raised, never its message.

An exception's message and arguments may hold what a visitor typed (a KeyError quotes its key, a decoding error
its bytes, a parser the line it could not read); its type and the line that raised it say what went wrong. The
app's error handler (errors.py) and gunicorn's private log (gunicorn.conf.py) both name failures this way.
This module imports nothing: gunicorn.conf.py loads it by its path, without the package (see there).
"""

from __future__ import annotations


def named(error: BaseException) -> str:
    """`KeyError at /srv/campaign/campaign/wizard/views.py:12`: the type, and the last line of the traceback."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    place = f"{trace.tb_frame.f_code.co_filename}:{trace.tb_lineno}" if trace is not None else "?"
    return f"{type(error).__name__} at {place}"

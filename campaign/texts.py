"""Interface texts declared away from a request: marked as msgids here, translated where they are shown."""


def N_(message: str) -> str:  # gettext's conventional name
    """Mark a msgid for extraction (`pybabel extract -k N_`); it is translated where it is shown."""
    return message

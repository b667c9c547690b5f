"""Dates an appeal's answer depends on: which days are working days in Kazakhstan, and the card of due dates
counted from them. Pure dates: nothing here knows HTTP, content files or the wizard."""

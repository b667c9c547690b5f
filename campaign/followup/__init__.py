"""After the letter: the case card, its dates as an .ics file, and the answers file a visitor keeps (HTTP)."""

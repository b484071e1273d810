# SPDX-License-Identifier: GPL-2.0-only
"""Reading what a guest left behind: files that may be missing, excerpts
of a log around a match."""


def read(path, default=""):
    """A file's text, or default when it cannot be read (a guest that died
    early writes nothing)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def text_excerpt(text, pattern, lines=60):
    """The lines of text from a little before the first match of pattern."""
    text = text.splitlines()
    for i, line in enumerate(text):
        if pattern.search(line):
            return "\n".join(text[max(0, i - 3):i + lines])
    return ""


def console_excerpt(console, pattern=None, lines=40):
    """The console log from a little before the first match of pattern, or
    its last lines."""
    text = read(console).splitlines()
    if pattern:
        for i, line in enumerate(text):
            if pattern.search(line):
                return "\n".join(text[max(0, i - 5):i + lines])
    return "\n".join(text[-lines:])

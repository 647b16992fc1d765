"""``python -m exitcodes``: the command line."""

from exitcodes.cli import run

run()

"""python main.py -> the desktop app (same as running ``opsdesk`` with no arguments)."""

import sys

from opsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

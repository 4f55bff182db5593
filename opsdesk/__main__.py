import sys

from opsdesk.cli import main

sys.exit(main())

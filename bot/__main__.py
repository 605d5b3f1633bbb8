"""`python -m bot` is the same as `skillbot`."""

import sys

from bot.cli import main

sys.exit(main())

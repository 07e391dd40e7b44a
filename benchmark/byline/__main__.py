"""`python -m byline` is the `byline` command."""

import sys

from byline.cli import main

sys.exit(main())

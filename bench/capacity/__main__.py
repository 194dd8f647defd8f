import sys

from bench.capacity.runner import main

sys.exit(main())

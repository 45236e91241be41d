"""``python -m cli``: the ``hoso`` command without its console script."""

from cli import main

main()

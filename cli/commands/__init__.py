"""The subcommands of ``hoso``, grouped by what they work on."""

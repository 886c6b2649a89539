"""The subcommands of `mews-vouchers`, one module each: its options, its help, its job, and its `command`.

A new subcommand is a new module here named after it (`import_` for `import`, a Python keyword), whose click command
is called `command`, added to `mews_vouchers._cli.COMMANDS`; `tests/unit/test_cli_layout.py` holds every module to
that. Modules whose names begin with `_` are pieces that one or two subcommands share (`_catalog`, `_code_pattern`).
"""

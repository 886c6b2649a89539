"""What every subcommand shares.

The console (progress, summaries, errors), the settings and their options, the job wrapper that maps outcomes to
exit codes, batches with their accounting, vouchers by name, leases, the local sandbox.
"""

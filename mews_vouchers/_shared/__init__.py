"""What every subcommand shares: the console (progress, summaries, errors), the settings and their options, the job
wrapper that maps outcomes to exit codes, batches with their accounting, vouchers by name, the local sandbox."""

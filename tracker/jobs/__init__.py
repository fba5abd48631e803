"""Scheduler jobs and the scheduler process itself, started only by its CLI command."""

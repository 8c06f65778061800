"""Copies of one story: the same report as several outlets published it, grouped and compared."""

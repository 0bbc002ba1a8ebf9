"""Benchmarks: `make bench` (python -m bench). Each reports ratios against a reference."""

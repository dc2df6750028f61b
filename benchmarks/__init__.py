"""Benchmarks: a synthetic corpus generator and a runner that measures briefkit against its engines."""

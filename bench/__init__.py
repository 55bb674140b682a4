"""Measurements that are not tests: run with ``make bench``."""

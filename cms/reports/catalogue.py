"""Imports every report module so each one registers itself, in the index's order."""

from . import (  # noqa: F401
    reports_equality,
    reports_experts,
    reports_feedback,
    reports_involvement,
    reports_learning,
    reports_money,
    reports_promises,
    reports_recruitment,
)

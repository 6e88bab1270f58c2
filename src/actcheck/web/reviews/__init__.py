"""Cohorts (admin) and the review workflow (founders submit, advisors review)."""

"""The PDF report of an assessment (issue: PDF report; built in its own module)."""

"""The founder's assessments: list, start, import, export, copy and delete."""

"""The WSGI entry point: `gunicorn wsgi:app` (configure with ACTCHECK_* variables and run
`flask --app actcheck db upgrade` first)."""

from actcheck import create_app

app = create_app()

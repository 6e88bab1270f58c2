"""The package's version, in a module of its own so that every layer can read it without
importing the package root (which builds the web app on demand)."""

__version__ = "0.1.0"

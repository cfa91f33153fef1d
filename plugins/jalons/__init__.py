"""Fiches jalons: the RRECQ's milestone sheets, from validated YAML to a MkDocs site."""

__version__ = "0.1.0"

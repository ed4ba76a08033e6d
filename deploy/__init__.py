"""Deployment helpers (nginx config renderer)."""

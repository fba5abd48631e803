"""Thin blueprints of MLA Tracker: parse input, call one service, commit, redirect."""

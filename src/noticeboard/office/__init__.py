"""The organisation office's tools: spreadsheet import and export, diff, new year, git history."""

"""The published rules: star ratings, weighted scores, ledgers, venue stars; a year's results."""

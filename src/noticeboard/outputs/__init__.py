"""What a build publishes from the boards: page catalogue, posters, screens, share cards, open data."""

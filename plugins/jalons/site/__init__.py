"""What readers get: pages, their parts and metadata, the feed, open data, the map, URLs, PDFs."""

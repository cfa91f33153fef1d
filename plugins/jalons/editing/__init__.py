"""What contributors run: import, suggestions applied, new fiches, safe writes."""

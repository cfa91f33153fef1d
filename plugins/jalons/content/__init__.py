"""What a fiche is: the model, reading and checking the YAML, the corpus, links, history."""

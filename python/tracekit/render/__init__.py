"""Numbers made readable: BCC's histogram text, byte for byte (histograms.py). Pure functions
of the counts: no maps, no kernel."""

"""Async use cases over the domain and the store: the one door the servicers call."""

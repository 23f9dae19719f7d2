"""The parts `python -m bench` runs: each module registers its own with `bench.registry.part`."""

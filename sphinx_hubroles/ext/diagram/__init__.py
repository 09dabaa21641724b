"""`roles-diagram` in the build: the directive and its node (directive.py), rendering every
diagram before writing (jobs.py), and writing each builder's form (visitors.py). What a
diagram shows and its DOT are the core's (core/diagram)."""

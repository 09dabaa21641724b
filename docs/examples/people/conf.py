# An example project: people and the handbook's roles. Every name in it is invented.
project = "Example team"
extensions = ["myst_parser", "sphinx_hubroles"]

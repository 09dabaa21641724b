extensions = ["myst_parser", "sphinx_hubroles"]

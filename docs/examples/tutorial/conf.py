project = "Our team"
extensions = ["myst_parser", "sphinx_hubroles"]

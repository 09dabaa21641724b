extensions = ["myst_parser", "sphinx_design", "sphinx.ext.graphviz", "sphinx_hubroles"]

# An example project: a committee's governance in roles.yaml. Every name in it is invented.
project = "Example committee"
extensions = ["myst_parser", "sphinx_hubroles"]
html_baseurl = "https://example.org/committee/"

"""What the diagram cache's files depend on, for render.py and for the note that the cache
holds every diagram (ext/diagram/whole.py), which must not load the drawing code to read it.
"""

# Bump when the stored form of a rendering changes, so old cache entries are not reused.
CACHE_VERSION = "4"

# How old a cached file must be before its size and times can stand for its content: an
# entry found whole is not read again while its file is unchanged (render.py:
# Renderer.cached), and a cache noted whole is not looked through again while its files are
# unchanged (whole.py), if they were at least this old when looked at. A file system with
# coarse timestamps could hide a change made in the same second; younger ones are looked at
# again next time (git treats its "racily clean" index entries so).
SETTLED_NS = 2_000_000_000

"""How old a cached file must be before its size and times can stand for its content.

An entry of the diagram cache found whole is not read again while its file is unchanged
(render.py: Renderer.cached), and a cache noted whole is not looked through again while its
files are unchanged (ext/diagram/whole.py), if they were at least this old when looked at: a
file system with coarse timestamps could hide a change made in the same second. Younger ones
are looked at again next time (git treats its "racily clean" index entries so).
"""

SETTLED_NS = 2_000_000_000

"""What runs inside student kernels: the visible checks and the answer kinds.

A boundary: nothing here imports the build, the instructor tools or the dev tools
(tests/test_boundaries.py), so a student kernel loads only this and the role-play package.
"""

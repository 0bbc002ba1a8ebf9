"""The build's one step beyond pyproject.toml: the parse stage's busiest modules compiled by
Cython from their own Python source (nothing is written for it: the same files, a page
read in about a seventh fewer instructions, the interpreter's dispatch of each gone).
Each is optional: where no C compiler is at hand the build goes on and the module runs as
Python, as it does in place when its source is newer than its binary
(parsers/compiled.py)."""

import os
import runpy

from Cython.Build import cythonize
from setuptools import Extension, setup

COMPILED = runpy.run_path("parsers/compiled.py")["COMPILED"]

EXTENSIONS = cythonize(
    [Extension(f"parsers.{name}", [f"parsers/{name}.py"],
               # -O1: half of -O2's compile time for nearly all of its speed
               extra_compile_args=["-O1"]) for name in COMPILED],
    # (annotations stay hints, as in Python: a dict may be a defaultdict)
    compiler_directives={"language_level": 3, "annotation_typing": False, "binding": True},
    nthreads=os.cpu_count() or 1, quiet=True)
for extension in EXTENSIONS:  # (set on what cythonize made: it drops the flag it is given)
    extension.optional = True  # no compiler, or a failed compile: the module stays Python

setup(ext_modules=EXTENSIONS, options={"build_ext": {"parallel": os.cpu_count() or 1}})

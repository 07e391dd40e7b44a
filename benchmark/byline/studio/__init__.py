"""Everything that speaks Label Studio: the generated labeling config, and the client commands.

The client commands need the ``label-studio-sdk`` package (the ``byline[studio]`` extra); the
config generator does not.
"""

"""Local stand-ins for the social networks' APIs.

They validate the real request format of each network (paths, headers,
authentication, JSON and multipart payloads, byte-offset facets), keep the
posts they accept, and can be told to answer with errors, 429s with the
network's rate-limit headers, slow answers or no answer at all. The test
suite drives every adapter against them, and ``make run`` starts them so the
demo's accounts publish somewhere real-looking without leaving the machine.
"""

"""Page bodies built from blocks an editor stacks and reorders.

A body is a list of ``{"type": name, "data": {...}}`` stored as JSON
(``fields.BlocksField``); each block type declares its schema and template.
"""

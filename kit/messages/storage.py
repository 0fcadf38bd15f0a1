"""Words of safe files: why a file could not be read or a save did not happen.

The reasons never quote a file's contents: only its name, a position and the fix.
"""

__all__ = [
    "FILE_TOO_LARGE",
    "FILE_NOT_UTF8",
    "FILE_EMPTY",
    "FILE_NOT_YAML",
    "YAML_NOT_WELL_FORMED",
    "YAML_NEAR",
    "YAML_ALIASES",
    "YAML_KEY_TWICE",
    "FILE_TOO_DEEP",
    "FILE_NOT_OPENED",
    "YAML_DOES_NOT_READ_BACK",
    "ALREADY_EXISTS",
    "SAVE_FAILED",
]

FILE_TOO_LARGE = (
    "{name} is {size:,} bytes, larger than the {limit:,} bytes a record may have: it "
    "is probably not a record; move it out of the folder"
)
FILE_NOT_UTF8 = (
    "{name} is not UTF-8 text (an invalid byte at position {position}): save it again "
    "as UTF-8"
)
FILE_EMPTY = "{name} is empty: restore it from a backup or remove it"
FILE_NOT_YAML = (
    "{name} is not valid YAML{where} ({problem}): fix that line, or restore the file"
)
YAML_NOT_WELL_FORMED = "it is not well-formed"
YAML_NEAR = " near line {line}, column {column}"
YAML_ALIASES = "uses YAML anchors or aliases (& and *), which the kit does not read"
YAML_KEY_TWICE = "has the key {key!r} twice"
FILE_TOO_DEEP = "{name} is nested too deeply to be a record: it is probably not one"
FILE_NOT_OPENED = "{name} could not be opened ({reason}): check its permissions"
YAML_DOES_NOT_READ_BACK = (
    "the record could not be written as YAML that reads back the same"
)
ALREADY_EXISTS = "{name} already exists: nothing was overwritten"
SAVE_FAILED = (
    "{name} could not be saved in {folder} ({reason}); the previous version, if any, "
    "is unchanged: free some disk space or check that the folder is writable, then "
    "save again"
)

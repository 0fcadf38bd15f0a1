"""Words of the kit's command line (``python -m kit``)."""

__all__ = [
    "CLI_HELP",
    "CLI_NOTEBOOKS_HELP",
    "CLI_NOTEBOOKS_FOLDER_HELP",
    "CLI_NOTEBOOKS_COPIED",
    "CLI_NOTEBOOKS_NONE",
]

CLI_HELP = "The incident reflection kit, from a terminal."
CLI_NOTEBOOKS_HELP = (
    "Copy the kit's guided notebooks into a folder of your choice. Notebooks you "
    "already have there are left as they are."
)
CLI_NOTEBOOKS_FOLDER_HELP = "The folder to copy the notebooks into (made if missing)."
CLI_NOTEBOOKS_COPIED = "Copied {n} notebook(s) into {folder}. Open 00-start-here.ipynb."
CLI_NOTEBOOKS_NONE = (
    "Every notebook is already in {folder}; nothing was changed. To get a fresh copy "
    "of one, rename or move yours first."
)

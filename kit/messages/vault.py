"""Words of the encrypted journal: unlocking, turning encryption on and off, changing
the passphrase, and what encryption does and does not protect."""

__all__ = [
    "VAULT_PROMPT",
    "VAULT_PROMPT_NEW",
    "VAULT_PROMPT_NEW_AGAIN",
    "VAULT_PROMPT_CURRENT",
    "VAULT_FORM_LABEL",
    "VAULT_FORM_BUTTON",
    "VAULT_FORM_INTRO",
    "VAULT_FORM_UNLOCKED",
    "VAULT_UNLOCKED",
    "VAULT_LOCKED",
    "VAULT_WRONG_PASSPHRASE",
    "VAULT_NOT_AN_IDENTITY_FILE",
    "VAULT_IDENTITY_DAMAGED",
    "VAULT_PASSPHRASE_EMPTY",
    "VAULT_PASSPHRASE_SHORT",
    "VAULT_PASSPHRASES_DIFFER",
    "VAULT_NO_LIBRARY",
    "VAULT_ALREADY_ENCRYPTED",
    "VAULT_NOT_ENCRYPTED",
    "VAULT_NOT_A_FOLDER",
    "VAULT_PLAIN_IN_ENCRYPTED",
    "VAULT_PLAIN_WHILE_CHANGING",
    "VAULT_ENCRYPTED_IN_PLAIN",
    "VAULT_NOT_AGE",
    "VAULT_PASSPHRASE_FILE",
    "VAULT_OTHER_KEY",
    "VAULT_TOO_LARGE",
    "VAULT_NOT_OPENED",
    "VAULT_PLAIN_REFUSED",
    "VAULT_CONFLICT",
    "VAULT_ENCRYPTED_DONE",
    "VAULT_DECRYPTED_DONE",
    "VAULT_PART_DONE",
    "VAULT_REKEYED",
    "VAULT_LEFT_AS_IS",
    "VAULT_UNFINISHED",
    "VAULT_PLAIN_FOLDERS",
    "VAULT_PROTECTS",
    "VAULT_DOES_NOT_PROTECT",
    "CLI_ENCRYPT_HELP",
    "CLI_DECRYPT_HELP",
    "CLI_REKEY_HELP",
    "CLI_JOURNAL_HELP",
]

VAULT_PROMPT = "Passphrase for your encrypted journal: "
VAULT_PROMPT_CURRENT = "Current passphrase: "
VAULT_PROMPT_NEW = "New passphrase (a few unrelated words are easy to remember): "
VAULT_PROMPT_NEW_AGAIN = "The new passphrase again: "

VAULT_FORM_LABEL = "Passphrase"
VAULT_FORM_BUTTON = "Unlock"
VAULT_FORM_INTRO = (
    "Your journal is encrypted. Type its passphrase and press Unlock; the key stays "
    "in this kernel's memory only, until the kernel stops."
)
VAULT_FORM_UNLOCKED = (
    "Unlocked for this kernel. Cells below that stopped at the locked journal work "
    "when run again (Run > Run Selected Cell and All Below). An app without code "
    "(Voila) cannot run them again: open this notebook in JupyterLab to read an "
    "encrypted journal."
)
VAULT_UNLOCKED = "Your journal at {path} is unlocked for this kernel."

VAULT_LOCKED = (
    "the journal at {path} is encrypted and still locked: run kit.unlock() (the "
    "unlock step at the top of the notebook) and type its passphrase"
)
VAULT_WRONG_PASSPHRASE = (
    "{name} in {folder} could not be opened with this passphrase: the passphrase "
    "differs from the one set for this journal, or the file is damaged. Nothing was "
    "changed; try again (a passphrase cannot be reset; a backup of {name} with its "
    "passphrase works too)"
)
VAULT_NOT_AN_IDENTITY_FILE = (
    "{name} in {folder} is not a passphrase-encrypted age file: restore it from a "
    "backup; nothing was changed"
)
VAULT_IDENTITY_DAMAGED = (
    "{name} in {folder} opened, but holds no age identity (AGE-SECRET-KEY-...): "
    "restore it from a backup; nothing was changed"
)
VAULT_PASSPHRASE_EMPTY = "the passphrase is empty: type one, then try again"
VAULT_PASSPHRASE_SHORT = (
    "a passphrase needs at least {n} characters: a few unrelated words are long "
    "enough and easy to remember; nothing was changed"
)
VAULT_PASSPHRASES_DIFFER = (
    "the two new passphrases differ: nothing was changed; run the command again"
)
VAULT_NO_LIBRARY = (
    "encryption needs the pyrage package, which is not installed here: run "
    "`pip install pyrage` (make lab installs it)"
)
VAULT_ALREADY_ENCRYPTED = (
    "the journal at {path} is already encrypted: nothing was changed. To change its "
    "passphrase, run `python -m kit rekey`"
)
VAULT_NOT_ENCRYPTED = (
    "the journal at {path} is not encrypted: nothing was changed. To encrypt it, run "
    "`python -m kit encrypt`"
)
VAULT_NOT_A_FOLDER = "{path} is not a journal folder: pass the folder of your journal"

VAULT_PLAIN_IN_ENCRYPTED = (
    "{name} is not encrypted, but this journal is: it was left as it is. To encrypt "
    "it, run `python -m kit encrypt`; otherwise move it out of the folder"
)
VAULT_PLAIN_WHILE_CHANGING = (
    "{name} is not encrypted yet: `python -m kit {command}` was stopped before it "
    "finished. Run it again to finish; the file was left as it is"
)
VAULT_ENCRYPTED_IN_PLAIN = (
    "{name} is encrypted, but this journal is not (it has no identity.age): it was "
    "left as it is. Put the journal's identity.age back, or move the file out"
)
VAULT_NOT_AGE = (
    "{name} is not an age-encrypted file (its first line is not the age header): it "
    "was left as it is; restore it from a backup or move it out of the folder"
)
VAULT_PASSPHRASE_FILE = (
    "{name} was encrypted with a passphrase, not with this journal's key: it was "
    "left as it is. Open it with `age -d {name}`, or move it out of the folder"
)
VAULT_OTHER_KEY = (
    "{name} could not be decrypted with this journal's key: it was encrypted for "
    "another key, or it is cut short or damaged. It was left as it is; restore it "
    "from a backup or move it out of the folder"
)
VAULT_TOO_LARGE = (
    "{name} is {size} bytes, more than a record can be ({limit}): it was left as it "
    "is; move it out of the folder"
)
VAULT_NOT_OPENED = "{name} could not be opened ({reason}): it was left as it is"
VAULT_PLAIN_REFUSED = (
    "{name} was not written: {folder} is inside an encrypted journal, and this file "
    "would sit there unencrypted. Choose a folder outside the journal (the file will "
    "not be encrypted there either)"
)
VAULT_CONFLICT = (
    "{name} and {other} both hold this incident, with different contents: both were "
    "left as they are. Open both, keep the right one, move the other out, then run "
    "the command again"
)

VAULT_ENCRYPTED_DONE = (
    "Encrypted {n} incident(s) in {path}. The key is identity.age, locked by your "
    "passphrase; keep a backup of that file. A forgotten passphrase cannot be reset."
)
VAULT_DECRYPTED_DONE = (
    "Decrypted {n} incident(s) in {path}: the journal is plain YAML again, protected "
    "by file modes only."
)
VAULT_PART_DONE = "{n} incident(s) in {path} converted so far."
VAULT_REKEYED = (
    "The passphrase of {path} is changed. Only identity.age was rewritten; the "
    "incidents keep the same key. An old copy of identity.age still opens with the "
    "old passphrase: delete old backups of it."
)
VAULT_LEFT_AS_IS = "{n} file(s) were left as they are:"
VAULT_UNFINISHED = (
    "Not finished: once the files above are sorted out, run `python -m kit "
    "{command}` again; it carries on where it stopped."
)
VAULT_PLAIN_FOLDERS = (
    "Not encrypted: {folders} inside the journal hold reports or documents you made "
    "before; move them somewhere safe or delete them."
)

VAULT_PROTECTS = (
    "Encryption protects the journal's files at rest: on a lost or stolen laptop, in "
    "backups and copies of the folder, and from administrators or other accounts "
    "reading the files."
)
VAULT_DOES_NOT_PROTECT = (
    "It does not protect a running, unlocked kernel (the key is in its memory until "
    "it stops); exports, reports and post-mortem documents you write (they are plain "
    "files, and the kit refuses to write them inside the encrypted journal); "
    "notebooks saved with their outputs; the file names, which show each "
    "incident's date and short name; or copies made before encryption was on (old "
    "backups, and the disk's freed space until it is reused: full-disk encryption "
    "covers that). There is no reset: a forgotten passphrase cannot be recovered, by "
    "you or by anyone."
)

CLI_ENCRYPT_HELP = (
    "encrypt your journal (asks for a new passphrase); run it again to finish an "
    "interrupted run"
)
CLI_DECRYPT_HELP = (
    "turn encryption off: every incident back to plain YAML (asks for the "
    "passphrase); run it again to finish an interrupted run"
)
CLI_REKEY_HELP = "change the passphrase of your encrypted journal"
CLI_JOURNAL_HELP = "the journal folder (default: $KIT_JOURNAL, else data/journal/)"

"""The encrypted journal keeps every promise of the plain one: hostile files, kills
during saves, during encryption, decryption and re-keying, and no plain text left.

Part of ``make proof`` (``python -m proofs``); alone: ``python -m proofs.vault``. Each
passphrase check runs scrypt (about a second, by design), so the kill loops around
conversions and re-keying are kept short.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import secrets
import signal
import sys
import tempfile
import time
from pathlib import Path

import pyrage

import kit
from kit import conversion, storage, vault

from . import FAILED, HOSTILE, good_incidents, line
from .kills import writer

PASSPHRASE = "proof passphrase " + secrets.token_hex(4)
CONVERTED = 120  # incidents per conversion: enough that kills land among the files


def plain_journal(folder: Path, n: int) -> kit.Journal:
    journal = kit.Journal(folder)
    for incident in good_incidents(n):
        journal.save(incident)
    return journal


def sealed_journal(folder: Path, n: int) -> kit.Journal:
    journal = plain_journal(folder, n)
    conversion.encrypt_journal(folder, PASSPHRASE)
    return journal


def readable(folder: Path, passphrases: list[str]) -> tuple[set, set, str | None]:
    """(ids readable, ids of unreadable files, the passphrase that opens identity.age).

    Readable means what a person could open: plain YAML that parses and validates, or
    an encrypted file that decrypts with the key in identity.age and validates. An
    incident is lost only when no file of it is readable.
    """
    from kit.record import validate_incident

    identity, opened_with = None, None
    if vault.is_encrypted(folder):
        for passphrase in passphrases:
            try:
                identity = vault._open_identity(folder, vault.Passphrase(passphrase))
                opened_with = passphrase
                break
            except vault.EncryptionError:
                continue
    ok, bad = set(), set()
    for path in folder.iterdir():
        if not vault.is_record_name(path.name):
            continue
        try:
            raw = path.read_bytes()
            if path.name.endswith(vault.ENCRYPTED_SUFFIX):
                raw = pyrage.decrypt(raw, [identity])
            validate_incident(storage.parse_yaml(raw, path.name), path.name)
            ok.add(vault.record_id(path.name))
        except Exception:  # noqa: BLE001 - counting is the point
            bad.add(vault.record_id(path.name))
    return ok, bad, opened_with


# --- kills ----------------------------------------------------------------------------


def prove_kills_during_saves(work: Path, kills: int) -> None:
    folder = work / "kills"
    journal = kit.Journal(folder)
    journal.save(kit.Journal.sample().get("2026-01-14-payment-config-typo"))
    conversion.encrypt_journal(folder, PASSPHRASE)
    ctx = multiprocessing.get_context("fork")
    rnd = random.Random(3)
    corrupt = lost = landed = 0
    base = folder / "2026-01-14-payment-config-typo.yaml.age"
    for kill in range(kills):
        before = base.read_bytes()
        ready = ctx.Event()
        proc = ctx.Process(target=writer, args=(str(folder), kill, ready))
        proc.start()
        ready.wait()  # killed while saving, not while starting up
        time.sleep(rnd.uniform(0, 0.25))  # a save takes 5-90 ms on a busy machine
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        landed += base.exists() and base.read_bytes() != before
        result = journal.load()
        corrupt += len(result.problems)
        lost += "2026-01-14-payment-config-typo" not in {i.id for i in result.incidents}
    plain = sum(1 for p in folder.iterdir() if p.name.endswith(".yaml"))
    n = len(journal.ids())
    line(
        f"encrypted kills: {kills} SIGKILLs during saves and updates, {corrupt} "
        f"unreadable incidents, {lost} prior versions lost, {plain} plain files "
        f"({landed} kills came after at least one update; {n} incidents, all "
        "encrypted)",
        corrupt == 0 and lost == 0 and plain == 0 and kills >= 100 and landed > 0,
    )


def _run(target, folder, ready) -> None:
    ready.set()
    target(folder)


def _kill_loop(work: Path, kills: int, action, label: str) -> None:
    """Kill ``action`` at random moments of its run; check every incident after each.

    One run is timed to the end first, so the kills fall across the whole of it:
    the key derivation, every file, and the last steps.
    """
    ctx = multiprocessing.get_context("fork")
    rnd = random.Random(5)
    folder, _passphrases, target, _finish = action(work / f"{label}-timed", -1)
    began = time.monotonic()
    target(folder)
    window = (time.monotonic() - began) * 1.05
    vault.lock()
    unreadable = finished_by_rerun = 0
    states: dict[str, int] = {}
    for kill in range(kills):
        folder, passphrases, target, finish = action(work / f"{label}-{kill}", kill)
        ready = ctx.Event()
        proc = ctx.Process(target=_run, args=(target, folder, ready))
        proc.start()
        ready.wait()
        time.sleep(rnd.uniform(0, window))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        ok, bad, opened = readable(folder, passphrases)
        unreadable += len(bad - ok)
        plain = sum(1 for p in folder.iterdir() if p.name.endswith(".yaml"))
        if label == "re-keying":
            which = "new" if opened == passphrases[0] else "old"
            state = f"opens with the {which} passphrase"
        elif label == "encryption":
            state = (
                "before the key" if not vault.is_encrypted(folder)
                else "part-way" if plain
                else "all encrypted"
            )
        else:
            state = (
                "finished" if not vault.is_encrypted(folder)
                else "part-way" if plain
                else "all still encrypted"
            )
        states[state] = states.get(state, 0) + 1
        if finish is not None:
            finish(folder)
            ok_after, bad_after, _ = readable(folder, passphrases)
            plain_after = sum(1 for p in folder.iterdir() if p.name.endswith(".yaml"))
            sealed_after = sum(
                1 for p in folder.iterdir() if p.name.endswith(".yaml.age")
            )
            done = not bad_after and ok_after == ok | bad and len(ok_after) == CONVERTED
            if label == "encryption":
                done = done and plain_after == 0 and vault.is_encrypted(folder)
            else:
                done = done and sealed_after == 0 and not vault.is_encrypted(folder)
            finished_by_rerun += done
    detail = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
    rerun = (
        f", {finished_by_rerun}/{kills} finished by running it again"
        if label != "re-keying" else ""
    )
    line(
        f"encrypted kills: {kills} SIGKILLs during {label} ({detail}), "
        f"{unreadable} unreadable incidents{rerun}",
        unreadable == 0 and (label == "re-keying" or finished_by_rerun == kills),
    )


def prove_kills_during_conversions(work: Path, kills: int) -> None:
    def encrypting(folder: Path, _kill: int):
        plain_journal(folder, CONVERTED)

        def target(folder):
            conversion.encrypt_journal(folder, PASSPHRASE)

        def finish(folder):
            vault.lock()
            if not vault.is_encrypted(folder) or vault._pending(folder) == "encrypt":
                conversion.encrypt_journal(folder, PASSPHRASE)  # finishes the job

        return folder, [PASSPHRASE], target, finish

    def decrypting(folder: Path, _kill: int):
        sealed_journal(folder, CONVERTED)

        def target(folder):
            conversion.decrypt_journal(folder, PASSPHRASE)

        def finish(folder):
            if vault.is_encrypted(folder):
                conversion.decrypt_journal(folder, PASSPHRASE)

        return folder, [PASSPHRASE], target, finish

    def rekeying(folder: Path, kill: int):
        sealed_journal(folder, 10)
        new = f"new passphrase {kill}"

        def target(folder):
            conversion.change_passphrase(folder, PASSPHRASE, new)

        return folder, [new, PASSPHRASE], target, None

    _kill_loop(work, kills, encrypting, "encryption")
    _kill_loop(work, kills, decrypting, "decryption")
    _kill_loop(work, kills, rekeying, "re-keying")


# --- hostile files --------------------------------------------------------------------


def prove_hostile(work: Path) -> None:
    rnd = random.Random(9)
    folder = work / "hostile"
    journal = sealed_journal(folder, 20)
    goods = sorted(folder.glob("*.yaml.age"))
    stranger = pyrage.x25519.Identity.generate().to_public()
    files: dict[str, bytes] = {}

    def add(kind: str, data: bytes) -> None:
        files[f"2027-01-{(len(files) % 28) + 1:02d}-{kind}-{len(files)}"] = data

    for family in sorted(HOSTILE.iterdir()):  # hostile YAML, correctly encrypted
        add("yaml", vault.seal(folder, family.read_bytes()))
    for good in goods:
        raw = good.read_bytes()
        plain = pyrage.decrypt(raw, [vault.key_for(folder)])
        add("passphrase", pyrage.passphrase.encrypt(plain, "another passphrase"))
        add("stranger", pyrage.encrypt(plain, [stranger]))
        add("armored-stranger", pyrage.encrypt(plain, [stranger], armored=True))
        for _ in range(3):
            add("truncated", raw[: rnd.randrange(1, len(raw))])
        for _ in range(3):
            data = bytearray(raw)
            for _ in range(rnd.randint(1, 4)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            add("flipped", bytes(data))
        add("plain", plain)  # a plain file in an encrypted journal (named .yaml)
    add("noise", os.urandom(400))
    add("empty", b"")
    add("oversized", vault._AGE_HEADER + b"x" * (storage.MAX_FILE_BYTES + 8000))
    for stem, data in files.items():
        suffix = ".yaml" if "-plain-" in stem else ".yaml.age"
        (folder / (stem + suffix)).write_bytes(data)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    crashes = 0
    try:
        result = journal.load()
        frame = journal.frame()
    except Exception as error:  # noqa: BLE001 - counting is the point
        crashes, result, frame = 1, None, None
        print(f"  load crashed: {type(error).__name__}")
    good_ids = {vault.record_id(p.name) for p in goods}
    loaded = len(good_ids & {i.id for i in result.incidents}) if result else 0
    still_valid = (len(result.incidents) - loaded) if result else 0
    reported = len(result.problems) if result else 0
    explained = result is not None and all(
        p.path.name in str(p) for p in result.problems
    )
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    changed = sum(after.get(name) != data for name, data in before.items())
    line(
        f"hostile files (encrypted journal): {len(files)} tried (hostile YAML "
        f"encrypted, other passphrase, other key, truncated and flipped ciphertext, "
        f"plain files, noise), {crashes} crashes, {loaded}/{len(goods)} good records "
        f"loaded, {reported} reported with a reason naming the file, {still_valid} "
        f"still valid after mutation, {changed} files changed",
        crashes == 0
        and loaded == len(goods)
        and explained
        and changed == 0
        and reported + still_valid == len(files)
        and frame is not None
        and len(frame) == len(result.incidents),
    )


# --- plain text left behind -----------------------------------------------------------


def prove_no_plain_text(work: Path) -> None:
    started = time.time() - 1
    markers = [f"marker-{name}-{secrets.token_hex(6)}" for name in ("title", "notes",
                                                                    "learned")]
    folder = work / "scan"
    journal = sealed_journal(folder, 5)
    base = journal.load().incidents[0]
    secret = base.model_copy(
        update={
            "id": "2026-12-01-scan",
            "title": markers[0],
            "body": base.body.model_copy(update={"notes": markers[1]}),
            "reflection": base.reflection.model_copy(update={"learned": markers[2]}),
        }
    )
    journal.save(secret)
    journal.update(secret)
    journal.change(secret.id, lambda inc: inc)
    journal.load(), journal.frame(), journal.describe(), journal.table()
    refused = 0
    for attempt in (
        lambda: kit.postmortem.export_markdown(journal, secret.id),
        lambda: kit.report(journal, folder / "reports" / "r.html"),
    ):
        try:
            attempt()
        except kit.SaveFailed:
            refused += 1
    conversion.change_passphrase(folder, PASSPHRASE, PASSPHRASE + " 2")
    needles = [m.encode() for m in markers] + [PASSPHRASE.encode()]
    scanned = found = 0
    roots = [folder, Path(tempfile.gettempdir())]
    for root in roots:
        for path in root.rglob("*"):
            try:
                if not path.is_file() or path.is_symlink():
                    continue
                info = path.stat()
                if root != folder and info.st_mtime < started:
                    continue  # files older than this check cannot hold its markers
                if info.st_size > 20_000_000:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            scanned += 1
            found += sum(needle in data for needle in needles)
    line(
        f"plain text: {scanned} files scanned (the journal folder, and "
        f"{tempfile.gettempdir()} written during the check) for 3 known texts of a "
        f"record and the passphrase, {found} found; {refused}/2 plain documents "
        "refused inside the journal (post-mortem, report)",
        found == 0 and refused == 2 and scanned > 0,
    )


def prove_vault(work: Path, kills: int = 150, conversion_kills: int = 8) -> None:
    """Every line of the encrypted journal, in a folder of ``work``."""
    work = work / "vault"
    work.mkdir()
    prove_hostile(work)
    prove_kills_during_saves(work, kills)
    prove_kills_during_conversions(work, conversion_kills)
    prove_no_plain_text(work)


def main() -> int:
    from importlib.metadata import version

    parser = argparse.ArgumentParser(prog="python -m proofs.vault",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=150)
    parser.add_argument("--conversion-kills", type=int, default=8)
    args = parser.parse_args()
    print(f"# python -m proofs.vault {' '.join(sys.argv[1:])}  (Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"pyrage {version('pyrage')})")
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kit-vault-proof-") as tmp:
        os.environ["KIT_JOURNAL"] = str(Path(tmp) / "default-journal")
        os.environ.setdefault("MPLCONFIGDIR", str(Path(tmp) / "mpl"))
        prove_vault(Path(tmp), args.kills, args.conversion_kills)
    print(f"# {time.monotonic() - start:.0f} s; "
          f"{'all promises held' if not FAILED else f'{len(FAILED)} broken'}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())

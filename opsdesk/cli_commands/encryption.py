"""``opsdesk encrypt`` and ``opsdesk decrypt``: a workspace password, on or off."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from opsdesk.cli_commands import passwords


def register(sub: Any) -> None:
    encrypt = sub.add_parser(
        "encrypt",
        help="encrypt a workspace and its backup copies with a password (SQLCipher 4)",
        description="Encrypt WORKSPACE in place with SQLCipher 4 (AES-256), and the backup "
        "copies beside it. It then opens only with the password: without it nothing in it "
        "can be read or recovered, so keep the password safe.",
    )
    encrypt.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(encrypt, "the new password")
    encrypt.set_defaults(func=run_encrypt)

    decrypt = sub.add_parser(
        "decrypt", help="remove the password: store the workspace and its backups unencrypted"
    )
    decrypt.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(decrypt)
    decrypt.set_defaults(func=run_decrypt)


def _backups(verb: str, done: list[Path], left: list[Path]) -> None:
    for path in done:
        print(f"Also {verb} its backup copy {path.name}.")
    for path in left:
        print(f"Left {path.name} as it was: it does not open with this workspace's key.")


def run_encrypt(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.workspace import Workspace, cipher

    try:
        ws = Workspace.open(args.workspace)
    except cipher.EncryptedWorkspace:
        name = args.workspace.name
        raise OpsdeskError(f"{name} is already encrypted; nothing was changed.") from None
    with ws:
        key = cipher.new_key(passwords.new_password(args, ws.path))
        done, left = ws.change_key(key)
    print(
        f"Encrypted {ws.path.name} (SQLCipher 4, AES-256). It opens only with its password: "
        "keep that safe, it cannot be recovered."
    )
    _backups("encrypted", done, left)
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    from opsdesk.core.errors import OpsdeskError
    from opsdesk.core.workspace import Workspace

    with Workspace.open(args.workspace, password=passwords.source(args, args.workspace)) as ws:
        if ws.key is None:
            raise OpsdeskError(f"{ws.path.name} is not encrypted; nothing was changed.")
        done, left = ws.change_key(None)
    print(f"Decrypted {ws.path.name}: it is stored unencrypted and opens with no password.")
    _backups("decrypted", done, left)
    return 0

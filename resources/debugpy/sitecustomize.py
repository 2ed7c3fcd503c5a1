# Loaded by Python at start-up in debugpy's adapter and in the program it debugs (MCP Live Debugger
# puts this folder on PYTHONPATH for its own Python debug type). debugpy 1.6 leaves Nagle's
# algorithm on for its loopback sockets, so every small DAP message waits for a delayed ACK
# (about 40 ms). This sets TCP_NODELAY on sockets that debugpy/pydevd itself connects or accepts,
# and on nothing else, then runs the sitecustomize this one shadows, if there is one.
import os
import socket
import sys

_OUR_FOLDER = os.path.dirname(os.path.abspath(__file__))
_DEBUGGER_MODULES = ("debugpy", "pydevd", "_pydevd", "_pydev")


def _called_by_debugger():
    caller = sys._getframe(2).f_globals.get("__name__", "")
    return caller.startswith(_DEBUGGER_MODULES)


def _no_delay(sock):
    try:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass


_connect = socket.socket.connect
_accept = socket.socket.accept


def connect(self, *args, **kwargs):
    result = _connect(self, *args, **kwargs)
    if _called_by_debugger():
        _no_delay(self)
    return result


def accept(self, *args, **kwargs):
    connection, address = _accept(self, *args, **kwargs)
    if _called_by_debugger():
        _no_delay(connection)
    return connection, address


socket.socket.connect = connect
socket.socket.accept = accept

# run the sitecustomize this file shadows, as Python would have
_path = sys.path[:]
try:
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != _OUR_FOLDER]
    del sys.modules[__name__]
    try:
        import sitecustomize  # noqa: F401
    except ImportError:
        pass
finally:
    sys.path[:] = _path

"""Starting and stopping pressa-searchd in the end-to-end tests (test_searchd.py,
test_search_front.py)."""
import os
import signal
import subprocess
import time


def wait_for_socket(path, proc, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path):
            return
        if proc.poll() is not None:
            raise AssertionError(f"pressa-searchd exited {proc.returncode}: "
                                 f"{proc.stderr.read().decode()}")
        time.sleep(0.05)
    raise AssertionError("pressa-searchd did not create its socket")


def start_server(searchd, db, sock, *extra):
    """pressa-searchd serving `db` on `sock`, once its socket exists."""
    proc = subprocess.Popen([searchd, "--db", db, "--socket", sock, *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_socket(sock, proc)
    return proc


def stop_server(proc):
    """SIGTERM, then what the server wrote to stderr."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    return proc.communicate(timeout=30)[1].decode()

"""A small Language Server Protocol client over stdio, for driving the real yaml-language-server (npm) in tests.

It speaks JSON-RPC 2.0 with Content-Length framing, answers the requests the
server sends the client (workspace/configuration and the like), and waits for
textDocument/publishDiagnostics with a deadline.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from tests.conftest import REPO

SERVER = REPO / "node_modules" / ".bin" / "yaml-language-server"

YAML_SETTINGS = {
    "validate": True,
    "hover": True,
    "completion": True,
    "schemaStore": {"enable": False},  # no network: only the brief's own modeline counts
    "schemas": {},
    "format": {"enable": False},
}


class LanguageServer:
    def __init__(self, root: Path) -> None:
        if not SERVER.exists():  # `make .venv/.test-deps` runs npm ci; fail loudly, never skip
            raise RuntimeError(f"{SERVER} is missing: run npm ci")
        self.proc = subprocess.Popen(
            [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root
        )
        self.root = root
        self.next_id = 0
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            self.messages.put(json.loads(out.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        for message in self._until(timeout):
            if message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")
        raise TimeoutError(f"no answer to {method} within {timeout} s")

    def _answer(self, message: dict[str, Any]) -> None:
        """Requests from the server to the client: answer each, or the server waits forever."""
        method = message["method"]
        if method == "workspace/configuration":
            items = message["params"]["items"]
            result: Any = [YAML_SETTINGS if item.get("section") == "yaml" else None for item in items]
        else:  # client/registerCapability, window/workDoneProgress/create, ...
            result = None
        self._send({"id": message["id"], "result": result})

    def _until(self, timeout: float) -> Any:
        """Messages as they come, answering server requests, until the deadline."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                break
            if "method" in message and "id" in message:
                self._answer(message)
                continue
            yield message

    def start(self) -> None:
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"publishDiagnostics": {}, "completion": {"completionItem": {"snippetSupport": False}}},
                },
                "initializationOptions": {},
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": YAML_SETTINGS}})

    def open(self, path: Path) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}},
        )
        return uri

    def diagnostics(self, uri: str, *, nonempty: bool = True, settle: float = 3, timeout: float = 60) -> list[dict[str, Any]]:
        """The server's diagnostics for ``uri``: the last set published, once none has come for ``settle`` seconds.

        The server may publish an early empty set before it has loaded the
        schema: with ``nonempty`` (for a document known to be wrong), wait for
        a non-empty set before settling.
        """
        deadline = time.monotonic() + timeout
        latest: list[dict[str, Any]] | None = None
        while (left := deadline - time.monotonic()) > 0:
            ready = latest is not None and (latest or not nonempty)
            message = next(self._until(min(settle, left) if ready else left), None)
            if message is None:
                if ready:
                    assert latest is not None
                    return latest
                continue
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                latest = message["params"]["diagnostics"]
        raise TimeoutError(f"no diagnostics for {uri} within {timeout} s (last: {latest})")

    def completion(self, uri: str, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return [str(item["label"]) for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except (TimeoutError, RuntimeError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()

"""The support team's console, started on its own server with `python admin_console.py`:
no process manager runs it, so this block is how it runs in production too."""
import os

from flask import Flask

console = Flask(__name__)
console.secret_key = os.environ["CONSOLE_SECRET_KEY"]


@console.get("/health")
def health():
    return {"ok": True}


if __name__ == "__main__":
    console.run(host="0.0.0.0", port=8081, debug=True)  # expect: web/debug-enabled

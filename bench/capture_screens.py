"""Capture real screenshots for the screenshot benchmark and tests (run by hand, not by CI).

    python3 bench/capture_screens.py [--out tests/fixtures/screens] [--only NAME]

Needs Debian's xterm, rxvt-unicode, xvfb, xdotool, imagemagick (`import`), chromium, git,
node/npm, rustc and python3 with click. CI never runs this: the images and their reference
texts are committed under `tests/fixtures/screens/` with a `manifest.json`.

Terminals: a real interactive bash runs in xterm or urxvt under Xvfb; the commands are typed
into the window (xdotool, real key events) and really fail. `script -f` records what the
terminal was sent; that record, with the escape codes removed and lines wrapped at the
terminal width, is the reference text. Each expected error line is checked to be in it.

Pages: headless Chromium screenshots HTML error pages and dialogs written here, at device
scale 1 and 2, saved as PNG and (through Pillow) as JPEG quality 75. The reference is the
page's text, one line per block element (the texts in `PAGES`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":77"
WORK = Path("/tmp/parley-capture/shop")  # a fixed path so tracebacks read the same on every capture


# --- terminals -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermStyle:
    name: str
    program: str  # "xterm" or "urxvt"
    font: str
    size: int  # points
    bg: str
    fg: str

    def argv(self, cls: str, cols: int, rows: int, inner: list[str]) -> list[str]:
        if self.program == "xterm":
            return ["xterm", "-name", cls, "-geometry", f"{cols}x{rows}+0+0", "-fa", self.font, "-fs", str(self.size),
                    "-bg", self.bg, "-fg", self.fg, "-e", *inner]
        return ["urxvt", "-name", cls, "-geometry", f"{cols}x{rows}+0+0", "-fn", f"xft:{self.font}:size={self.size}",
                "-bg", self.bg, "-fg", self.fg, "+sb", "-e", *inner]


STYLES = [
    TermStyle("xterm-light-10", "xterm", "DejaVu Sans Mono", 10, "#ffffff", "#000000"),
    TermStyle("xterm-dark-14", "xterm", "DejaVu Sans Mono", 14, "#1d1f21", "#c5c8c6"),
    TermStyle("urxvt-dark-11", "urxvt", "Liberation Mono", 11, "#002b36", "#93a1a1"),
    TermStyle("urxvt-light-15", "urxvt", "Liberation Mono", 15, "#fdf6e3", "#586e75"),
    TermStyle("xterm-dark-10", "xterm", "DejaVu Sans Mono", 10, "#000000", "#e5e5e5"),
    TermStyle("xterm-light-14", "xterm", "DejaVu Sans Mono", 14, "#ffffff", "#1a1a1a"),
    TermStyle("urxvt-light-11", "urxvt", "Liberation Mono", 11, "#fdf6e3", "#586e75"),
    TermStyle("urxvt-dark-15", "urxvt", "Liberation Mono", 15, "#002b36", "#93a1a1"),
]


@dataclass(frozen=True)
class Screen:
    name: str
    commands: list[str]
    expect: list[str]  # exact error lines that must be found
    user: str = "root"
    not_errors: list[str] = field(default_factory=list)


FILES = {
    "app.py": (
        "import tomllib\n\n\ndef load_settings(path):\n    with open(path, 'rb') as f:\n        return tomllib.load(f)\n\n\n"
        "def main():\n    settings = load_settings('settings.toml')\n    print(settings['db'])\n\n\nmain()\n"
    ),
    "report.py": (
        "def average(values):\n    return sum(values) / len(values)\n\n\ndef monthly_report(orders):\n"
        "    return {'avg_order': average([o['total'] for o in orders])}\n\n\nprint(monthly_report([]))\n"
    ),
    "users.py": "users = {'id': 7, 'name': 'Ada'}\nprint('loading user', users['user_id'])\n",
    "cli.py": (
        "import click\n\n\n@click.command()\n@click.option('--count', default=1)\ndef export(count):\n"
        "    click.echo(count)\n\n\nexport()\n"
    ),
    "server.js": "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
    "package.json": '{"name": "shop", "version": "1.0.0", "scripts": {"start": "node server.js"}}\n',
    "main.rs": "fn main() {\n    let total = 3;\n    println!(\"{}\", totl);\n}\n",
    "deploy.sh": "#!/bin/sh\necho deploying\n",
    "load_config.py": "import json\n\nsettings = json.loads('{\"name\": \"shop\",, \"port\": 8080}')\nprint(settings)\n",
}

SCREENS = [
    Screen("git_typo", ["git status --short", "git brnch"], ["git: 'brnch' is not a git command. See 'git --help'."]),
    Screen("git_pathspec", ["git checkout feature/login"], ["error: pathspec 'feature/login' did not match any file(s) known to git"]),
    Screen("git_not_repo", ["cd /tmp", "git log --oneline"], ["fatal: not a git repository (or any of the parent directories): .git"]),
    Screen("py_file_not_found", ["python3 app.py"], ["FileNotFoundError: [Errno 2] No such file or directory: 'settings.toml'"]),
    Screen("py_zero_division", ["python3 report.py"], ["ZeroDivisionError: division by zero"]),
    Screen("py_key_error", ["python3 users.py"], ["KeyError: 'user_id'"]),
    Screen("click_no_option", ["python3 cli.py --hep"], ["Error: No such option '--hep'. Did you mean '--help'?"]),
    Screen("pip_no_dist", ["pip download --no-index --no-deps -q -d /tmp/wheels requestz"],
           ["ERROR: No matching distribution found for requestz"]),
    Screen("perm_denied", ["ls -l deploy.sh", "./deploy.sh"], ["bash: ./deploy.sh: Permission denied"], user="nobody"),
    Screen("perm_shadow", ["cat /etc/shadow"], ["cat: /etc/shadow: Permission denied"], user="nobody"),
    Screen("cmd_not_found", ["dokcer ps"], ["bash: dokcer: command not found"]),
    Screen("no_such_file", ["cat config.yaml", "ls /srv/backups"],
           ["cat: config.yaml: No such file or directory", "ls: cannot access '/srv/backups': No such file or directory"]),
    Screen("apt_locate", ["apt-get install -y nosuchpkg"], ["E: Unable to locate package nosuchpkg"]),
    Screen("npm_missing_script", ["npm run build"], ['npm error Missing script: "build"']),
    Screen("node_module", ["node server.js"], ["Error: Cannot find module 'express'"]),
    Screen("rustc_e0425", ["rustc main.rs"], ["error[E0425]: cannot find value `totl` in this scope"]),
    Screen("make_no_rule", ["make test"], ["make: *** No rule to make target 'test'.  Stop."]),
    Screen("curl_refused", ["curl -sS http://127.0.0.1:9/health"], []),  # the ms figure varies: expect filled from the record
    # 107 characters: the exception line wraps at the terminal's 96 columns, mid-number (issue 20)
    Screen("py_json_wrapped", ["python3 load_config.py"],
           ["json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 17 (char 16)"]),
]

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def screen_text(raw: str, cols: int) -> list[str]:
    """What the terminal shows for a `script` record: escapes removed, \\r and \\b applied,
    tabs expanded, long lines wrapped at `cols`."""
    raw = raw.split("\n", 1)[1] if raw.startswith("Script started") else raw
    raw = re.sub(r"\nScript done on .*$", "", raw, flags=re.S)
    out: list[str] = []
    for esc_line in raw.replace("\r\n", "\n").split("\n"):
        # cursor to column 1 and erase-to-end-of-line (npm's spinner) are applied, other escapes dropped
        line = _ANSI.sub("", re.sub(r"\x1b\[1?G", "\r", re.sub(r"\x1b\[0?K", "\x00", esc_line)))
        if esc_line != line and not line.strip("\r"):
            continue  # only mode switches (bracketed paste off after Return): no line on screen
        buf: list[str] = []
        pos = 0
        for ch in line:
            if ch == "\r":
                pos = 0
            elif ch == "\b":
                pos = max(0, pos - 1)
            elif ch == "\t":
                pos = (pos // 8 + 1) * 8
                buf.extend(" " * max(0, pos - len(buf)))
            elif ch == "\x00":
                del buf[pos:]
            elif ch == "\x07" or ord(ch) < 32:
                continue
            else:
                if pos < len(buf):
                    buf[pos] = ch
                else:
                    buf.extend(" " * (pos - len(buf)))
                    buf.append(ch)
                pos += 1
        text = "".join(buf).rstrip()
        while len(text) > cols:
            out.append(text[:cols])
            text = text[cols:]
        out.append(text)
    while out and not out[-1].strip():
        out.pop()
    return out


def _wrapped_in(line: str, lines: list[str]) -> bool:
    """`line` is on screen wrapped over consecutive rows."""
    return any("".join(lines[i:i + k]) == line for k in (2, 3) for i in range(len(lines)))


def _x(*argv: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(argv), env={**os.environ, "DISPLAY": DISPLAY}, capture_output=True, text=True, timeout=60, **kw)


def _prepare_work() -> None:
    shutil.rmtree(WORK.parent, ignore_errors=True)
    WORK.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (WORK / name).write_text(text)
    (WORK / "deploy.sh").chmod(0o644)
    env = {**os.environ, "GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com",
           "GIT_COMMITTER_NAME": "Dev", "GIT_COMMITTER_EMAIL": "dev@example.com"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=WORK, check=True, env=env)
    subprocess.run(["git", "add", "app.py", "report.py"], cwd=WORK, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "first"], cwd=WORK, check=True, env=env)
    for p in [WORK.parent, *WORK.parent.rglob("*")]:
        os.chmod(p, 0o777 if p.is_dir() else (p.stat().st_mode | 0o666))


def capture_terminal(screen: Screen, style: TermStyle, out: Path, cols: int = 96, rows: int = 24) -> dict:
    _prepare_work()
    tag = f"cap{os.getpid()}{int(time.time() * 1000) % 100000}"
    tmp = Path(tempfile.mkdtemp(prefix="parley-term-"))
    os.chmod(tmp, 0o777)
    log, ready = tmp / "record.txt", tmp / "prompts"
    host = "devbox"
    colour = "1;31" if screen.user == "root" else "1;32"
    env_ps1 = rf"\[\e[{colour}m\]{screen.user}@{host}\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\$ "
    rc = tmp / "bashrc"  # PS1 from the environment is dropped by the non-interactive shell `script` starts
    rc.write_text(f"PS1='{env_ps1}'\nPROMPT_COMMAND='echo >> {ready}'\nHISTFILE=/dev/null\n")
    rustup = os.environ.get("RUSTUP_HOME", str(Path.home() / ".rustup"))  # HOME moves; rustc must still find its toolchain
    inner = ["env", f"HOME={WORK.parent}", "SHELL=/bin/bash", f"RUSTUP_HOME={rustup}", "script", "-q", "-f", str(log), "-c", f"bash --rcfile {rc} --noprofile -i"]
    if screen.user != "root":
        inner = ["runuser", "-u", screen.user, "--", *inner]
    inner = ["sh", "-c", f"cd {WORK} && exec \"$@\"", "sh", *inner]
    proc = subprocess.Popen(style.argv(tag, cols, rows, inner), env={**os.environ, "DISPLAY": DISPLAY},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wid = _x("xdotool", "search", "--sync", "--classname", tag).stdout.split()[0]

        def prompts() -> int:
            return len(ready.read_text().splitlines()) if ready.exists() else 0

        def wait_prompts(n: int, timeout: float = 30.0) -> None:
            t0 = time.time()
            while prompts() < n:
                if time.time() - t0 > timeout:
                    raise TimeoutError(f"{screen.name}: no prompt {n}")
                time.sleep(0.05)

        wait_prompts(1)
        for k, cmd in enumerate(screen.commands, start=2):
            # real key events (XTEST) to the focused window; xterm ignores synthetic (--window) ones
            _x("xdotool", "windowfocus", "--sync", wid)
            _x("xdotool", "type", "--delay", "8", cmd)
            _x("xdotool", "key", "Return")
            wait_prompts(k, timeout=90)
        time.sleep(0.6)  # the last output reaching the window (rendering is asynchronous)
        png = out / f"term_{screen.name}_{style.name}.png"
        _x("import", "-window", wid, str(png))
    finally:
        proc.terminate()
        proc.wait(10)
    raw = log.read_text(errors="replace")
    (out / f"term_{screen.name}_{style.name}.record").write_text(raw) if os.environ.get("KEEP_RECORD") else None
    lines = screen_text(raw, cols)
    shutil.rmtree(tmp, ignore_errors=True)
    return {"lines": lines, "file": png.name}


# --- pages ---------------------------------------------------------------------------------

CSS = """
body{margin:0;font-family:'DejaVu Sans','Liberation Sans',sans-serif;font-size:14px;color:#1f2328;background:#f6f8fa}
.bar{background:#2b579a;color:#fff;padding:8px 14px;font-size:13px}.menu{background:#fff;border-bottom:1px solid #d0d7de;padding:6px 14px}
.menu span{margin-right:22px}.side{position:absolute;left:0;top:78px;width:200px;bottom:0;background:#fff;border-right:1px solid #d0d7de;padding:12px}
.side div{padding:6px 4px}.main{margin-left:230px;padding:18px}.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:14px;margin-bottom:14px}
.modal{position:absolute;left:380px;top:230px;width:520px;background:#fff;border-radius:8px;box-shadow:0 8px 30px rgba(0,0,0,.35);padding:20px}
.modal h3{margin:0 0 10px 0;font-size:16px}.btn{display:inline-block;border:1px solid #8c959f;border-radius:4px;padding:5px 14px;margin:12px 8px 0 0}
.primary{background:#2b579a;color:#fff;border-color:#2b579a}.err{color:#cf222e}.toast{background:#cf222e;color:#fff;padding:10px 14px;border-radius:6px}
.shade{position:absolute;left:0;top:0;right:0;bottom:0;background:rgba(0,0,0,.25)}td{padding:5px 12px;border-bottom:1px solid #eee}
"""

PAGES: dict[str, dict] = {
    "web_locked_dialog": {
        "kind": "ui", "expect": ["Cannot open “Q3 budget.xlsx”: the file is locked by another user."],
        "not_errors": ["Error - Spreadsheet Studio"],
        "html": """<div class=bar>Error - Spreadsheet Studio</div><div class=menu><span>File</span><span>Edit</span><span>View</span><span>Insert</span><span>Format</span><span>Data</span><span>Help</span></div>
<div class=side><div>Recent files</div><div>Q2 forecast.xlsx</div><div>Payroll March.xlsx</div><div>Inventory.xlsx</div></div>
<div class=main><div class=card>Open a workbook from the list or drag a file here.</div></div><div class=shade></div>
<div class=modal><h3>Spreadsheet Studio</h3><div>Cannot open “Q3 budget.xlsx”: the file is locked by another user.</div>
<div>Try again later or open a read-only copy.</div><span class="btn primary">Open read-only</span><span class=btn>Cancel</span></div>""",
    },
    "web_500_toast": {
        "kind": "ui", "expect": ["Request failed with status code 500 (Internal Server Error)"],
        "html": """<div class=bar>Acme Shop Admin</div><div class=menu><span>Orders</span><span>Customers</span><span>Products</span><span>Reports</span><span>Settings</span></div>
<div class=side><div>Dashboard</div><div>Open orders</div><div>Refunds</div><div>Shipping</div></div>
<div class=main><div class="toast">Request failed with status code 500 (Internal Server Error)</div><div class=card>
<table><tr><td>Order</td><td>Customer</td><td>Total</td><td>Status</td></tr><tr><td>#10231</td><td>Maria Lopez</td><td>$84.20</td><td>Paid</td></tr>
<tr><td>#10232</td><td>Kenji Sato</td><td>$12.99</td><td>Pending</td></tr><tr><td>#10233</td><td>Ola Nordmann</td><td>$240.00</td><td>Refunded</td></tr></table></div></div>""",
    },
    "web_nginx_404": {
        "kind": "ui", "expect": ["404 Not Found"], "css": "body{background:#fff;font-family:'DejaVu Serif',serif;font-size:16px}",
        "html": """<center><h1>404 Not Found</h1></center><hr><center>nginx/1.22.1</center>""",
    },
    "web_form_invalid": {
        "kind": "ui", "expect": ["Invalid email address"],
        "html": """<div class=bar>Create your account</div><div class=main style="margin-left:340px;width:520px"><div class=card>
<div>Full name</div><div class=card>Grace Hopper</div><div>Email</div><div class=card>grace.hopper@</div><div class=err>Invalid email address</div>
<div>Password</div><div class=card>••••••••</div><div>Use at least 12 characters.</div><span class="btn primary">Sign up</span></div></div>""",
    },
    "web_django_debug": {
        "kind": "ui", "expect": ["OperationalError at /api/orders/"],
        "css": "body{background:#fff}.hd{background:#ffc;padding:14px 20px;border-bottom:1px solid #ccc}.hd h1{margin:0;font-size:22px;font-weight:normal}td{border:0;padding:3px 10px}",
        "html": """<div class=hd><h1>OperationalError at /api/orders/</h1><h2 style="font-size:16px;font-weight:normal">no such table: orders_order</h2>
<table><tr><td>Request Method:</td><td>GET</td></tr><tr><td>Request URL:</td><td>http://127.0.0.1:8000/api/orders/</td></tr><tr><td>Django Version:</td><td>4.2.7</td></tr>
<tr><td>Exception Type:</td><td>OperationalError</td></tr><tr><td>Exception Value:</td><td>no such table: orders_order</td></tr>
<tr><td>Python Version:</td><td>3.11.7</td></tr></table></div>""",
    },
    "web_settings": {
        "kind": "ui", "expect": [],
        "html": """<div class=bar>Parley Console</div><div class=menu><span>Sessions</span><span>Tickets</span><span>Models</span><span>Settings</span></div>
<div class=side><div>General</div><div>Voice</div><div>Screenshots</div><div>API keys</div><div>Billing</div></div>
<div class=main><div class=card><div>Default voice</div><div>Amy (English, medium)</div></div><div class=card><div>Turn detection</div><div>Server VAD, 500 ms of silence</div></div>
<div class=card><div>Maximum upload size</div><div>10 MB per screenshot</div></div><span class="btn primary">Save changes</span><span class=btn>Discard</span></div>""",
    },
    "web_dark_dashboard": {
        "kind": "ui", "expect": ["Failed to load dashboard: NetworkError when attempting to fetch resource."],
        "css": "body{background:#0d1117;color:#c9d1d9}.bar{background:#161b22}.menu{background:#161b22;border-color:#30363d}.side{background:#161b22;border-color:#30363d;top:72px}.card{background:#161b22;border-color:#30363d}",
        "html": """<div class=bar>Grafite Monitoring</div><div class=menu><span>Home</span><span>Alerts</span><span>Dashboards</span><span>Explore</span></div>
<div class=side><div>Production</div><div>Staging</div><div>Edge nodes</div></div><div class=main><div class=toast>Failed to load dashboard: NetworkError when attempting to fetch resource.</div>
<div class=card><div>CPU usage</div><div>No data</div></div><div class=card><div>Requests per second</div><div>No data</div></div></div>""",
    },
    "web_refused": {
        "kind": "ui", "expect": ["127.0.0.1 refused to connect.", "ERR_CONNECTION_REFUSED"],
        "css": "body{background:#fff;color:#202124}.box{margin:160px auto;width:600px}h1{font-size:24px;font-weight:normal}",
        "html": """<div class=box><h1>This site can’t be reached</h1><div>127.0.0.1 refused to connect.</div><p>Try:</p><div>Checking the connection</div>
<div>Checking the proxy and the firewall</div><p style="color:#5f6368">ERR_CONNECTION_REFUSED</p><span class="btn primary">Reload</span></div>""",
    },
    "doc_article": {
        "kind": "document", "expect": [], "size": (900, 1200),
        "css": "body{background:#fff;font-family:'DejaVu Serif',serif;font-size:17px;line-height:1.5}.p{width:760px;margin:50px auto}p{margin:0 0 12px 0}",
        "html": """<div class=p><h2>Incident report: checkout outage</h2>
<p>On Tuesday at 14:05 UTC the checkout service began returning errors for about one in five requests.</p>
<p>The cause was a configuration change that lowered the database connection pool from forty to four.</p>
<p>Customers saw a spinning button and, after thirty seconds, a message asking them to try again.</p>
<p>We rolled the change back at 14:41 and the error rate returned to normal within two minutes.</p>
<p>Next steps: add an alert on pool saturation and require a second reviewer for pool settings.</p></div>""",
    },
}


def page_lines(html: str) -> list[str]:
    """The page's text as shown: one line per block element (tags stripped)."""
    t = re.sub(r"<(?:/div|/h\d|/p|/center|/tr|hr|br)[^>]*>", "\n", html)
    t = re.sub(r"</td>\s*<td>", " ", t)
    t = re.sub(r"<[^>]+>", " ", t)
    return [" ".join(x.split()) for x in t.split("\n") if x.strip()]


def capture_page(name: str, page: dict, out: Path, chromium: str) -> list[dict]:
    w, h = page.get("size", (1280, 800))
    html = f"<!doctype html><meta charset=utf-8><style>{CSS}{page.get('css', '')}</style><body>{page['html']}</body>"
    tmp = Path(tempfile.mkdtemp(prefix="parley-page-"))
    src = tmp / "page.html"
    src.write_text(html)
    rows = []
    for scale in (1, 2):
        png = out / f"{name}_x{scale}.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                        f"--user-data-dir={tmp / 'profile'}", f"--window-size={w},{h}", f"--force-device-scale-factor={scale}",
                        f"--screenshot={png}", src.as_uri()], check=True, capture_output=True, timeout=120)
        jpg = png.with_suffix(".jpg")
        Image.open(png).convert("RGB").save(jpg, quality=75)
        rows += [{"file": png.name, "scale": scale, "format": "png"}, {"file": jpg.name, "scale": scale, "format": "jpeg"}]
    shutil.rmtree(tmp, ignore_errors=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "tests" / "fixtures" / "screens"))
    ap.add_argument("--only", default="", help="capture only these names (comma-separated substrings)")
    ap.add_argument("--per-screen", type=int, default=2, help="terminal styles per command screen")
    args = ap.parse_args()
    out = Path(args.out)

    def wanted(name: str) -> bool:
        return not args.only or any(part and part in name for part in args.only.split(","))

    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {"images": []}
    keep = {e["file"]: e for e in manifest["images"]}

    def save() -> None:  # after every image, so an interrupted capture keeps what it made
        manifest["images"] = sorted(keep.values(), key=lambda e: e["file"])
        manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")

    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        for i, screen in enumerate(SCREENS):
            if not wanted(screen.name):
                continue
            for j in range(args.per_screen):
                style = STYLES[(i * args.per_screen + j) % len(STYLES)]
                got = capture_terminal(screen, style, out)
                lines = got["lines"]
                expect = list(screen.expect)
                if screen.name == "curl_refused":
                    expect = [ln for ln in lines if ln.startswith("curl: (7)")][:1]
                missing = [e for e in expect if e not in lines and not _wrapped_in(e, lines)]
                if missing or not expect:
                    raise SystemExit(f"{got['file']}: expected error lines not in the record: {missing or 'none'}\n" + "\n".join(lines))
                (out / got["file"]).with_suffix(".txt").write_text("\n".join(lines) + "\n")
                keep[got["file"]] = {"file": got["file"], "kind": "terminal", "source": f"{style.program} ({style.name}), bash, Xvfb",
                                     "reference": Path(got["file"]).with_suffix(".txt").name, "expect": expect,
                                     "not_errors": screen.not_errors}
                save()
                print("captured", got["file"], flush=True)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
    chromium = shutil.which("chromium") or "chromium"
    for name, page in PAGES.items():
        if not wanted(name):
            continue
        ref = f"{name}.txt"
        (out / ref).write_text("\n".join(page_lines(page["html"])) + "\n")
        for row in capture_page(name, page, out, chromium):
            keep[row["file"]] = {"file": row["file"], "kind": page["kind"],
                                 "source": f"headless Chromium, device scale {row['scale']}, {row['format']}" + (" quality 75" if row["format"] == "jpeg" else ""),
                                 "reference": ref, "expect": page["expect"], "not_errors": page.get("not_errors", [])}
            print("captured", row["file"], flush=True)
        save()
    print(f"{len(keep)} images in {manifest_path}")


if __name__ == "__main__":
    sys.exit(main())

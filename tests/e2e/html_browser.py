#!/usr/bin/env python3
"""Opens an incmap HTML map in headless Chromium with networking blocked and checks it through the
DevTools protocol (over --remote-debugging-pipe: no port, no npm package): no console error, no
request other than the file itself (data: and blob: URLs are in the page), the launch and target
colours at their projected pixels in a screenshot, the legend and scale bar, a click on the launch
symbol opens a popup with its name, the keyboard zooms, and with scripts off the <noscript> PNG
shows. Usage: html_browser.py BROWSER MAP.html SCREENSHOT.png
Exit 0 when every check passes, 1 with one line per failed check."""
import base64
import fcntl
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib


class Cdp:
    """The DevTools protocol over Chromium's pipe: fd 3 takes commands, fd 4 gives answers and
    events, each a JSON text ended by a NUL byte."""

    def __init__(self, browser, profile):
        cmd_r, self.cmd_w = os.pipe()
        self.out_r, out_w = os.pipe()
        # the child's fds 3 and 4; moved high first so that dup2 cannot clobber one with the other
        hi_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 100)
        hi_w = fcntl.fcntl(out_w, fcntl.F_DUPFD, 100)

        def child_fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-features=Translate,MediaRouter",
                "--user-data-dir=" + profile, "--remote-debugging-pipe",
                # every host name fails to resolve and every request goes to a closed port, so
                # nothing can leave the machine; the test below also asserts none was attempted
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=1280,900", "--hide-scrollbars", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=child_fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (cmd_r, out_w, hi_r, hi_w):
            os.close(fd)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("no answer from the browser")
            chunk = os.read(self.out_r, 1 << 20)
            if not chunk:
                raise EOFError("the browser closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method:
                return m
            if "method" in m:
                self.events.append(m)

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %s: %s" % (expr[:60], r["exceptionDetails"]))
        return r["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def decode_png(data):
    """RGB(A) 8-bit PNG -> (width, height, channels, bytes): Chromium's screenshots."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "unexpected PNG type"
            ch = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw, stride = zlib.decompress(idat), w * ch
    out, prev = bytearray(), bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - ch] if x >= ch else 0
            b, c = prev[x], prev[x - ch] if x >= ch else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return w, h, ch, bytes(out)


def hex_rgb(s):
    return tuple(int(s[i:i + 2], 16) for i in (1, 3, 5))


def near_count(img, x, y, radius, rgb, tol=40):
    """Pixels within `radius` of (x, y) whose colour is within tol (per channel) of rgb."""
    w, h, ch, px = img
    n = 0
    for yy in range(int(y) - radius, int(y) + radius + 1):
        for xx in range(int(x) - radius, int(x) + radius + 1):
            if 0 <= xx < w and 0 <= yy < h:
                o = (yy * w + xx) * ch
                if all(abs(px[o + k] - rgb[k]) <= tol for k in range(3)):
                    n += 1
    return n


def attach(cdp):
    """Attaches to the browser's page with its events on, at a 1280x900 desktop size."""
    targets = cdp.send("Target.getTargets", session=False)["targetInfos"]
    page_id = next(t["targetId"] for t in targets if t["type"] == "page")
    cdp.session = cdp.send("Target.attachToTarget", {"targetId": page_id, "flatten": True},
                           session=False)["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        cdp.send(domain + ".enable")
    cdp.send("Emulation.setDeviceMetricsOverride",
             {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})


def page_problems(events, url):
    """(console errors, requests other than url itself and data:/blob: URLs) among events."""
    errors, requests = [], []
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.exceptionThrown":
            errors.append(p["exceptionDetails"].get("text", "exception"))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
        elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append(p["entry"]["text"])
        elif m == "Network.requestWillBeSent":
            u = p["request"]["url"]
            if u != url and not u.startswith(("data:", "blob:")):
                requests.append(u)
    return errors, requests


def open_page(cdp, page):
    """Opens the page and waits for the map to be drawn; returns its URL."""
    url = "file://" + os.path.abspath(page)
    cdp.send("Page.navigate", {"url": url})
    cdp.wait_event("Page.loadEventFired")
    for _ in range(100):
        if cdp.eval("!!(window.incmap && document.querySelector('.leaflet-control-scale-line'))"):
            break
        time.sleep(0.1)
    time.sleep(0.5)  # a frame or two for the canvas
    return url


def enter_popup(cdp, role):
    """Focuses the role's symbol, presses Enter and returns its popup's heading (or None)."""
    cdp.eval("document.querySelector('.incmap-symbol.incmap-%s').focus(), 0" % role)
    for kind in ("rawKeyDown", "char", "keyUp"):
        cdp.send("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                            "windowsVirtualKeyCode": 13, "text": "\r"})
    time.sleep(0.3)
    return cdp.eval("(document.querySelector('.leaflet-popup-content h2') || {}).textContent")


class Checks:
    """Prints each check as `ok   what` or `FAIL what`; failed() is the exit status."""

    def __init__(self, name):
        self.name, self.failures = name, []

    def __call__(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.failures.append(what)

    def failed(self):
        if self.failures:
            print("%s: %d check(s) failed" % (self.name, len(self.failures)), file=sys.stderr)
        return 1 if self.failures else 0


def run(browser, checks, body):
    """Runs body(cdp) on a fresh headless browser attached to its page, then closes it."""
    profile = tempfile.mkdtemp(prefix="incmap-chromium-")
    cdp = Cdp(browser, profile)
    try:
        attach(cdp)
        body(cdp)
    finally:
        cdp.close()
        shutil.rmtree(profile, ignore_errors=True)
    return checks.failed()


def main():
    browser, page, shot = sys.argv[1:4]
    url = "file://" + os.path.abspath(page)
    check = Checks("html_browser")

    def body(cdp):
        open_page(cdp, page)

        info = cdp.eval("""(() => {
            const m = window.incmap.map, r = m.getContainer().getBoundingClientRect();
            const inc = JSON.parse(document.getElementById('incmap-incidents').textContent);
            const ov = JSON.parse(document.getElementById('incmap-overlays').textContent);
            const px = (role) => {
              const s = ov.features.find(o => o.properties.kind === 'symbol' && o.properties.role === role);
              if (!s) return null;
              const p = m.latLngToContainerPoint([s.geometry.coordinates[1], s.geometry.coordinates[0]]);
              return {x: p.x + r.left, y: p.y + r.top, name: inc.features[s.properties.feature].properties.name};
            };
            return {launch: px('launch'), target: px('target'), zoom: m.getZoom(),
                    colors: window.incmap.config.colors,
                    legend: [...document.querySelectorAll('.incmap-legend li')].map(l => l.textContent),
                    scale: (document.querySelector('.leaflet-control-scale-line') || {}).textContent,
                    title: document.querySelector('h1').textContent,
                    save: document.getElementById('incmap-save').hidden ? '' :
                          document.getElementById('incmap-download').href};
        })()""")
        shot_b64 = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot, "wb") as f:
            f.write(base64.b64decode(shot_b64))
        img = decode_png(base64.b64decode(shot_b64))
        launch, target = info["launch"], info["target"]
        check(launch is not None and target is not None, "launch and target symbols in the page")
        if launch and target:
            lc, tc = hex_rgb(info["colors"]["launch"]), hex_rgb(info["colors"]["target"])
            n_launch = near_count(img, launch["x"], launch["y"], 3, lc)
            n_target = near_count(img, target["x"], target["y"], 12, tc)
            check(n_launch >= 20, "launch colour %s at its pixel (%.0f, %.0f): %d of 49 pixels"
                  % (info["colors"]["launch"], launch["x"], launch["y"], n_launch))
            check(n_target >= 10, "target colour %s around its pixel (%.0f, %.0f): %d pixels"
                  % (info["colors"]["target"], target["x"], target["y"], n_target))
            # and not everywhere: the top-left corner of the map is base map, not launch colour
            check(near_count(img, 60, 200, 3, lc) == 0, "no launch colour far from the launch")
        check(any("Launch site" in t for t in info["legend"]) and len(info["legend"]) >= 3,
              "legend lists the symbols: %s" % "; ".join(info["legend"]))
        check(info["save"].startswith("blob:"),
              "the GeoJSON save link points into the page: %r" % info["save"][:40])
        check(bool(info["scale"]) and (info["scale"].endswith(" km") or info["scale"].endswith(" m")),
              "scale bar: %r" % info["scale"])

        if launch:
            for kind in ("mousePressed", "mouseReleased"):
                cdp.send("Input.dispatchMouseEvent", {"type": kind, "x": launch["x"],
                                                      "y": launch["y"], "button": "left",
                                                      "clickCount": 1})
            time.sleep(0.3)
            popup = cdp.eval("(document.querySelector('.leaflet-popup-content h2') || {}).textContent")
            check(popup == launch["name"], "click on the launch opens its popup: %r (want %r)"
                  % (popup, launch["name"]))
            cdp.eval("window.incmap.map.closePopup(), 0")
            # the keyboard way: Tab reaches the symbol (focused here), Enter opens its popup
            popup = enter_popup(cdp, "launch")
            check(popup == launch["name"], "Enter on the focused launch symbol opens its popup: %r"
                  % popup)
            cdp.eval("window.incmap.map.closePopup(), 0")

        z0 = cdp.eval("document.getElementById('map').focus(), window.incmap.map.getZoom()")
        for kind in ("keyDown", "keyUp"):
            cdp.send("Input.dispatchKeyEvent", {"type": kind, "key": "+", "code": "Equal",
                                                "windowsVirtualKeyCode": 187, "text": "+"
                                                if kind == "keyDown" else ""})
        time.sleep(0.8)
        z1 = cdp.eval("window.incmap.map.getZoom()")
        check(z1 > z0, "the + key zooms in: %s -> %s" % (z0, z1))

        errors, requests = page_problems(cdp.events, url)
        check(not errors, "no console errors%s" % (": " + " | ".join(errors) if errors else ""))
        check(not requests, "no network requests%s" % (": " + " ".join(requests) if requests else ""))

        # a phone: the page fits the width, the title and legend stay readable
        cdp.send("Emulation.setDeviceMetricsOverride",
                 {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True})
        cdp.send("Page.navigate", {"url": url})
        cdp.wait_event("Page.loadEventFired")
        time.sleep(0.5)
        phone = cdp.eval("""(() => ({
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
            legend: parseFloat(getComputedStyle(document.querySelector('.incmap-legend')).fontSize),
            map: document.getElementById('map').getBoundingClientRect().height}))()""")
        check(phone["overflow"] <= 0 and phone["h1"] >= 16 and phone["legend"] >= 12
              and phone["map"] >= 300, "on a 390 px phone: %s" % phone)

        # scripts off: the <noscript> static map shows instead
        cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        cdp.send("Page.navigate", {"url": url})
        cdp.wait_event("Page.loadEventFired")
        time.sleep(0.3)
        w = cdp.eval("(() => { const i = document.querySelector('.incmap-static img');"
                     " return i ? i.naturalWidth * (i.getBoundingClientRect().width > 0) : 0; })()")
        check(w and w > 0, "with scripts off the <noscript> PNG shows (natural width %s)" % w)
    return run(browser, check, body)


if __name__ == "__main__":
    sys.exit(main())

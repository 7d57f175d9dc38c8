#!/usr/bin/env python3
"""The HTML map draws what the static map draws: opens incmap pages in headless Chromium (the
DevTools pipe of html_browser.py, networking blocked) and checks the layers beyond Natural Earth.
Usage: html_layers.py BROWSER EXAMPLE.html DISPUTED.html GULF.html COAST.html SCREENSHOT_PREFIX
- EXAMPLE.html (the example, ~900 km across): GSHHG rivers and lakes are drawn (the page's count,
  and the river colour in the screenshot at the rivers' projected vertices), the credits name
  GSHHG and say the boundaries are not authoritative;
- DISPUTED.html (a launch written "Ḩamāh" and a target on the Golan): the occupied area is
  hatched (an SVG path filled with the disputed pattern) and in the legend, the ceasefire line is
  dashed and labelled, and labels and the popup write the conventional name "Hama";
- GULF.html (across a gulf, ~500 km): the gulf is named, in the sea label's colour;
- COAST.html (a stretch of coast ~80 km across): GSHHG's detailed coastline is drawn, as on a
  static map under 300 km across;
- all: no console error, no network request.
Exit 0 when every check passes, 1 with one line per failed check."""
import base64
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_browser import (Checks, decode_png, enter_popup, hex_rgb, near_count,  # noqa: E402
                          open_page, page_problems, run)


def problems(cdp, url):
    """Console errors and requests other than the page itself since the last call."""
    errors, requests = page_problems(cdp.events, url)
    cdp.events.clear()
    return errors + ["request " + u for u in requests]


def main():
    browser, example, disputed, gulf, coast, shot = sys.argv[1:7]
    check = Checks("html_layers")

    def body(cdp):
        # ---- the example: rivers, lakes, credits
        url = open_page(cdp, example)
        info = cdp.eval("""(() => {
            const m = window.incmap.map, r = m.getContainer().getBoundingClientRect();
            const base = JSON.parse(document.getElementById('incmap-base').textContent);
            const view = m.getBounds(), pts = [];
            base.features.filter(f => f.properties.k === 'r' && f.properties.v === 1)
              .forEach(f => f.geometry.coordinates.forEach(line => line.forEach(c => {
                const ll = L.latLng(c[1], c[0]);
                if (view.contains(ll)) {
                  const p = m.latLngToContainerPoint(ll);
                  pts.push([p.x + r.left, p.y + r.top]);
                }
              })));
            return {shown: window.incmap.shown || {rivers: 0, lakes: 0, seas: []}, river: window.incmap.config.colors.river,
                    pts: pts, attribution: document.querySelector('.leaflet-control-attribution').textContent,
                    footer: document.querySelector('.incmap-foot').textContent};
        })()""")
        shot_b64 = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot + "-example.png", "wb") as f:
            f.write(base64.b64decode(shot_b64))
        img = decode_png(base64.b64decode(shot_b64))
        shown = info["shown"]
        check(shown["rivers"] > 0 and shown["lakes"] > 0,
              "rivers and lakes drawn on the example: %d rivers, %d lakes"
              % (shown["rivers"], shown["lakes"]))
        # the major rivers' vertices in view (away from the top bar and the legend) show blue
        rgb = hex_rgb(info.get("river") or "#000000")  # an older page has no river colour
        pts = [p for p in info["pts"] if 120 < p[1] < 780 and p[0] < 1100]
        hit = sum(1 for x, y in pts if near_count(img, x, y, 1, rgb, 30) > 0)
        check(len(pts) >= 20 and hit >= 0.5 * len(pts),
              "river colour %s at %d of %d major-river vertices in view" % (info.get("river"), hit,
                                                                             len(pts)))
        for where in ("attribution", "footer"):
            t = info[where]
            check("GSHHG (LGPL)" in t and "Boundaries are not authoritative" in t,
                  "the %s credits GSHHG and the boundaries disclaimer: %r" % (where, t[:160]))
        p = problems(cdp, url)
        check(not p, "example: no console errors or requests%s" % (": " + " | ".join(p) if p else ""))

        # ---- a map with an occupied area, a ceasefire line and a name with diacritics
        url = open_page(cdp, disputed)
        info = cdp.eval("""(() => ({
            hatch: document.querySelectorAll('path[fill="url(#incmap-disputed)"]').length,
            legend: [...document.querySelectorAll('.incmap-legend li')].map(l =>
                      l.getAttribute('data-key') + ':' + l.textContent),
            dashed: [...document.querySelectorAll('path.incmap-defacto')]
                      .filter(p => p.getAttribute('stroke-dasharray')).length,
            labels: [...document.querySelectorAll('.incmap-label span')].map(s => s.textContent),
            shown: window.incmap.shown || {}}))()""")
        shot_b64 = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot + "-disputed.png", "wb") as f:
            f.write(base64.b64decode(shot_b64))
        check(info["hatch"] > 0, "the occupied area is hatched: %d paths" % info["hatch"])
        check(any(e.startswith("disputed:Disputed or occupied area") for e in info["legend"]),
              "the legend lists it: %s" % "; ".join(info["legend"]))
        check(info["dashed"] > 0, "the ceasefire line is dashed: %d paths" % info["dashed"])
        check("1974 ceasefire line" in info["labels"],
              "the ceasefire line is labelled: %s" % info["labels"][:12])
        check("Hama" in info["labels"] and not any("\u1e28" in t for t in info["labels"]),
              "the launch is labelled with its conventional name Hama: %s" % info["labels"][:6])
        popup = enter_popup(cdp, "launch")
        check(popup == "Hama", "the launch's popup is headed Hama: %r" % popup)
        p = problems(cdp, url)
        check(not p, "disputed: no console errors or requests%s" % (": " + " | ".join(p) if p else ""))

        # ---- a map across a gulf: its name, in the style's sea label colour
        url = open_page(cdp, gulf)
        info = cdp.eval("""(() => ({shown: (window.incmap.shown || {}).seas || [],
            colour: window.incmap.config.colors.sea_label,
            labels: [...document.querySelectorAll('.incmap-label.sea span')].map(s =>
                      [s.textContent, getComputedStyle(s).color, getComputedStyle(s).fontStyle])}))()""")
        shot_b64 = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot + "-gulf.png", "wb") as f:
            f.write(base64.b64decode(shot_b64))
        want = "rgb(%d, %d, %d)" % hex_rgb(info.get("colour") or "#000000")
        check(len(info["labels"]) > 0 and all(l[1] == want and l[2] == "italic" for l in info["labels"])
              and [l[0] for l in info["labels"]] == info["shown"],
              "the gulf is named in italic %s: %s" % (info.get("colour"), info["labels"]))
        p = problems(cdp, url)
        check(not p, "gulf: no console errors or requests%s" % (": " + " | ".join(p) if p else ""))

        # ---- a city-scale map: the detailed coast
        url = open_page(cdp, coast)
        shown = cdp.eval("window.incmap.shown || {}")
        check(shown.get("coast", 0) > 0, "the detailed coast: %s coastlines" % shown.get("coast"))
        shot_b64 = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(shot + "-coast.png", "wb") as f:
            f.write(base64.b64decode(shot_b64))
        p = problems(cdp, url)
        check(not p, "coast: no console errors or requests%s" % (": " + " | ".join(p) if p else ""))
    return run(browser, check, body)


if __name__ == "__main__":
    sys.exit(main())

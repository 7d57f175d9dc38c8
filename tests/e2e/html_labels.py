#!/usr/bin/env python3
"""The HTML map writes the words the static map writes (in headless Chromium, networking blocked,
through html_browser.py's DevTools pipe). Usage: html_labels.py BROWSER EXAMPLE.html SEA.html
ISTHMUS.html
- EXAMPLE.html (the example): the border crossed is labelled with the static map's words, in its
  own label class, and the air bases and airports the static map labels near the incident (the
  page's key_site overlays) show as diamonds with their names, one at least in the first view;
  the legend lists them; the arrow runs through no launch or target label (an area's label at its
  middle, where the arrow ends, moves below or above it);
- SEA.html (a missile from Crimea across the sea at Odesa): no border is highlighted or labelled;
- ISTHMUS.html (across the Crimean isthmus): the highlight is dashed, labelled with the de facto
  line's name, and the legend row says so;
- all: no console error, no network request.
Exit 0 when every check passes, 1 with one line per failed check."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_browser import Checks, open_page, page_problems, run  # noqa: E402

STATE = """(() => {
  const ov = JSON.parse(document.getElementById('incmap-overlays').textContent);
  const c = window.incmap.config.colors.border.toLowerCase();
  const texts = (sel) => [...document.querySelectorAll(sel)].map(e => e.textContent);
  const strokes = [...document.querySelectorAll('path.leaflet-interactive')]
    .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === c);
  return {
    border: ov.features.filter(o => o.properties.kind === 'border').map(o => o.properties.label),
    sites: ov.features.filter(o => o.properties.kind === 'key_site').map(o => o.properties.label),
    borderLabels: texts('.incmap-label.border'), siteLabels: texts('.incmap-label.keysite'),
    diamonds: document.querySelectorAll('.incmap-keysite').length,
    roles: texts('.incmap-label.role'),
    // role labels that an arrow runs through: the arrow's path sampled every 2 px on screen
    onArrow: (() => {
      const a = window.incmap.config.colors.arrow.toLowerCase(), pts = [];
      [...document.querySelectorAll('path')]
        .filter(p => (p.getAttribute('stroke') || '').toLowerCase() === a).forEach(p => {
          const n = p.getTotalLength(), m = p.getScreenCTM();
          for (let l = 0; l <= n; l += 2) {
            const q = p.getPointAtLength(l);
            pts.push([q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f]);
          }
        });
      return [...document.querySelectorAll('.incmap-label.role span')].filter(e => {
        const r = e.getBoundingClientRect();
        return pts.some(([x, y]) => x > r.left + 1 && x < r.right - 1 && y > r.top + 1 &&
                        y < r.bottom - 1);
      }).map(e => e.textContent);
    })(),
    strokes: strokes.length, dashed: strokes.filter(p => p.getAttribute('stroke-dasharray')).length,
    legend: texts('.incmap-legend li')};
})()"""


def main():
    browser, example, sea, isthmus = sys.argv[1:5]
    check = Checks("html_labels")

    def body(cdp):
        for page in (example, sea, isthmus):
            url = "file://" + os.path.abspath(page)
            cdp.events.clear()
            open_page(cdp, page)
            s = cdp.eval(STATE)
            name = os.path.basename(page)
            if page == example:
                check(len(s["border"]) == 1 and s["borderLabels"] == s["border"],
                      "%s: the border crossed labelled %s (overlay: %s)"
                      % (name, s["borderLabels"], s["border"]))
                check(s["strokes"] >= 1 and s["dashed"] == 0,
                      "%s: the border highlighted solid (%d paths, %d dashed)"
                      % (name, s["strokes"], s["dashed"]))
                shown = [t for t in s["siteLabels"] if t in s["sites"]]
                check(len(s["sites"]) > 0 and len(shown) >= 1 and s["diamonds"] == len(shown),
                      "%s: key sites labelled %s of %s, %d diamonds"
                      % (name, shown, s["sites"], s["diamonds"]))
                check("Air base or airport" in s["legend"], "%s: legend %s" % (name, s["legend"]))
                check("Zummar" in s["roles"], "%s: role labels %s" % (name, s["roles"]))
                check(not s["onArrow"], "%s: the arrow runs through the labels %s"
                      % (name, s["onArrow"]))
            elif page == sea:
                check(not s["border"] and not s["borderLabels"] and s["strokes"] == 0
                      and "Border crossed" not in s["legend"],
                      "%s: no border highlighted where the arrow crosses none (%s, %s, %d paths)"
                      % (name, s["border"], s["borderLabels"], s["strokes"]))
            else:
                check(s["strokes"] >= 1 and s["dashed"] == s["strokes"],
                      "%s: the line crossed highlighted dashed (%d of %d paths)"
                      % (name, s["dashed"], s["strokes"]))
                check(len(s["borderLabels"]) == 1 and "border" not in s["borderLabels"][0]
                      and "De facto line crossed" in s["legend"],
                      "%s: labelled %s, legend %s" % (name, s["borderLabels"], s["legend"]))
            errors, requests = page_problems(cdp.events, url)
            check(not errors and not requests, "%s: no console errors or requests %s"
                  % (name, errors + requests))
    return run(browser, check, body)


if __name__ == "__main__":
    sys.exit(main())

"""Point in a GeoJSON (Multi)Polygon for the e2e scripts (even-odd over every ring, so holes count)."""


def inside(geom, lat, lon):
    """True when (lat, lon) lies in the Polygon or MultiPolygon geom; False for any other type."""
    t = geom.get("type")
    polys = [geom["coordinates"]] if t == "Polygon" else geom["coordinates"] if t == "MultiPolygon" else []
    for poly in polys:
        hit = False
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                    hit = not hit
        if hit:
            return True
    return False

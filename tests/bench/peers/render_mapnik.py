#!/usr/bin/env python3
"""Mapnik 3 drawing the benchmark map: the same extent, projection (Lambert azimuthal equal-area
at the same centre), size (1600x1200) and map layers as `incmap render`: sea, country fills and
boundaries, admin-1 lines, country names, populated places (Mapnik avoids label collisions),
target area, border, launch -> target line, launch/site/mention symbols and labels, and an inset
locator composited in the corner. Mapnik has no title, legend, scale bar or north arrow, so it
draws less than incmap does: the comparison flatters it.
Reads the gazetteer GeoPackage through Mapnik's OGR plugin and the incidents GeoJSON directly.
Needs: Debian packages python3-mapnik and mapnik-utils (Mapnik 3.1), fonts-noto-core.
usage: render_mapnik.py GAZETTEER.gpkg INCIDENTS.geojson OUT.png W S E N LON0 LAT0
"""
import sys
from xml.sax.saxutils import quoteattr

import mapnik

GZ, EX, OUT = sys.argv[1:4]
W, S, E, N, LON0, LAT0 = (float(v) for v in sys.argv[4:10])
SRS = f"+proj=laea +lat_0={LAT0} +lon_0={LON0} +datum=WGS84 +units=m +no_defs"
LL = "+proj=longlat +datum=WGS84 +no_defs"
FOCUS = "([country] = 'IQ' or [country] = 'SY')"


def ogr(sql):
    return (f'<Parameter name="type">ogr</Parameter><Parameter name="file">{GZ}</Parameter>'
            f'<Parameter name="layer_by_sql">{sql}</Parameter>')


def text(size, fill, face="Noto Sans Regular", dx=0, placement="point"):
    return (f'<TextSymbolizer face-name="{face}" size="{size}" fill="{fill}" halo-fill="#ffffff"'
            f' halo-radius="1.5" dx="{dx}" placement="{placement}">[name]</TextSymbolizer>')


def layer(name, styles, ds):
    st = "".join(f"<StyleName>{s}</StyleName>" for s in styles)
    return f'<Layer name="{name}" srs="{LL}">{st}<Datasource>{ds}</Datasource></Layer>'


def map_xml(main):
    inc = f'<Parameter name="type">geojson</Parameter><Parameter name="file">{EX}</Parameter>'
    styles = f"""
<Style name="countries">
  <Rule><Filter>{FOCUS}</Filter><PolygonSymbolizer fill="#fbfaf7"/></Rule>
  <Rule><Filter>not {FOCUS}</Filter><PolygonSymbolizer fill="#e8e5de"/></Rule>
  <Rule><LineSymbolizer stroke="#827a6e" stroke-width="1.2"/></Rule>
</Style>
<Style name="admin1"><Rule><LineSymbolizer stroke="#b8b0a3" stroke-width="0.6"/></Rule></Style>
<Style name="country-names"><Rule>{text(14, "#6b645a", placement="interior")}</Rule></Style>
<Style name="incident-areas">
  <Rule><Filter>[role] = 'target'</Filter><PolygonSymbolizer fill="#e69f00" fill-opacity="0.3"/>
    <LineSymbolizer stroke="#e69f00" stroke-width="1.6"/></Rule>
  <Rule><Filter>[role] = 'border'</Filter><LineSymbolizer stroke="#ffffff" stroke-width="6.6"/>
    <LineSymbolizer stroke="#0072b2" stroke-width="3.5"/></Rule>
</Style>
<Style name="arrow"><Rule><LineSymbolizer stroke="#262626" stroke-width="2.3"/>
  <MarkersSymbolizer file="shape://arrow" placement="line" spacing="10000" fill="#262626"
    width="14" height="10"/></Rule></Style>
<Style name="places"><Rule>
  <MarkersSymbolizer fill="#333333" width="5" height="5" stroke="#ffffff" stroke-width="1"/>
  {text(10.4, "#333333", dx=8)}</Rule></Style>
<Style name="symbols">
  <Rule><Filter>[role] = 'launch'</Filter>
    <MarkersSymbolizer fill="#d55e00" width="18" height="18"
      stroke="#ffffff" stroke-width="1.5" allow-overlap="true"/>
    {text(13.3, "#1c1c1c", "Noto Sans Bold", dx=14)}</Rule>
  <Rule><Filter>[role] = 'site'</Filter>
    <MarkersSymbolizer fill="#009e73" width="14" height="14"
      stroke="#ffffff" stroke-width="1.5" allow-overlap="true"/>
    {text(13.3, "#1c1c1c", "Noto Sans Bold", dx=14)}</Rule>
  <Rule><Filter>[role] = 'mention'</Filter>
    <MarkersSymbolizer fill="#ffffff" width="7" height="7" stroke="#767676" stroke-width="1.5"/>
    {text(10.4, "#5c5c5c", dx=8)}</Rule>
  <Rule><Filter>[role] = 'target'</Filter>{text(13.3, "#1c1c1c", "Noto Sans Bold", placement="interior")}</Rule>
</Style>
<Style name="frame"><Rule><PolygonSymbolizer fill="#d55e00" fill-opacity="0.18"/>
  <LineSymbolizer stroke="#d55e00" stroke-width="2"/></Rule></Style>"""
    layers = [layer("countries", ["countries"], ogr("SELECT * FROM areas WHERE kind = 'country'"))]
    if main:
        arrow = ('<Parameter name="type">csv</Parameter><Parameter name="inline">wkt\n'
                 '"LINESTRING(42.6 36.65, 40.95 36.33)"\n</Parameter>')
        layers += [layer("admin1", ["admin1"], ogr("SELECT * FROM areas WHERE kind = 'admin1'")),
                   layer("names", ["country-names"],
                         ogr("SELECT * FROM areas WHERE kind = 'country'")),
                   layer("incident-areas", ["incident-areas"], inc),
                   layer("arrow", ["arrow"], arrow),
                   layer("symbols", ["symbols"], inc),
                   layer("places", ["places"],
                         ogr("SELECT * FROM places WHERE population &gt;= 30000"))]
    else:
        frame = ('<Parameter name="type">csv</Parameter><Parameter name="inline">wkt\n'
                 f'"POLYGON(({W} {S},{E} {S},{E} {N},{W} {N},{W} {S}))"\n</Parameter>')
        layers.append(layer("frame", ["frame"], frame))
    return (f'<Map srs={quoteattr(SRS)} background-color="#d6e4ec" '
            f'font-directory="/usr/share/fonts/truetype/noto">{styles}{"".join(layers)}</Map>')


def render(width, height, bbox, main):
    m = mapnik.Map(width, height)
    mapnik.load_map_from_string(m, map_xml(main))
    m.zoom_to_box(mapnik.ProjTransform(mapnik.Projection(LL), mapnik.Projection(SRS))
                  .forward(bbox))
    image = mapnik.Image(width, height)
    mapnik.render(m, image)
    return image


image = render(1600, 1200, mapnik.Box2d(W, S, E, N), True)
inset = render(340, 265, mapnik.Box2d(LON0 - 17, LAT0 - 12, LON0 + 17, LAT0 + 12), False)
image.composite(inset, mapnik.CompositeOp.src_over, 1.0, 1600 - 352, 12)
image.save(OUT, "png")

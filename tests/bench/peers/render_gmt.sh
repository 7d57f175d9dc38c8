#!/usr/bin/env bash
# GMT 6 drawing the benchmark map: the same extent (lon/lat corners), projection (Lambert
# azimuthal equal-area at the same centre), size (1600x1200 px at 96 dpi), layers and furniture as
# `incmap render` (sea, country fills and boundaries, admin-1 lines, country names, places, target
# area with hatch, border, launch -> target geovector, launch/site symbols, labels, title, legend,
# scale bar, north arrow, graticule, inset locator, credits). GMT cannot avoid label collisions,
# and its PostScript fonts do not shape UTF-8 (accented and Arabic names come out garbled).
# Needs: Debian packages gmt (GMT 6) and ghostscript (GMT makes PNG through gs), and the files
# prepare.sh writes.
# usage: render_gmt.sh PREPDIR OUT.png W S E N LON0 LAT0
set -eu
P=$1 OUT=$2 W=$3 S=$4 E=$5 N=$6 LON0=$7 LAT0=$8
PREFIX=${OUT%.png}
export GMT_SESSION_NAME=incmap-bench-$$
cd "$P"
gmt begin "$PREFIX" png E96
gmt set PS_MEDIA 17ix13.5i MAP_FRAME_TYPE plain FONT_ANNOT_PRIMARY 7p,Helvetica,#5c5c5c FONT_TITLE 19p,Helvetica-Bold,#1c1c1c \
    MAP_GRID_PEN_PRIMARY 0.3p,#8fa6ba MAP_TITLE_OFFSET 8p
gmt basemap -R$W/$S/$E/$N+r -JA$LON0/$LAT0/12.6i -Bxa2fg2 -Bya2fg2 \
    -BWSne+g#d6e4ec+t"Rocket attack from Zummar toward northeastern Syria, 21 April 2024" -X0.6i -Y0.6i
gmt plot countries.gmt -G#e8e5de -W0.9p,#827a6e
gmt plot focus.gmt -G#fbfaf7 -W0.9p,#827a6e
gmt plot admin1.gmt -W0.45p,#b8b0a3
gmt text country_labels.txt -F+f10p,Helvetica,#6b645a+jCM
gmt plot target.gmt -G#e69f00@78 -W1.2p,#e69f00
gmt plot target.gmt -Gp9+f#e69f00+b-+r96
gmt plot border.gmt -W5p,white
gmt plot border.gmt -W2.6p,#0072b2
echo "42.6 36.65 40.95 36.33" | gmt plot -S=0.35c+e+s+gblack+h0.5 -W1.7p,#262626
echo "42.6 36.65" | gmt plot -St0.22i -G#d55e00 -W1p,white
echo "44.55 32.55" | gmt plot -Ss0.17i -G#009e73 -W1p,white
echo "44.4009 33.3406" | gmt plot -Sc0.07i -Gwhite -W1p,#767676
awk '{print $1, $2}' places.txt | gmt plot -Sc0.05i -G#333333 -W0.5p,white
gmt text places.txt -F+f7.8p,Helvetica,#333333+jLM -D0.07i/0
printf '42.6 36.65 Zummar\n40.95 36.33 northeastern Syria\n44.55 32.55 Babil Governorate\n' |
    gmt text -F+f10p,Helvetica-Bold,#1c1c1c+jLM -D0.14i/0
echo "41.35 35.2 Iraq-Syria border" | gmt text -F+f9p,Helvetica-BoldOblique,#0072b2+jLM -D0.1i/0
gmt basemap -LjBR+w200k+c$LON0/$LAT0+f+o0.3i/0.3i -F+gwhite+p0.5p,gray
gmt basemap -TdjBR+w0.45i+o0.4i/1.0i
gmt legend -DjBL+w2.2i+o0.15i -F+gwhite+p0.5p,gray <<'LEG'
H 9p,Helvetica-Bold KEY
S 0.15i t 0.2i #d55e00 0.5p,white 0.35i Launch site
S 0.15i r 0.25i/0.14i #e69f00@70 1p,#e69f00 0.35i Target area
S 0.15i - 0.25i - 2.6p,#0072b2 0.35i Border crossed
S 0.15i - 0.25i - 1.7p,#262626 0.35i Direction of fire
S 0.15i s 0.16i #009e73 0.5p,white 0.35i Incident site
S 0.15i c 0.08i white 1p,#767676 0.35i Also mentioned
S 0.15i c 0.05i #333333 - 0.35i Town or city
LEG
gmt inset begin -DjTR+w3.4i/2.65i+o0.12i -F+p0.8p,#3c3c3c+g#d6e4ec
gmt plot wide.gmt -R$(echo "$LON0 - 17" | bc)/$(echo "$LAT0 - 12" | bc)/$(echo "$LON0 + 17" | bc)/$(echo "$LAT0 + 12" | bc)+r \
    -JA$LON0/$LAT0/3.4i -G#e8e5de -W0.3p,#827a6e
printf "$W $S\n$E $S\n$E $N\n$W $N\n$W $S\n" | gmt plot -W1.6p,#d55e00 -G#d55e00@82 -A
gmt inset end
echo "Map data: GeoNames (CC BY 4.0), Natural Earth, OurAirports" |
    gmt text -F+cBL+f6.8p,Helvetica,#5c5c5c+jTL -D0/-0.35i -N
gmt end

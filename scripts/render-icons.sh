#!/usr/bin/env bash
# Renders the login window's button icons (resources/icons/key.svg, card.svg) to PNG at 1x
# (16 px, the button icon size of Qt's styles) and 2x (32 px, HiDPI screens), next to the
# SVG sources. Run it after changing one of those SVGs and commit the PNGs.
#
# Why PNG at all: an SVG icon makes Qt load its SVG icon engine plugin (and Qt6Svg) while
# the window is built, before it is shown (docs/BENCHMARKS.md, "Third round"); a PNG is
# read by Qt's built-in image reader.
#
# It renders with Qt's own SVG icon engine (offscreen), so the PNGs are the pixels the
# window showed from the SVGs. Needs a C++ compiler and Qt 6 Gui development files.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
icons=$root/resources/icons
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/render.cpp" <<'CPP'
#include <QGuiApplication>
#include <QIcon>
#include <QPixmap>
#include <cstdio>

// render SVG PNG SIZE
int main(int argc, char* argv[])
{
    QGuiApplication app(argc, argv);
    if (argc != 4)
        return 2;
    const int size = QString::fromLocal8Bit(argv[3]).toInt();
    const QPixmap pixmap = QIcon(QString::fromLocal8Bit(argv[1])).pixmap(size, size);
    if (pixmap.isNull() || !pixmap.save(QString::fromLocal8Bit(argv[2]), "PNG")) {
        std::fprintf(stderr, "render-icons: cannot render %s\n", argv[1]);
        return 1;
    }
    return 0;
}
CPP
# shellcheck disable=SC2046
g++ -std=c++17 -fPIC -o "$work/render" "$work/render.cpp" $(pkg-config --cflags --libs Qt6Gui)

for name in key card; do
  QT_QPA_PLATFORM=offscreen "$work/render" "$icons/$name.svg" "$icons/$name.png" 16
  QT_QPA_PLATFORM=offscreen "$work/render" "$icons/$name.svg" "$icons/$name@2x.png" 32
done
echo "render-icons: $(cd "$icons" && ls key*.png card*.png | tr '\n' ' ')"

#!/usr/bin/env bash
# Takes every screenshot in docs/screenshots from a real embedded lab, under Xvfb.
# Builds lab-backend and the console, starts its own virtual display, runs LabScreenshotTool
# (which starts the lab, runs traffic for a few minutes and shoots each view, light and dark,
# then plays one exercise's scenario and shoots the Exercises view, and last takes the views
# again in a 1024x700 window: *-1024x700.png).
# Needs Java 17, GTK 3 and Xvfb (Debian/Ubuntu: apt-get install -y libgtk-3-0 xvfb).
# Environment: TRAFFIC_SECONDS (default 180) sets how long traffic runs before the shots;
# SCREENSHOT_DISPLAY (default :95) the Xvfb display number; SHOTS_ONLY=compare only the Compare
# view's shots; SHOTS_WIDTH/SHOTS_HEIGHT (default 1440x900) another window size, e.g. 1024x700.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
display="${SCREENSHOT_DISPLAY:-:95}"
traffic_seconds="${TRAFFIC_SECONDS:-180}"

if ! command -v Xvfb >/dev/null 2>&1; then
    echo "Xvfb is missing. Install the virtual display and GTK 3, e.g.:" >&2
    echo "  sudo apt-get install -y --no-install-recommends libgtk-3-0 xvfb" >&2
    exit 1
fi

echo "Building (lab-backend jar, desktop classes and test classes)..."
cd "$root"
./mvnw -B -q -DskipTests package
./mvnw -B -q -DskipTests -pl desktop/gui -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/screenshot-cp.txt -Dmdep.includeScope=test
cd "$root/desktop/gui"
classpath="target/classes:target/test-classes:$(cat target/screenshot-cp.txt)"

Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
sleep 2
if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "Xvfb did not start on $display (is the display taken? set SCREENSHOT_DISPLAY)" >&2
    exit 1
fi

echo "Taking the screenshots (about $((traffic_seconds / 60 + 2)) minutes)..."
DISPLAY="$display" java -Dprism.order=sw -Dshots.trafficSeconds="$traffic_seconds" \
    -Dshots.only="${SHOTS_ONLY:-}" -Dshots.width="${SHOTS_WIDTH:-1440}" -Dshots.height="${SHOTS_HEIGHT:-900}" \
    -cp "$classpath" dev.otellab.ui.LabScreenshotTool "$here"
if [ -n "${SHOTS_ONLY:-}" ]; then
    echo "Screenshots written to $here"
    exit 0
fi
echo "The Lab view in Docker and Remote mode..."
DISPLAY="$display" java -Dprism.order=sw -cp "$classpath" dev.otellab.ui.ModeScreenshotTool "$here"
echo "Screenshots written to $here"

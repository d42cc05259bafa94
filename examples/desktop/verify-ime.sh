#!/usr/bin/env bash
# Checks Chinese input through a real input method, by hand (not part of scripts/test: the input method and its
# dictionaries are ~30 MB of packages the build does not need). Under Xvfb it starts a session bus, ibus with its
# XIM server and the libpinyin engine, runs wangban-desktop with a script that focuses a name field, types pinyin
# on the X keyboard ("zhangsan", then space to commit the first candidate) and prints what the field received.
#
#   apt-get install -y --no-install-recommends ibus ibus-libpinyin dbus-x11 xdotool xvfb
#   examples/desktop/verify-ime.sh [build/native]       # prints e.g. "field received: 章三" and exits 0
set -euo pipefail
build=$(cd "${1:-build/native}" && pwd)
for tool in xvfb-run dbus-launch ibus-daemon xdotool; do
  command -v "$tool" >/dev/null || { echo "verify-ime: $tool is missing (see the header of this script)"; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/script" <<'SCRIPT'
wait profile.new
click profile.new
wait profile.name
fill profile.name 输入法测试
click profile.create
click item/marriage-certificate-reissue
click guide.start
wait field/husband/name
click field/husband/name
screenshot ready
frames 400
key tab
SCRIPT
cat > "$work/session.sh" <<'SESSION'
#!/usr/bin/env bash
set -u
eval "$(dbus-launch --sh-syntax)"
export XMODIFIERS=@im=ibus LC_CTYPE=C.UTF-8
ibus-daemon --xim --daemonize --replace --panel=disable
for _ in $(seq 50); do ibus engine libpinyin 2>/dev/null && break; sleep 0.2; done
echo "input method engine: $(ibus engine)"
"$1/bin/wangban-desktop" --data "$2/data" --script "$2/script" --screenshots "$2/shots" & app=$!
while [ ! -f "$2/shots/ready.png" ]; do sleep 0.1; done
xdotool type --delay 120 zhangsan
sleep 0.5
xdotool key space
wait $app; code=$?
ibus exit 2>/dev/null || true
kill "$DBUS_SESSION_BUS_PID" 2>/dev/null || true
exit $code
SESSION
chmod +x "$work/session.sh"
xvfb-run -a -s "-screen 0 1280x800x24" "$work/session.sh" "$build" "$work"
draft=$("$build/bin/wangban" --profile "$work/data/profiles/p001" drafts list --json | sed -n 's/.*"id": "\([^"]*\)".*/\1/p' | head -1)
received=$("$build/bin/wangban" --profile "$work/data/profiles/p001" drafts show "$draft" --json |
  sed -n '/"data"/,/}/s/.*"name": "\([^"]*\)".*/\1/p' | head -1)
echo "field received: ${received:-(nothing)}"
case "$received" in *[!a-z]*) exit 0 ;; *) exit 1 ;; esac

#!/usr/bin/env bash
# Install l1infer as systemd services: build the jars, copy the runtime files to PREFIX, install the units,
# sysusers.d and tmpfiles.d files and the configuration, then create the user and directories.
#
#   sudo systemd/install.sh [--prefix /opt/l1infer] [--external-driver] [--no-build]
#   DESTDIR=/tmp/stage systemd/install.sh ...   # stage only: no user creation, no systemctl
set -euo pipefail

prefix=/opt/l1infer
external=0
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --external-driver) external=1; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
destdir="${DESTDIR:-}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$src/daemon/target/l1infer-daemon-0.1.0-SNAPSHOT.jar"

if [ "$build" = 1 ]; then
    (cd "$src" && mvn -B -q -DskipTests package)
fi
[ -f "$jar" ] || { echo "install.sh: $jar missing; build first (mvn -DskipTests package)" >&2; exit 1; }

root="$destdir$prefix"
install -d "$root/bin" "$root/daemon/target/lib" "$root/models" "$root/config" "$root/systemd"
install -m 0755 "$src/bin/l1infer-daemon" "$src/bin/l1infer-java" "$src/bin/l1infer-mediadriver" "$root/bin/"
install -m 0644 "$jar" "$root/daemon/target/"
install -m 0644 "$src"/daemon/target/lib/*.jar "$root/daemon/target/lib/"
cp -r "$src/models/." "$root/models/"
install -m 0644 "$src/config/l1infer.properties" "$root/config/"
install -m 0644 "$src/systemd/README.md" "$root/systemd/"

# Units and system configuration, with the prefix substituted.
install -d "$destdir/etc/systemd/system" "$destdir/etc/sysusers.d" "$destdir/etc/tmpfiles.d" "$destdir/etc/l1infer"
for unit in l1infer.service l1infer-mediadriver.service; do
    sed "s#/opt/l1infer#$prefix#g" "$src/systemd/$unit" > "$destdir/etc/systemd/system/$unit"
    chmod 0644 "$destdir/etc/systemd/system/$unit"
done
install -m 0644 "$src/systemd/sysusers.d/l1infer.conf" "$destdir/etc/sysusers.d/l1infer.conf"
install -m 0644 "$src/systemd/tmpfiles.d/l1infer.conf" "$destdir/etc/tmpfiles.d/l1infer.conf"
install -m 0644 "$src/systemd/mediadriver.properties" "$destdir/etc/l1infer/mediadriver.properties"
config="$destdir/etc/l1infer/l1infer.properties"
if [ -f "$config" ]; then
    echo "install.sh: keeping existing $config"
elif [ "$external" = 1 ]; then
    install -m 0644 "$src/systemd/l1infer-external-driver.properties" "$config"
else
    printf '# l1infer daemon settings; every key, default and meaning: %s/config/l1infer.properties\n' "$prefix" > "$config"
    chmod 0644 "$config"
fi

if [ -z "$destdir" ]; then
    systemd-sysusers /etc/sysusers.d/l1infer.conf
    systemd-tmpfiles --create /etc/tmpfiles.d/l1infer.conf
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload
    fi
    echo "installed to $prefix; start with: systemctl enable --now $([ "$external" = 1 ] && echo 'l1infer-mediadriver ')l1infer"
else
    echo "staged in $destdir (prefix $prefix)"
fi

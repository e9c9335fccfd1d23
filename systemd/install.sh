#!/usr/bin/env bash
# Install l1infer as systemd services from its distribution (l1infer-VERSION.tar.gz, which `mvn -B package` builds in
# dist/target/): put the distribution at PREFIX, install the units, sysusers.d and tmpfiles.d files and the
# configuration, then create the user and directories. The installed tree needs a Java 17 runtime, nothing else.
#
#   sudo systemd/install.sh --tarball l1infer-VERSION.tar.gz [--prefix /opt/l1infer] [--external-driver] [--fpga]
#   sudo l1infer-VERSION/systemd/install.sh [...]   # from an unpacked distribution: installs that tree
#   sudo systemd/install.sh --build [...]           # from a source checkout: mvn -B -DskipTests package first
#   DESTDIR=/tmp/stage systemd/install.sh ...        # stage only: no user creation, no systemctl
# --fpga adds the drop-in fpga-host.conf (device access, XRT environment; docs/deployment-fpga.md).
set -euo pipefail

prefix=/opt/l1infer
external=0
build=0
fpga=0
tarball=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --tarball) tarball="$2"; shift 2 ;;
        --external-driver) external=1; shift ;;
        --build) build=1; shift ;;
        --fpga) fpga=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
destdir="${DESTDIR:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
unpacked=""
cleanup() {
    if [ -n "$unpacked" ]; then rm -rf "$unpacked"; fi
}
trap cleanup EXIT

if [ -z "$tarball" ] && compgen -G "$here/lib/l1infer-daemon-*.jar" > /dev/null; then
    dist="$here"                                   # run from an unpacked distribution
else
    if [ -z "$tarball" ]; then                     # run from a source checkout
        if [ "$build" = 1 ]; then
            (cd "$here" && mvn -B -q -DskipTests package)
        fi
        tarball="$(ls -t "$here"/dist/target/l1infer-*.tar.gz 2>/dev/null | head -1 || true)"
        [ -n "$tarball" ] || { echo "install.sh: no dist/target/l1infer-*.tar.gz; build it first" \
            "(mvn -B -DskipTests package, or --build)" >&2; exit 1; }
    fi
    [ -f "$tarball" ] || { echo "install.sh: no tarball $tarball" >&2; exit 1; }
    unpacked="$(mktemp -d)"
    tar -xzf "$tarball" -C "$unpacked"
    dist="$(ls -d "$unpacked"/l1infer-*/ | head -1)"
    dist="${dist%/}"
fi
[ -x "$dist/bin/l1infer-daemon" ] && compgen -G "$dist/lib/l1infer-daemon-*.jar" > /dev/null ||
    { echo "install.sh: $dist is not an l1infer distribution (no bin/l1infer-daemon, lib/)" >&2; exit 1; }

root="$destdir$prefix"
# An upgrade replaces the programs and shipped files; /etc/l1infer keeps the local configuration.
rm -rf "$root/bin" "$root/lib"
install -d "$root"
cp -R "$dist/." "$root/"
echo "install.sh: $(basename "$dist") -> $prefix"

# Units and system configuration, with the prefix substituted.
install -d "$destdir/etc/systemd/system" "$destdir/etc/sysusers.d" "$destdir/etc/tmpfiles.d" "$destdir/etc/l1infer"
for unit in l1infer.service l1infer-mediadriver.service; do
    sed "s#/opt/l1infer#$prefix#g" "$dist/systemd/$unit" > "$destdir/etc/systemd/system/$unit"
    chmod 0644 "$destdir/etc/systemd/system/$unit"
done
if [ "$fpga" = 1 ]; then
    install -d "$destdir/etc/systemd/system/l1infer.service.d"
    install -m 0644 "$dist/systemd/fpga-host.conf" "$destdir/etc/systemd/system/l1infer.service.d/fpga-host.conf"
fi
install -m 0644 "$dist/systemd/sysusers.d/l1infer.conf" "$destdir/etc/sysusers.d/l1infer.conf"
install -m 0644 "$dist/systemd/tmpfiles.d/l1infer.conf" "$destdir/etc/tmpfiles.d/l1infer.conf"
install -m 0644 "$dist/systemd/mediadriver.properties" "$destdir/etc/l1infer/mediadriver.properties"
config="$destdir/etc/l1infer/l1infer.properties"
if [ -f "$config" ]; then
    echo "install.sh: keeping existing $config"
elif [ "$external" = 1 ]; then
    install -m 0644 "$dist/systemd/l1infer-external-driver.properties" "$config"
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

# A Debian root of another release, made with debootstrap, for running a
# toolchain this machine's glibc is too old for (Debian trixie's rustc 1.85.1
# needs glibc 2.39). Sourced by scripts/msrv.sh and scripts/debian-kit.sh,
# never run. Needs apt-private.sh (kt_debian_mirror) sourced first.
#
# Isolation: a chroot, entered in a private mount namespace (unshare -m), so
# the bind mounts made for one command vanish with it and the machine's own
# mounts never change. No container engine runs on this kind of machine;
# chroot needs nothing but root, which the kernel tier needs anyway (QEMU,
# debootstrap).

# The packages of the root: the toolchain a Debian kernel of that release is
# built with (its Rust: rustc, the `core` source, bindgen; gcc-14 and
# binutils; pahole), what `make prepare` of its source runs (make, flex,
# bison, bc, libelf, libssl, perl, python3), and cargo for the kfunc crates.
KT_DEBIAN_ROOT_PKGS=(rustc cargo rust-src libstd-rust-dev bindgen libclang-19-dev gcc-14 gcc
    libc6-dev binutils make flex bison bc libelf-dev libssl-dev perl python3 pahole
    dwarves kmod cpio xz-utils zstd ca-certificates)

# kt_debian_root <suite>: make (once) and print the root for <suite>, at
# ${KFUNC_CACHE}/debian-root/<suite>-<key>, <key> hashing the suite, the
# mirror and the package list. A stamp marks a complete root; a half-made one
# is made again; concurrent callers serialize on a lock.
kt_debian_root() {
    local suite="$1" cache="${KFUNC_CACHE:-$HOME/.cache/kfunc}" mirror key root
    mirror="$(kt_debian_mirror)" || return 1
    key="$(echo "$suite $mirror ${KT_DEBIAN_ROOT_PKGS[*]}" | sha256sum | cut -c1-12)"
    root="$cache/debian-root/$suite-$key"
    if [ -f "$root/.kfunc-root-stamp" ]; then echo "$root"; return 0; fi
    mkdir -p "$cache/debian-root"
    (
        exec 8> "$cache/debian-root/.$suite.lock"; flock 8
        [ -f "$root/.kfunc-root-stamp" ] && exit 0
        command -v debootstrap > /dev/null ||
            { echo "debian-root: debootstrap not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
        echo "debian-root: making a Debian $suite root in $root (debootstrap, about 3 min)" >&2
        local t0 inc
        t0=$(date +%s)
        inc="$(IFS=,; echo "${KT_DEBIAN_ROOT_PKGS[*]}")"
        rm -rf "$root" && mkdir -p "$root"
        if ! debootstrap --variant=minbase --include="$inc" "$suite" "$root" "$mirror" \
                > "$root.log" 2>&1; then
            echo "debian-root: debootstrap $suite failed (see $root.log)" >&2; tail -5 "$root.log" >&2; exit 1
        fi
        date -u +%FT%TZ > "$root/.kfunc-root-stamp"
        echo "debian-root: made in $(( $(date +%s) - t0 )) s" >&2
    ) || return 1
    echo "$root"
}

# kt_debian_root_run <root> <workdir> <bind-dirs (colon-separated)> <command...>
# Runs <command> in the root, in <workdir>, with each bind dir (and <workdir>,
# unless it is /) mounted at its own path, /proc and /dev, name resolution and this
# machine's CA bundle (a proxy's CA may sign the registry's certificate: cargo
# and curl in the root trust it), and a plain environment.
kt_debian_root_run() {
    local root="$1" wd="$2" binds="$3"; shift 3
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
        cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/kfunc-host-ca.crt"
    fi
    # shellcheck disable=SC2016 # expanded by the inner shell
    unshare -m /bin/sh -ec '
        root="$1" wd="$2" binds="$3"; shift 3
        mount --make-rprivate / 2>/dev/null || true
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        old_ifs="$IFS"; IFS=:
        for d in $binds $wd; do
            # never / itself: it would hide the system of the root
            [ -n "$d" ] && [ "$d" != / ] && [ -d "$d" ] || continue
            mkdir -p "$root$d"
            mount --rbind "$d" "$root$d"
        done
        IFS="$old_ifs"
        exec chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root \
            TERM="${TERM:-dumb}" LANG=C.UTF-8 \
            CARGO_HTTP_CAINFO=/etc/ssl/kfunc-host-ca.crt SSL_CERT_FILE=/etc/ssl/kfunc-host-ca.crt \
            /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$wd" "$@"
    ' kt-root "$root" "$wd" "$binds" "$@"
}

#!/usr/bin/env bash
# Installs everything the project's build, tests and demo need on a fresh
# Debian bookworm machine of this kind: Debian packages by name, plus
# bindgen-cli and cargo-fuzz from crates.io. Idempotent: a second run only checks.
# KFUNC_SKIP_APT=1: never call apt-get, fail if a package is missing.
set -euo pipefail

PKGS=(
  # kernel sources and the toolchain that builds a Rust-enabled kernel
  linux-source-6.12 rustc-web rust-web-src
  clang-19 lld-19 llvm-19 libclang-19-dev
  flex bison bc libssl-dev cpio xz-utils
  # BTF and BPF
  pahole bpftool libbpf-dev libelf-dev zlib1g-dev libzstd-dev pkg-config
  # GCC-built kernels with MODVERSIONS + GENDWARFKSYMS (Linux 7.x)
  libdw-dev
  # the guests (x86_64 and arm64), and the arm64 loader's cross compiler
  # (its arm64 libraries and busybox: tests/kernel/lib.sh kt_arm64_sysroot)
  qemu-system-x86 qemu-system-arm busybox-static
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  # ELF checks, C parts, make
  binutils gcc make
  # libFuzzer (C++) for kfunc-btf's fuzz target
  g++
  # the MSRV check's Debian trixie root (scripts/msrv.sh)
  debootstrap
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && [ "${KFUNC_SKIP_APT:-0}" = 1 ]; then
  echo "install-deps: missing packages (KFUNC_SKIP_APT=1 forbids apt-get): ${missing[*]}" >&2
  exit 1
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

CACHE="${KFUNC_CACHE:-$HOME/.cache/kfunc}"
BINDGEN="$CACHE/tools/bin/bindgen"
if ! [ -x "$BINDGEN" ] || ! "$BINDGEN" --version 2>/dev/null | grep -q '0\.73\.0'; then
  echo "install-deps: cargo install bindgen-cli 0.73.0"
  cargo install -q bindgen-cli --version 0.73.0 --locked --root "$CACHE/tools"
fi
CARGO_FUZZ="$CACHE/tools/bin/cargo-fuzz"
if ! [ -x "$CARGO_FUZZ" ] || ! "$CARGO_FUZZ" --version 2>/dev/null | grep -q '0\.13\.2'; then
  echo "install-deps: cargo install cargo-fuzz 0.13.2"
  cargo install -q cargo-fuzz --version 0.13.2 --locked --root "$CACHE/tools"
fi
echo "install-deps: ok"

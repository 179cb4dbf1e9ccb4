# Fetching Debian packages without touching the machine's apt configuration
# (sourced by build-kernel.sh and lib.sh, never run): a private sources list,
# lists and cache directory under the kfunc cache, the mirror taken from the
# machine's own apt sources.

# The machine's Debian mirror: the URIs of the deb822 stanza (or the URI of the
# `deb` line) whose suites include the machine's release codename itself (so
# not -security, -updates, nor a third-party repository).
# KFUNC_DEBIAN_MIRROR overrides. Prints the URI; fails if none is found.
kt_debian_mirror() {
    if [ -n "${KFUNC_DEBIAN_MIRROR:-}" ]; then echo "$KFUNC_DEBIAN_MIRROR"; return 0; fi
    local codename uri f
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    [ -n "$codename" ] || { echo "no VERSION_CODENAME in /etc/os-release" >&2; return 1; }
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri="$(awk -v want="$codename" '
            function flush() { if (ok && deb && uri != "") { print uri; found = 1; exit } ok = deb = 0; uri = "" }
            /^[ \t]*$/ { flush(); next }
            /^[ \t]*#/ { next }
            tolower($1) == "types:"  { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
            tolower($1) == "uris:"   { uri = $2 }
            tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == want) ok = 1 }
            tolower($1) == "enabled:" && tolower($2) == "no" { deb = 0; ok = 0; uri = "" }
            END { if (!found) flush() }' "$f")"
        if [ -n "$uri" ]; then echo "$uri"; return 0; fi
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        uri="$(sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" |
            awk -v want="$codename" '$1 == "deb" && $3 == want { print $2; exit }')"
        if [ -n "$uri" ]; then echo "$uri"; return 0; fi
    done
    echo "no Debian mirror for '$codename' in /etc/apt/sources.list{,.d/*.sources,.d/*.list} (set KFUNC_DEBIAN_MIRROR)" >&2
    return 1
}

# Set up a private apt configuration in <dir> for the suites <suites> (one
# or several, space-separated) of the machine's mirror and architecture
# <arch>, run `apt-get update` with it, and set the array KT_APT_OPTS for
# further apt-get calls.
# kt_apt_private <dir> <suites> <arch>
kt_apt_private() {
    local dir="$1" suites="$2" arch="$3" mirror suite
    mirror="$(kt_debian_mirror)" || return 1
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
    for suite in $suites; do
        echo "deb [trusted=yes arch=$arch] $mirror $suite main"
    done > "$dir/sources.list"
    KT_APT_OPTS=(-o Dir::Etc::sourcelist="$dir/sources.list"
                 -o Dir::Etc::sourceparts=/dev/null
                 -o Dir::State::Lists="$dir/lists"
                 -o Dir::Cache="$dir/cache"
                 -o APT::Architecture="$arch"
                 -o APT::Architectures="$arch"
                 -o APT::Get::List-Cleanup=0)
    apt-get "${KT_APT_OPTS[@]}" update >&2
}

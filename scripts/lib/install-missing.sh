# Sourced (bash) by scripts/integration-test and bench/*/run: a fresh machine has none of the Debian
# packages they need, and the project's own files must install them. The caller defines log().

# Installs those of the named Debian packages that are not installed yet; quiet when none is missing.
install_missing() {
    local wanted=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || wanted+=("$pkg")
    done
    [ ${#wanted[@]} -eq 0 ] && return 0
    log "installing ${wanted[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}

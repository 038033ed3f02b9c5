#!/bin/sh
# Installs Moustash from this unpacked distribution; ./install.sh --help says how.
set -eu

usage() {
    cat <<'USAGE'
Usage: install.sh [--prefix DIR] [--destdir DIR]

Installs Moustash from this unpacked distribution.

  --prefix DIR   where to install (default /usr/local): DIR/lib/moustash holds the distribution,
                 DIR/bin the commands, DIR/etc/moustash/moustash.ini the configuration (which the
                 installed commands read first, after -c and $MOUSTASH_CONFIG),
                 DIR/share/man the man pages, DIR/share/bash-completion/completions the completion.
  --destdir DIR  stage everything under DIR (for packagers); paths inside stay those of --prefix.
  -h, --help     print this and exit.

An existing configuration file is never overwritten. Without --destdir, each command runs once
(against a closed port) so that its class-data archive for the Java found now is made in
DIR/lib/moustash/cache, where every user's launcher finds it.
Exit status: 0 installed, 64 usage error, other: a step failed (said on stderr).
USAGE
}

# A usage mistake: one line, the hint, exit 64 (EX_USAGE).
usage_error() {
    echo "install.sh: $1 (try --help)" >&2
    exit 64
}

# The value of option $1, given as its next argument $2 ($# of the caller in $3).
value() {
    [ "$3" -ge 2 ] || usage_error "$1 needs a directory"
    case $2 in
        '') usage_error "$1 needs a directory" ;;
        -*) usage_error "$1 needs a directory, not the option $2" ;;
    esac
    printf '%s\n' "$2"
}

prefix=/usr/local
destdir=
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=$(value "$1" "${2-}" $#); shift 2 ;;
        --prefix=*) prefix=$(value --prefix "${1#--prefix=}" 2); shift ;;
        --destdir) destdir=$(value "$1" "${2-}" $#); shift 2 ;;
        --destdir=*) destdir=$(value --destdir "${1#--destdir=}" 2); shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage_error "unknown option: $1" ;;
        *) usage_error "unexpected argument: $1" ;;
    esac
done
case $prefix in
    /*) ;;
    *) usage_error "--prefix must be an absolute directory, not $prefix" ;;
esac
case $destdir in
    ''|/*) ;;
    *) usage_error "--destdir must be an absolute directory, not $destdir" ;;
esac
prefix=${prefix%/}   # "/" becomes "", so that paths read /bin, /etc

here=$(cd "$(dirname "$0")" && pwd -P)
root=$destdir$prefix
home=$root/lib/moustash

echo "Installing Moustash from $here into ${prefix:-/}${destdir:+ (staged in $destdir)}"
mkdir -p "$home" "$root/bin" "$root/share/man/man1" "$root/share/man/man5" "$root/share/bash-completion/completions" "$root/etc/moustash"

# Replace the previous installation's files, keep nothing of it but the configuration.
rm -rf "$home/bin" "$home/lib" "$home/docs" "$home/examples" "$home/man" "$home/completion" "$home/cache"
cp -R "$here/bin" "$here/lib" "$here/docs" "$here/examples" "$here/man" "$here/completion" "$home/"
cp "$here/install.sh" "$home/"
[ -f "$here/README.md" ] && cp "$here/README.md" "$home/"

for tool in cuir fouet panpan; do
    ln -sf "$prefix/lib/moustash/bin/$tool" "$root/bin/$tool"
    cp "$here/man/man1/$tool.1" "$root/share/man/man1/$tool.1"
    cp "$here/completion/$tool" "$root/share/bash-completion/completions/$tool"
done
cp "$here/man/man5/moustash.ini.5" "$root/share/man/man5/moustash.ini.5"

config=$root/etc/moustash/moustash.ini
if [ -e "$config" ]; then
    echo "Kept the existing $prefix/etc/moustash/moustash.ini"
else
    cp "$here/examples/moustash-redis.ini" "$config"
    chmod 640 "$config"
    echo "Created $prefix/etc/moustash/moustash.ini from examples/moustash-redis.ini: edit it for your broker"
fi

# The class-data archives that keep the commands' start short (see bin/panpan), made now for the
# Java found here, into lib/moustash/cache where every user's launcher finds them, so that no first
# run pays for them. Each command runs once against a closed port (127.0.0.1:9) with a scratch
# spool, and the archive is made from what it loaded. Not when staging (--destdir: the paths inside
# are not yet those the commands will run from), and silently skipped when anything fails: each
# user's first run then makes its own.
make_archives() {
    scratch=$(mktemp -d 2>/dev/null) || return 0
    cat > "$scratch/train.ini" <<INI
[moustash]
redis_host = 127.0.0.1
redis_port = 9
redis_timeout = 1
delivery_close_timeout = 0.2
spool_dir = $scratch/spool
[cuir]
interval = 5
train = 127.0.0.1:9:a closed port
INI
    mkdir -p "$home/cache" || return 0
    # Their exit statuses do not matter (Cuir's probe is down on purpose).
    MOUSTASH_CACHE_DIR=$home/cache "$home/bin/panpan" -q -c "$scratch/train.ini" "install" </dev/null >/dev/null 2>&1 || :
    MOUSTASH_CACHE_DIR=$home/cache "$home/bin/fouet" -c "$scratch/train.ini" </dev/null >/dev/null 2>&1 || :
    MOUSTASH_CACHE_DIR=$home/cache "$home/bin/cuir" -c "$scratch/train.ini" --once --no-publish </dev/null >/dev/null 2>&1 || :
    # The launchers make the archives in the background; wait for them (a minute at most).
    tries=0
    while [ "$tries" -lt 120 ] && ls "$home/cache"/*.lock >/dev/null 2>&1; do
        sleep 0.5
        tries=$((tries + 1))
    done
    chmod -R a+rX "$home/cache" 2>/dev/null || :
    rm -rf "$scratch"
    archives=$(ls "$home/cache" 2>/dev/null | wc -l)
    [ "$archives" -gt 0 ] && echo "Made the class-data archives of the commands for this Java ($archives in $prefix/lib/moustash/cache)"
    return 0
}
if [ -z "$destdir" ]; then
    make_archives
fi

echo "Installed: $prefix/bin/cuir, $prefix/bin/fouet, $prefix/bin/panpan (man cuir, man fouet, man panpan, man moustash.ini)"
echo "supervisord snippets: $prefix/lib/moustash/examples/supervisord-moustash.conf"

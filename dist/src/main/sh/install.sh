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

An existing configuration file is never overwritten.
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
rm -rf "$home/bin" "$home/lib" "$home/docs" "$home/examples" "$home/man" "$home/completion"
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

echo "Installed: $prefix/bin/cuir, $prefix/bin/fouet, $prefix/bin/panpan (man cuir, man fouet, man panpan, man moustash.ini)"
echo "supervisord snippets: $prefix/lib/moustash/examples/supervisord-moustash.conf"

#!/bin/sh
# Installs Moustash from this unpacked distribution.
#
#   ./install.sh [--prefix DIR] [--destdir DIR]
#
#   --prefix DIR   where to install (default /usr/local): DIR/lib/moustash holds the distribution,
#                  DIR/bin the commands, DIR/etc/moustash/moustash.ini the configuration,
#                  DIR/share/man/man1 the man pages, DIR/share/bash-completion/completions the
#                  completion scripts.
#   --destdir DIR  stage everything under DIR (for packagers); paths inside stay those of --prefix.
#
# An existing configuration file is never overwritten.
set -eu

prefix=/usr/local
destdir=
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --destdir) destdir=$2; shift 2 ;;
        --destdir=*) destdir=${1#--destdir=}; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument: $1 (try --help)" >&2; exit 64 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd -P)
root=$destdir$prefix
home=$root/lib/moustash

echo "Installing Moustash from $here into $prefix${destdir:+ (staged in $destdir)}"
mkdir -p "$home" "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" "$root/etc/moustash"

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

config=$root/etc/moustash/moustash.ini
if [ -e "$config" ]; then
    echo "Kept the existing $prefix/etc/moustash/moustash.ini"
else
    cp "$here/examples/moustash-redis.ini" "$config"
    chmod 640 "$config"
    echo "Created $prefix/etc/moustash/moustash.ini from examples/moustash-redis.ini: edit it for your broker"
fi

echo "Installed: $prefix/bin/cuir, $prefix/bin/fouet, $prefix/bin/panpan (man cuir, man fouet, man panpan)"
echo "supervisord snippets: $prefix/lib/moustash/examples/supervisord-moustash.conf"

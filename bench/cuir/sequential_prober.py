"""A sequential prober like the original cuir.py: one blocking connect after another.

The original passed no timeout at all (a silent target blocked for the kernel's SYN retries, about
two minutes); this one sets TIMEOUT seconds per connect, which is the kindest reading of it.
Usage: sequential_prober.py TIMEOUT PORTFILE... ; prints "<targets> <seconds> <up>".
"""
import socket
import sys
import time


def main():
    timeout = float(sys.argv[1])
    ports = []
    for name in sys.argv[2:]:
        with open(name) as f:
            ports += [int(line) for line in f if line.strip()]
    up = 0
    start = time.monotonic()
    for port in ports:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            up += 1
        sock.close()
    print(len(ports), round(time.monotonic() - start, 3), up)


if __name__ == "__main__":
    main()

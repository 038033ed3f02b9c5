#!/usr/bin/python3
"""The plain Python listener a user would write: redis-py, one RPUSH per event, then OK.

It builds the same kind of logstash document as the original Moustash (legacy fields) so that
both listeners do the same work. Usage: python_listener.py REDIS_PORT KEY
"""
import json
import platform
import sys
import time

import redis


def main():
    port, key = int(sys.argv[1]), sys.argv[2]
    r = redis.Redis(host="127.0.0.1", port=port)
    host = platform.node()
    stdin, stdout = sys.stdin, sys.stdout
    while True:
        stdout.write("READY\n")
        stdout.flush()
        line = stdin.readline()
        if not line:
            return
        headers = dict(token.split(":", 1) for token in line.split())
        payload = stdin.read(int(headers["len"]))  # text mode: len counts characters, as supervisord does
        head = payload.split("\n", 1)[0]
        data = dict(token.split(":", 1) for token in head.split() if ":" in token)
        event = {
            "@timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "@version": "1",
            "message": headers["eventname"],
            "type": "fouet",
            "tags": ["fouet"],
            "host": host,
            "program": data.get("processname"),
            "source": headers.get("pool"),
            "from_state": data.get("from_state"),
            "pid": data.get("pid"),
        }
        r.rpush(key, json.dumps(event))
        stdout.write("RESULT 2\nOK")


if __name__ == "__main__":
    main()

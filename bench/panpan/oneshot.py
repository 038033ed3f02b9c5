"""What a Python user would write instead of panpan: one logstash event, one RPUSH (redis-py)."""
import datetime
import json
import socket
import sys

import redis

port, key, message = int(sys.argv[1]), sys.argv[2], sys.argv[3]
now = datetime.datetime.now(datetime.timezone.utc)
document = {
    "@timestamp": now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000),
    "@version": "1",
    "message": message,
    "type": "panpan",
    "tags": ["panpan"],
    "host": {"name": socket.gethostname()},
    "event": {"module": "moustash", "dataset": "moustash.panpan", "kind": "event"},
}
redis.Redis(host="127.0.0.1", port=port).rpush(key, json.dumps(document))

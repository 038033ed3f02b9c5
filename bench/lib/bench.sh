# Sourced by every bench/*/run (bash): what they share.
#
#   bench_dist                 sets $dist to the built distribution (dist/target/moustash-VERSION),
#                              building it when missing: the benchmarks run the tools through its
#                              launchers (bin/panpan, bin/fouet, bin/cuir), JVM options and class-data
#                              archive included, as a user runs them
#   bench_redis_start PORT DIR starts a scratch redis-server on 127.0.0.1:PORT (no persistence, its
#                              files in DIR) and waits until it answers; bench_redis_stop ends it
#   bench_wait_archives DIR    waits (up to 60 s) for the class-data archives a launcher is making in
#                              the cache directory DIR, in the background after a tool's first run
# Run from the repository's root.

bench_dist() {
    dist=$(ls -d "$PWD"/dist/target/moustash-*/ 2>/dev/null | head -1)
    if [ -z "$dist" ]; then
        echo "bench: building the distribution" >&2
        mvn -B -q -pl dist -am package -DskipTests >&2
        dist=$(ls -d "$PWD"/dist/target/moustash-*/ | head -1)
    fi
    dist=${dist%/}
}

BENCH_REDIS_PID=
bench_redis_start() {
    local port=$1 dir=$2
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
        --logfile "$dir/redis.log" --daemonize no &
    BENCH_REDIS_PID=$!
    for _ in $(seq 40); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
        sleep 0.25
    done
    echo "bench: redis-server did not answer on port $port (see $dir/redis.log)" >&2
    return 1
}

bench_redis_stop() {
    if [ -n "$BENCH_REDIS_PID" ]; then
        kill "$BENCH_REDIS_PID" 2>/dev/null || true
        wait "$BENCH_REDIS_PID" 2>/dev/null || true
        BENCH_REDIS_PID=
    fi
}

bench_wait_archives() {
    local dir=$1
    for _ in $(seq 120); do
        compgen -G "$dir/*.lock" >/dev/null || return 0
        sleep 0.5
    done
    echo "bench: the launchers' archives in $dir are still being made after 60 s" >&2
}

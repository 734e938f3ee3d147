"""Load generation for bench/site_bench.py: wrk when it is on PATH (a Lua script rotates the
requests over a list of (Host, path) targets and reports percentiles as JSON), otherwise this
module run as a process of its own: threads with keep-alive http.client connections.

    python bench/site_load.py --port 8200 --connections 8 --duration 10 --targets targets.json
"""

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

LUA = """
local targets = {%s}
local i = 0
request = function()
  i = i %% #targets + 1
  local t = targets[i]
  return wrk.format("GET", t[2], {Host = t[1]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "mean_us": %%f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
"""


def tool():
    return "wrk" if shutil.which("wrk") else "python"


def run(targets, port, connections, duration):
    """Load `targets` ([[host, path], …]) for `duration` seconds; return requests/s, p50/p95/p99 ms, errors."""
    if tool() == "wrk":
        return _run_wrk(targets, port, connections, duration)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(targets, f)
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--port", str(port), "--connections", str(connections)]
        + ["--duration", str(duration), "--targets", f.name],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(f.name).unlink()
    return json.loads(out.stdout)


def _lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _run_wrk(targets, port, connections, duration):
    entries = ", ".join(f"{{{_lua_string(h)}, {_lua_string(p)}}}" for h, p in targets)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % entries)
    threads = min(2, connections)
    out = subprocess.run(  # noqa: S603
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", f.name]
        + [f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(f.name).unlink()
    line = next(x for x in out.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"],
    }


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))] if ordered else 0.0


def python_load(targets, port, connections, duration):
    deadline = time.perf_counter() + duration
    latencies, errors, lock = [], [0], threading.Lock()

    def worker(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad, n = [], 0, offset
        while time.perf_counter() < deadline:
            host, path = targets[n % len(targets)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": host})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k * 7,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "errors": errors[0],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--targets", required=True)
    args = parser.parse_args()
    targets = json.loads(Path(args.targets).read_text())
    print(json.dumps(python_load(targets, args.port, args.connections, args.duration)))


if __name__ == "__main__":
    main()

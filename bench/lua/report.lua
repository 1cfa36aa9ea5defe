-- wrk's summary as one line of JSON for bench/wrk.py: requests, duration, errors, latency (microseconds).
-- `extra` is more JSON members (without braces) from a script that counts more, or nil.

function bench_report(summary, latency, extra)
   local e = summary.errors
   io.write(string.format(
      'BENCH-WRK {"requests": %d, "duration_us": %d, "bytes": %d, '
         .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
         .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}%s}\n',
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
      extra and (", " .. extra) or ""))
end

function done(summary, latency, requests)
   bench_report(summary, latency, nil)
end

"""Reading wrk's report."""

import pytest

from benchmarks import wrk

OUTPUT = """Running 10s test @ http://127.0.0.1:40000/ca/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.50ms    3.10ms  80.00ms   90.00%
    Req/Sec   640.00     50.00   700.00     80.00%
  Latency Distribution
     50%   11.80ms
     75%   13.00ms
     90%   15.00ms
     99%    1.20s
  12800 requests in 10.00s, 200.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   1280.50
Transfer/sec:     20.00MB
"""


def test_reads_throughput_percentiles_and_errors():
    load = wrk.parse(OUTPUT)
    assert load.requests_per_second == 1280.5
    assert load.p50_ms == pytest.approx(11.8)
    assert load.p99_ms == pytest.approx(1200.0)
    assert load.requests == 12800
    assert load.errors == 5
    assert load.non_2xx == 4


def test_unreadable_output_is_an_error():
    with pytest.raises(ValueError):
        wrk.parse("wrk: connection refused")

-- bench/checkin.lua - wrk script of bench/run's check-in section: POST
-- /api/v1/attendance/check-in, each request as a different employee (a morning peak: one
-- check-in per employee and day; a second one is a 409 and counted as non-2xx). Environment
-- (set by bench/run):
--   CHECKIN_SESSIONS  file of "token csrf" lines (bench/mint-sessions), one per employee
--   CHECKIN_FROM      first line to use (1-based; the warm-up uses its own range)
--   CHECKIN_TO        last line to use (default: the last line); a run wraps within FROM..TO,
--                     never into another run's range (wrk calls request() more often than it
--                     sends: a warm-up of 12,000 requests went through 20,000 lines)
--   CHECKIN_THREADS   wrk's -t
--   CHECKIN_LAT, CHECKIN_LON  where everybody stands (inside the first OPD's demo fence)
--   CHECKIN_NEXT_FILE where done() writes the first line no thread has used (the next run's FROM)
-- Thread k sends lines FROM+k, FROM+k+T, … so threads never share an employee.

local n = 0
local all_threads = {}
function setup(thread)
    thread:set("tid", n)
    n = n + 1
    all_threads[#all_threads + 1] = thread
end

local tokens, csrfs = {}, {}
-- CHECKIN_RATE and CHECKIN_CONNECTIONS set: each connection waits conns/rate s between its
-- requests, so the offered load is about RATE/s (latency at a given rate, not at saturation)
local pace_ms = 0
counter = 0 -- global: done() reads it with thread:get
local threads, from, to, body

function init(args)
    for line in io.lines(os.getenv("CHECKIN_SESSIONS")) do
        local t, c = line:match("^(%x+) (%x+)$")
        if t then
            tokens[#tokens + 1] = t
            csrfs[#csrfs + 1] = c
        end
    end
    threads = tonumber(os.getenv("CHECKIN_THREADS")) or 1
    local rate = tonumber(os.getenv("CHECKIN_RATE") or "")
    local conns = tonumber(os.getenv("CHECKIN_CONNECTIONS") or "")
    if rate and conns and rate > 0 then
        pace_ms = conns * 1000 / rate
    end
    from = tonumber(os.getenv("CHECKIN_FROM")) or 1
    to = math.min(tonumber(os.getenv("CHECKIN_TO") or "") or #tokens, #tokens)
    body = string.format('{"lat":%s,"lon":%s,"accuracy_m":12}',
                         os.getenv("CHECKIN_LAT") or "2.9667", os.getenv("CHECKIN_LON") or "99.8")
end

function request()
    local i = from + (counter * threads + tid) % (to - from + 1)
    counter = counter + 1
    return wrk.format("POST", "/api/v1/attendance/check-in",
                      {["Content-Type"] = "application/json", ["Cookie"] = "abdi_session=" .. tokens[i],
                       ["X-CSRF-Token"] = csrfs[i]}, body)
end

-- the first line after every thread's last one: FROM + T × (most requests of one thread)
function done(summary, latency, requests)
    local path = os.getenv("CHECKIN_NEXT_FILE")
    if not path then
        return
    end
    local most = 0
    for _, t in ipairs(all_threads) do
        most = math.max(most, tonumber(t:get("counter")) or 0)
    end
    local f = io.open(path, "w")
    f:write(string.format("%d\n", (tonumber(os.getenv("CHECKIN_FROM")) or 1) + most * #all_threads))
    f:close()
end

-- uniform in [0, 2 × pace]: same mean, but the connections do not fire in lock-step bursts
function delay()
    return math.random() * 2 * pace_ms
end

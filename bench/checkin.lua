-- bench/checkin.lua - wrk script of bench/run's check-in section: POST
-- /api/v1/attendance/check-in, each request as a different employee (a morning peak: one
-- check-in per employee and day; a second one is a 409 and counted as non-2xx). Environment
-- (set by bench/run):
--   CHECKIN_SESSIONS  file of "token csrf" lines (bench/mint-sessions), one per employee
--   CHECKIN_FROM      first line to use (1-based; the warm-up uses its own range)
--   CHECKIN_THREADS   wrk's -t
--   CHECKIN_LAT, CHECKIN_LON  where everybody stands (inside the first OPD's demo fence)
-- Thread k sends lines FROM+k, FROM+k+T, … so threads never share an employee.

local n = 0
function setup(thread)
    thread:set("tid", n)
    n = n + 1
end

local tokens, csrfs = {}, {}
local counter = 0
local threads, from, body

function init(args)
    for line in io.lines(os.getenv("CHECKIN_SESSIONS")) do
        local t, c = line:match("^(%x+) (%x+)$")
        if t then
            tokens[#tokens + 1] = t
            csrfs[#csrfs + 1] = c
        end
    end
    threads = tonumber(os.getenv("CHECKIN_THREADS")) or 1
    from = tonumber(os.getenv("CHECKIN_FROM")) or 1
    body = string.format('{"lat":%s,"lon":%s,"accuracy_m":12}',
                         os.getenv("CHECKIN_LAT") or "2.9667", os.getenv("CHECKIN_LON") or "99.8")
end

function request()
    local i = (from - 1 + counter * threads + tid) % #tokens + 1
    counter = counter + 1
    return wrk.format("POST", "/api/v1/attendance/check-in",
                      {["Content-Type"] = "application/json", ["Cookie"] = "abdi_session=" .. tokens[i],
                       ["X-CSRF-Token"] = csrfs[i]}, body)
end

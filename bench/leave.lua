-- bench/leave.lua - wrk script of bench/run's leave section: POST /api/v1/leave-requests as an
-- admin filing one annual-leave day for a different employee on every request, so that each
-- one is valid (no overlap, balance left). Environment (set by bench/run):
--   LEAVE_IDS      file with one employee id a line (employees that have an account, so the
--                  notification to the employee is really written)
--   LEAVE_DATE     the day of leave, YYYY-MM-DD (a working day checked by a dry run first)
--   LEAVE_THREADS  wrk's -t
--   LEAVE_COOKIE   "abdi_session=…", LEAVE_CSRF the session's CSRF token
--   LEAVE_PATH     "/api/v1/leave-requests" or "…?dry_run=true" (the warm-up writes nothing)
-- Thread k sends ids k+1, k+1+T, k+1+2T, … so the threads never share an employee; past the
-- end of the list it wraps (those repeats are refused with 422 and counted as non-2xx).

local n = 0
function setup(thread)
    thread:set("tid", n)
    n = n + 1
end

local ids = {}
local counter = 0
local threads, date, path

function init(args)
    for line in io.lines(os.getenv("LEAVE_IDS")) do
        if line ~= "" then ids[#ids + 1] = line end
    end
    threads = tonumber(os.getenv("LEAVE_THREADS")) or 1
    date = os.getenv("LEAVE_DATE")
    path = os.getenv("LEAVE_PATH") or "/api/v1/leave-requests"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Cookie"] = os.getenv("LEAVE_COOKIE")
    wrk.headers["X-CSRF-Token"] = os.getenv("LEAVE_CSRF")
end

function request()
    local i = (counter * threads + tid) % #ids + 1
    counter = counter + 1
    local body = string.format(
        '{"employee_id":%s,"type":"tahunan","start_date":"%s","end_date":"%s",' ..
        '"reason":"Keperluan keluarga","address":"Jl. Merdeka No. 1, Medan","phone":"081234567890"}',
        ids[i], date, date)
    return wrk.format("POST", path, nil, body)
end

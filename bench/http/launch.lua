-- wrk script for the /launch ticket exchange: every request spends a fresh one-time ticket
-- (a used ticket would only measure the refusal). Arguments: TICKETS_FILE THREADS [PAUSE_MS].
-- Thread k of n takes lines k, k+n, k+2n … of the file, so no ticket is sent twice.
-- PAUSE_MS: each connection waits that long before each request (a paced load: C
-- connections offer about C × 1000 / PAUSE_MS exchanges per second); wrk's latencies leave
-- the pause out.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local tickets = {}
local next_ticket = 0
local pause = 0

function init(args)
  local n = tonumber(args[2])
  pause = tonumber(args[3] or "0")
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % n == id then
      tickets[#tickets + 1] = line
    end
    line_number = line_number + 1
  end
end

function delay()
  return pause
end

function request()
  next_ticket = next_ticket + 1
  -- Out of tickets: an unknown one, which wrk then counts as a non-3xx answer.
  local ticket = tickets[next_ticket] or "exhausted"
  return wrk.format("GET", "/launch?ticket=" .. ticket)
end

-- wrk script for the /launch ticket exchange: every request spends a fresh one-time ticket
-- (a used ticket would only measure the refusal). Arguments: TICKETS_FILE THREADS.
-- Thread k of n takes lines k, k+n, k+2n … of the file, so no ticket is sent twice.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local tickets = {}
local next_ticket = 0

function init(args)
  local n = tonumber(args[2])
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % n == id then
      tickets[#tickets + 1] = line
    end
    line_number = line_number + 1
  end
end

function request()
  next_ticket = next_ticket + 1
  -- Out of tickets: an unknown one, which wrk then counts as a non-3xx answer.
  local ticket = tickets[next_ticket] or "exhausted"
  return wrk.format("GET", "/launch?ticket=" .. ticket)
end

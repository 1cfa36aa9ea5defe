-- Anonymous commenters for wrk: every request is a new reader (its own X-Forwarded-For address) posting a
-- unique comment with the signed hidden fields fetched once beforehand (valid for two hours).
--
-- Environment (set by bench/run.py):
--   BENCH_POST_PATH    the form's action, e.g. /news/some-article/comments/
--   BENCH_POST_FIELDS  the hidden fields, url-encoded (content_type, object_pk, timestamp, security_hash,
--                      reply_to=0, an empty honeypot; a CSRF token while anonymous posts still need one)
--   BENCH_MARKER       a token unique to this run, at the start of every comment's text
--   BENCH_HOST         the Host header (the Wagtail Site's hostname)
--   BENCH_COOKIE       a Cookie header to send, or empty (a CSRF cookie while anonymous posts still need one)
--   BENCH_PKS_FILE     where done() writes the comment ids of accepted posts (302 Location #c<id>), one a line
--
-- done() prints wrk's summary (report.lua) plus the requests sent and the count of each status.

dofile("report.lua")

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
   pks = {}
   sent = 0
   math.randomseed(os.time() * 1000 + id)
   path = os.getenv("BENCH_POST_PATH")
   fields = os.getenv("BENCH_POST_FIELDS")
   marker = os.getenv("BENCH_MARKER")
   local origin = "http://" .. os.getenv("BENCH_HOST")
   headers = {
      ["Host"] = os.getenv("BENCH_HOST"),
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Origin"] = origin,
      ["Referer"] = origin .. path,
      ["Sec-Fetch-Site"] = "same-origin",
   }
   local cookie = os.getenv("BENCH_COOKIE")
   if cookie and cookie ~= "" then
      headers["Cookie"] = cookie
   end
end

function request()
   sent = sent + 1
   local key = marker .. "-" .. id .. "-" .. sent
   -- 198.18.0.0/15 is the range set aside for benchmarks (RFC 2544): only ever a header value here.
   headers["X-Forwarded-For"] = "198." .. math.random(18, 19) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
   local body = fields
      .. "&name=Bench+commenter+" .. id
      .. "&email=bench-" .. key .. "%40example.org"
      .. "&comment=" .. key .. "+Thank+you+for+this+article.+Prevention+works+best+when+it+starts+early."
   return wrk.format("POST", path, headers, body)
end

function response(status, response_headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 302 then
      for name, value in pairs(response_headers) do
         if string.lower(name) == "location" then
            local pk = string.match(value, "#c(%d+)$")
            if pk then
               pks[#pks + 1] = pk
            end
         end
      end
   end
end

function done(summary, latency, requests)
   local totals = {}
   local sent_in_all = 0
   local out = io.open(os.getenv("BENCH_PKS_FILE"), "w")
   for _, thread in ipairs(threads) do
      sent_in_all = sent_in_all + thread:get("sent")
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
      for _, pk in ipairs(thread:get("pks")) do
         out:write(pk, "\n")
      end
   end
   out:close()
   local parts = {}
   for status, count in pairs(totals) do
      parts[#parts + 1] = string.format('"%d": %d', status, count)
   end
   bench_report(summary, latency, '"sent": ' .. sent_in_all .. ', "statuses": {' .. table.concat(parts, ", ") .. "}")
end

-- wrk script: posts complete, valid responses to parorendeundersokelse
-- (questionnaires/parorendeundersokelse.json) in wave "bench".
--
--   wrk -t2 -c512 -d20s -s bench/http/post_response.lua http://127.0.0.1:8090
--
-- The bodies are built once per thread in init(), so wrk's own CPU goes to
-- sending requests, not to Lua. Each status other than 201 is counted and
-- printed at the end: a benchmark of rejected requests would measure nothing.

local municipalities = {"0301", "4601", "5001", "1103", "3201", "1508", "1804", "5501"}
local agree_items = {
  "identified_known", "identified_known_role", "identified_contact", "identified_family",
  "identified_overlooked", "information_condition", "information_services",
  "information_offers", "information_rights", "information_hard_to_find",
  "involvement_asked", "involvement_listened", "involvement_assessment", "involvement_plans",
  "involvement_not_heard", "support_conversation", "support_guidance", "support_course",
  "support_peers", "support_helpful", "respite_offered", "respite_fits", "respite_practical",
  "respite_trust", "respite_hard_to_get", "coordination_one_contact", "coordination_reachable",
  "coordination_services", "coordination_hospital", "coordination_repeat_story",
  "own_health_asked", "own_health_considered", "own_health_where_help",
  "own_health_own_life", "own_health_set_aside", "contribution_asked", "contribution_choice",
  "contribution_shared", "contribution_change", "contribution_too_much"
}
local children_items = {
  "children_asked", "children_informed", "children_talk", "children_offers", "children_school"
}
local languages = {"nb", "nn", "en"}

local function body_for(variant)
  local answers = {}
  local function add(id, value) answers[#answers + 1] = '"' .. id .. '":' .. value end
  add("municipality", '"' .. municipalities[variant % #municipalities + 1] .. '"')
  add("relationship", variant % 7 + 1)
  add("condition_group", (variant * 3) % 7 + 1)
  add("care_hours", variant % 5 + 1)
  add("age_band", variant % 6 + 1)
  add("years_caring", (variant * 7) % 5 + 1)
  local children = variant % 3 == 0
  add("children_in_family", children and "true" or "false")
  for i, id in ipairs(agree_items) do
    local code = (variant * 31 + i * 17) % 6 + 1
    add(id, code == 6 and 9 or code)  -- now and then "don't know"
  end
  if children then
    for i, id in ipairs(children_items) do add(id, (variant + i) % 5 + 1) end
  end
  if variant % 4 == 0 then
    add("comment", '"Takk for at dere spør. Avlastning hver tredje helg hadde hjulpet."')
  end
  return '{"status":"complete","consent_version":"2026-2","language":"' ..
         languages[variant % 3 + 1] .. '","answers":{' .. table.concat(answers, ",") .. '}}'
end

local requests = {}
local counter = 0
statuses = {}  -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local path = "/api/v1/waves/bench/responses"
  for variant = 1, 64 do
    requests[variant] = wrk.format("POST", path,
      {["Content-Type"] = "application/json"}, body_for(variant))
  end
  statuses = {}
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests_done)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status
  io.write(string.format("submissions/s: %.0f\n", (summary.requests - bad) / seconds))
  io.write(string.format("latency p50: %.2f ms  p90: %.2f ms  p99: %.2f ms  max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for status, count in pairs(counts) do merged[status] = (merged[status] or 0) + count end
  end
  for status, count in pairs(merged) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end

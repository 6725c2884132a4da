#!/usr/bin/env bash
# Installs what is missing, builds parorende (Release), creates a demo
# database and serves the product on http://127.0.0.1:8080.
#
# The demo database (demo/parorende.db, made anew on every run) holds both
# shipped questionnaires, an open national wave of each for the survey pages,
# synthetic national waves of parorendeundersokelse (last year's and this
# year's) for the statistics and the dashboard, and
# the demo offers of the seed municipalities.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-dependencies.sh

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPARORENDE_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)"
parorende=build/release/cli/parorende

"$parorende" validate questionnaires/*.json

db=demo/parorende.db
rm -rf demo
mkdir -p demo
opens=$(date -u -d '-7 days' +%F)
closes=$(date -u -d '+1 year' +%F)

"$parorende" init-db --db "$db"
"$parorende" publish --db "$db" questionnaires/parorendeundersokelse.json questionnaires/belastningskartlegging.json
"$parorende" wave create --db "$db" --questionnaire parorendeundersokelse \
  --name demo-parorendeundersokelse --opens "$opens" --closes "$closes"
"$parorende" wave create --db "$db" --questionnaire belastningskartlegging \
  --name demo-belastningskartlegging --opens "$opens" --closes "$closes"
# Last year's round first, so the dashboard shows the change since then.
"$parorende" demo-data --db "$db" --wave demo-national-2025 --responses 20000 --seed 2025 \
  --opens "$(( $(date -u +%Y) - 1 ))-01-01" --closes "$(( $(date -u +%Y) - 1 ))-12-31" \
  --truth demo/demo-national-2025.truth.csv
"$parorende" demo-data --db "$db" --wave demo-national-2026 --responses 50000 --seed 2026 \
  --truth demo/demo-national-2026.truth.csv
"$parorende" offers import --db "$db" data/demo-offers.csv

echo "Serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec "$parorende" serve --db "$db" --port 8080 --web web

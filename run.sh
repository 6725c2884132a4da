#!/usr/bin/env bash
# Installs what is missing, builds parorende (Release), creates a demo
# database and serves the product on http://127.0.0.1:8080.
#
# The demo database (demo/parorende.db, made anew on every run) holds the three
# shipped questionnaires, an open national wave of each for the survey pages,
# synthetic national waves of parorendeundersokelse (last year's and this
# year's) for the statistics and the dashboard, and
# the demo offers of the seed municipalities, and two demo staff accounts
# (a national administrator and a staff member of Gjøvik) whose passwords
# are made anew and printed once, for the demo only.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-dependencies.sh

# A unity build, as ./test.sh's: the binary served is compiled the way the
# tested ones are (docs/testing.md, "Stages and builds").
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON \
  -DPARORENDE_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)"
parorende=build/release/cli/parorende

"$parorende" validate questionnaires/*.json

db=demo/parorende.db
rm -rf demo
mkdir -p demo
opens=$(date -u -d '-7 days' +%F)
closes=$(date -u -d '+1 year' +%F)

"$parorende" init-db --db "$db"
"$parorende" publish --db "$db" questionnaires/parorendeundersokelse.json questionnaires/belastningskartlegging.json \
  questionnaires/unge_parorende.json
"$parorende" wave create --db "$db" --questionnaire parorendeundersokelse \
  --name demo-parorendeundersokelse --opens "$opens" --closes "$closes"
"$parorende" wave create --db "$db" --questionnaire belastningskartlegging \
  --name demo-belastningskartlegging --opens "$opens" --closes "$closes"
"$parorende" wave create --db "$db" --questionnaire unge_parorende \
  --name demo-unge-parorende --opens "$opens" --closes "$closes"
# Last year's round first, so the dashboard shows the change since then.
"$parorende" demo-data --db "$db" --wave demo-national-2025 --responses 20000 --seed 2025 \
  --opens "$(( $(date -u +%Y) - 1 ))-01-01" --closes "$(( $(date -u +%Y) - 1 ))-12-31" \
  --truth demo/demo-national-2025.truth.csv
"$parorende" demo-data --db "$db" --wave demo-national-2026 --responses 50000 --seed 2026 \
  --truth demo/demo-national-2026.truth.csv
"$parorende" offers import --db "$db" data/demo-offers.csv

# Demo staff accounts: random passwords, printed below and kept nowhere
# else (demo/ is made anew on every run). Each enrols a TOTP app at its
# first sign-in on /staff.html.
demo_password() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 16; }
admin_password=$(demo_password)
staff_password=$(demo_password)
umask 077
echo "$admin_password" >demo/admin.password
echo "$staff_password" >demo/gjovik.password
"$parorende" user add --db "$db" --username demo-admin --name "Demo Administrator" \
  --grant national_admin --password-file demo/admin.password >/dev/null
"$parorende" user add --db "$db" --username demo-gjovik --name "Demo Gjøvik" \
  --grant municipality_staff:3407 --password-file demo/gjovik.password >/dev/null
rm demo/admin.password demo/gjovik.password

cat <<ACCOUNTS

Demo staff accounts (for this demo only) on http://127.0.0.1:8080/staff.html:
  demo-admin   $admin_password   national administrator
  demo-gjovik  $staff_password   staff of Gjøvik (3407)
Each sets up an authenticator app (TOTP) at its first sign-in.
ACCOUNTS

echo "Serving on http://127.0.0.1:8080 (Ctrl-C stops)"
exec "$parorende" serve --db "$db" --port 8080 --web web

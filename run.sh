#!/usr/bin/env bash
# Installs what is missing, builds parorende (Release), checks the shipped
# questionnaires and scores a demo burden screening.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-dependencies.sh

cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPARORENDE_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)"
parorende=build/release/cli/parorende

"$parorende" validate questionnaires/*.json
echo "Demo burden screening (questionnaires/demo/belastningskartlegging-response.json):"
"$parorende" score --questionnaire questionnaires/belastningskartlegging.json \
  --response questionnaires/demo/belastningskartlegging-response.json

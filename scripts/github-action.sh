#!/usr/bin/env bash
# The lint step of action.yml. It runs gocop twice: for SARIF (written to $GOCOP_SARIF, which the next
# step uploads) and for workflow commands (annotations on the pull request; the result cache makes
# this second run cheap). gocop's exit code goes to the step's outputs instead of failing the step, so
# the upload still happens; a later step fails the job. The inputs arrive in environment variables and
# are split on spaces, never evaluated, so an input cannot inject shell code.
set -uo pipefail

read -r -a paths <<< "${GOCOP_PATHS:-./...}"
read -r -a extra <<< "${GOCOP_ARGS:-}"
flags=(--fail-on "${GOCOP_FAIL_ON:-warning}")
if [ -n "${GOCOP_NEW_FROM_REV:-}" ]; then
  flags+=(--new-from-rev "$GOCOP_NEW_FROM_REV")
fi

node "$GOCOP_BIN" "${flags[@]}" "${extra[@]}" --format sarif --output "$GOCOP_SARIF" "${paths[@]}"
code=$?
# The first run already printed gocop's own errors on stderr.
node "$GOCOP_BIN" "${flags[@]}" "${extra[@]}" --format github "${paths[@]}" 2>/dev/null

if [ -f "$GOCOP_SARIF" ]; then
  echo "sarif-file=$GOCOP_SARIF" >> "$GITHUB_OUTPUT"
fi
echo "exit-code=$code" >> "$GITHUB_OUTPUT"

#!/usr/bin/env bash
# A student's day against a running backend (`npm start`, demo data loaded), in curl and jq: paste
# it, or run `bash docs/examples/students-day.sh`. Every value it uses is captured on the way.
# Without SMTP_URL login codes land in ./outbox (OUTBOX_DIR); the demo admin stands in for staff.
set -euo pipefail
API=${API:-http://localhost:3000}
OUTBOX=${OUTBOX:-./outbox}
STUDENT_EMAIL=${STUDENT_EMAIL:-student-$(date +%s)@example.com}
STAFF_EMAIL=${STAFF_EMAIL:-admin@example.com}
JSON=(-H 'content-type: application/json')

# The newest login code mailed to an address (the outbox holds one .eml file per mail).
login_code() {
  local file
  for _ in $(seq 50); do
    file=$(grep -l "To: $1" "$OUTBOX"/*.eml 2>/dev/null | sort | tail -n 1 || true)
    [ -n "$file" ] && grep -o 'login code is [0-9]\{6\}' "$file" | grep -o '[0-9]\{6\}' && return
    sleep 0.2
  done
  echo "no login code for $1 in $OUTBOX" >&2
  return 1
}

# Logs in with an e-mail code; prints the access token. $2: the session key that links the
# session's anonymous events to the user (optional).
log_in() {
  local email=$1 key=${2:-}
  curl -sf -X POST "$API/auth/otp/request" "${JSON[@]}" -d "{\"email\":\"$email\"}" >/dev/null
  local code
  code=$(login_code "$email")
  curl -sf -X POST "$API/auth/otp/verify" "${JSON[@]}" ${key:+-H "x-session-key: $key"} \
    ${SESSION:+-H "x-session-id: $SESSION"} -d "{\"email\":\"$email\",\"code\":\"$code\"}" | jq -r .accessToken
}

# 1. A tracking session (public): its id goes with every request, its key with the login.
read -r SESSION SESSION_KEY < <(curl -sf -X POST "$API/analytics/sessions" "${JSON[@]}" -d '{}' |
  jq -r '"\(.sessionId) \(.sessionKey)"')

# 2. Browse the catalog (public) and open a course's outline: modules → topics → classes.
COURSE=$(curl -sf "$API/courses?pageSize=1" | jq -r '.items[0].id')
OUTLINE=$(curl -sf "$API/courses/$COURSE")
VIDEO_CLASS=$(jq -r '[.. | objects | select(.contentType? == "video")][0].id' <<<"$OUTLINE")
TEXT_CLASS=$(jq -r '[.. | objects | select(.contentType? == "text")][0].id' <<<"$OUTLINE")
echo "course $(jq -r .title <<<"$OUTLINE"): video class $VIDEO_CLASS, text class $TEXT_CLASS"

# 3. The student logs in; staff enrol them (idempotent; in bulk by e-mail: POST …/access/bulk).
TOKEN=$(log_in "$STUDENT_EMAIL" "$SESSION_KEY")
AS_STUDENT=(-H "authorization: Bearer $TOKEN" -H "x-session-id: $SESSION" "${JSON[@]}")
STUDENT_ID=$(curl -sf "$API/users/me" "${AS_STUDENT[@]}" | jq -r .id)
STAFF_TOKEN=$(SESSION='' log_in "$STAFF_EMAIL")
curl -sf -X POST "$API/courses/$COURSE/access" -H "authorization: Bearer $STAFF_TOKEN" "${JSON[@]}" \
  -d "{\"userId\":\"$STUDENT_ID\"}" >/dev/null

# 4. My courses, with % complete; or straight to the last unfinished class (204: nothing yet).
curl -sf "$API/me/courses" "${AS_STUDENT[@]}" | jq -c '.[] | {title, percent}'
curl -sf -o /dev/null -w 'continue: %{http_code}\n' "$API/me/continue" "${AS_STUDENT[@]}"

# 5. Open a class (403 without enrolment) and report progress as the player does every ~15 s.
curl -sf "$API/courses/$COURSE/classes/$VIDEO_CLASS" "${AS_STUDENT[@]}" | jq -c '{title, videoUrl}'
curl -sf -X PUT "$API/progress/classes/$VIDEO_CLASS" "${AS_STUDENT[@]}" \
  -d '{"watchedSeconds":15,"lastPosition":315}' | jq -c '{watchedSeconds, lastPosition, isCompleted}'
curl -sf -X PUT "$API/progress/classes/$TEXT_CLASS" "${AS_STUDENT[@]}" \
  -d '{"watchedSeconds":40,"completed":true}' | jq -c '{isCompleted}'

# 6. Progress per module, topic and class.
curl -sf "$API/progress/courses/$COURSE" "${AS_STUDENT[@]}" | jq -c '{completedClasses, totalClasses, percent}'

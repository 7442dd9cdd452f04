#!/bin/sh
# The web model editor (issue 17 item 5): weights and bounds of every
# measure in a form, every error at once, save as a draft with a note, the
# round trip form → JSON → the same model, calibration into the editor, the
# diff against the active model, a what-if, and activation by an executive
# behind an explicit confirmation.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
for r in admin executive sales viewer; do login "$r"; done

# form_body FILE [NAME=VALUE...]: the editor form of FILE as a urlencoded
# body, every field as shown, with the given fields replaced.
form_body() {
	python3 - "$@" <<'PY'
import sys, html.parser, urllib.parse
page = open(sys.argv[1], encoding="utf-8").read()
over = dict(a.split("=", 1) for a in sys.argv[2:])
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.inform = False; self.fields = []; self.ta = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "model-editor": self.inform = True
        if not self.inform: return
        if tag == "input" and "name" in a: self.fields.append([a["name"], a.get("value", "")])
        if tag == "textarea": self.ta = [a["name"], ""]; self.fields.append(self.ta)
    def handle_endtag(self, tag):
        if tag == "form": self.inform = False
        if tag == "textarea": self.ta = None
    def handle_data(self, d):
        if self.ta is not None: self.ta[1] += d
p = P(); p.feed(page)
out = [(k, over.pop(k, v)) for k, v in p.fields] + list(over.items())
print(urllib.parse.urlencode(out), end="")
PY
}
post_form() { # ROLE PATH BODY
	status "$1" POST "$2" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$3"
}

check "editor-viewer-403" is 403 "$(status viewer GET /models/edit)"
check "editor-sales-403" is 403 "$(status sales GET /models/edit)"
check "editor-page" is 200 "$(status executive GET /models/edit)"
cp "$WORK/body" "$WORK/editor.html"
check "editor-has-category-weight" has "$WORK/editor.html" 'name="cw:S1" aria-label="S1 weight" value="30"'
check "editor-has-criterion-weight" has "$WORK/editor.html" 'name="kw:O2.3" aria-label="O2.3 weight" value="1"'
check "editor-has-linear-bounds" has "$WORK/editor.html" 'name="z:S2.1:steady_state_met" aria-label="S2.1 steady_state_met zero" value="0.6"'
check "editor-linear-in-words" has "$WORK/editor.html" 'aria-label="S2.1 steady_state_met full" value="0.95">) <span class="muted small scoring-words">0 points at 60% or less, 100 at 95% or more, in proportion between</span>'
check "editor-has-every-measure" sh -c "test \$(grep -o 'name=\"z:' '$WORK/editor.html' | wc -l) -eq 20"

# Round trip: the form as shown, saved with a note, is the same model.
body=$(form_body "$WORK/editor.html" note="round trip: nothing changed" year=2026 version=rt)
check "editor-save" is 303 "$(post_form executive /models/edit "$body")"
check "editor-save-redirects" sh -c "curl -s -o /dev/null -D - -b '$WORK/executive.jar' -H 'X-CSRF-Token: $(cat "$WORK/executive.csrf")' \
	-H 'Content-Type: application/x-www-form-urlencoded' --data-binary '$(form_body "$WORK/editor.html" note=again year=2026 version=rt2)' \
	'$URL/models/edit' | grep -qi '^location: /models/rt2?saved=1'"
check "editor-round-trip-same-model" sh -c "
	'$TANDEM' model diff default rt --db '$DB' > '$WORK/rt.diff' &&
	test \"\$(cat '$WORK/rt.diff')\" = \"\$(printf 'description: The default evaluation model of SPEC §5 → round trip: nothing changed\nyear: 0 → 2026')\""
check "editor-saved-not-active" sh -c "'$TANDEM' model list --db '$DB' | grep -q '^rt  *2026           '"
check "editor-save-audited" sh -c "'$TANDEM' audit list --db '$DB' --limit 10 | grep -q 'user:executive.*model.*rt'"

# A change, saved: the diff says exactly it.
body=$(form_body "$WORK/editor.html" note="S1 weighs more" year=2026 version=s1 "cw:S1=40" "f:S2.1:steady_state_met=0.9")
check "editor-save-change" is 303 "$(post_form admin /models/edit "$body")"
check "editor-change-diff" sh -c "
	'$TANDEM' model diff default s1 --db '$DB' | grep -v '^description\|^year' > '$WORK/s1.diff' &&
	test \"\$(cat '$WORK/s1.diff')\" = \"\$(printf 'weight of category S1: 30 → 40\nS2.1 scoring: 0 points at 60%% or less, 100 at 95%% or more, in proportion between (linear(0.6, 0.95)) → 0 points at 60%% or less, 100 at 90%% or more, in proportion between (linear(0.6, 0.9))')\""

# Every error at once, in the form, nothing stored.
body=$(form_body "$WORK/editor.html" note= year=2026 version=bad "cw:S1=abc" "kw:S1.2=0" "f:S2.1:steady_state_met=0.6")
check "editor-errors-422" is 422 "$(post_form executive /models/edit "$body")"
check "editor-errors-note" has "$WORK/body" 'Say why the model changes'
check "editor-errors-number" has "$WORK/body" "weight of category S1: &#39;abc&#39; is not a number"
check "editor-errors-weight" has "$WORK/body" 'model: organizations[0].categories[0].criteria[1].weight: must be &gt; 0'
check "editor-errors-bounds" has "$WORK/body" 'model: organizations[0].categories[1].criteria[0].measures[0].scoring.full: must differ from zero'
check "editor-errors-keep-input" has "$WORK/body" 'name="cw:S1" aria-label="S1 weight" value="abc"'
check "editor-errors-nothing-stored" sh -c "! '$TANDEM' model list --db '$DB' | grep -q '^bad '"
check "editor-bad-csrf-403" is 403 "$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/executive.jar" \
	-H 'Content-Type: application/x-www-form-urlencoded' \
	--data-binary "$(form_body "$WORK/editor.html" csrf=forged note=x year=2026 version=forged)" "$URL/models/edit")"
check "editor-bad-csrf-nothing-stored" sh -c "! '$TANDEM' model list --db '$DB' | grep -q '^forged '"

# Calibration opens the editor with the proposed bounds.
check "editor-calibrate" is 200 "$(status executive GET '/models/edit?from=default&calibrate=2026&org=operations')"
check "editor-calibrate-table" has "$WORK/body" 'id="calibration"'
check "editor-calibrate-table-words" has "$WORK/body" '<br><span class="small">0 points at 0 or less, 100 at 1 or more, in proportion between</span>'
check "editor-calibrate-year" has "$WORK/body" 'name="year" type="number" min="1001" max="9998" value="2026"'
check "editor-calibrate-bad-year" is 422 "$(status executive GET '/models/edit?calibrate=20x6')"

# The saved draft's page: note, diff against the model scoring 2026, a
# what-if, and activation only when confirmed.
check "model-page" is 200 "$(status viewer GET /models/s1)"
check "model-page-note" has "$WORK/body" '<p id="model-note">S1 weighs more</p>'
check "model-page-diff-active" has "$WORK/body" 'weight of category S1: 30 → 40'
check "model-page-diff-active-scoring-words" has "$WORK/body" 'S2.1 scoring: 0 points at 60% or less, 100 at 95% or more, in proportion between (linear(0.6, 0.95)) → 0 points at 60% or less, 100 at 90% or more, in proportion between (linear(0.6, 0.9))'
check "model-page-ko" is 200 "$(status viewer GET '/models/s1?lang=ko')"
check "model-page-diff-active-scoring-words-ko" has "$WORK/body" 'S2.1 채점 방식: 60% 이하 0점, 95% 이상 100점, 그 사이는 비례 (linear(0.6, 0.95)) → 60% 이하 0점, 90% 이상 100점, 그 사이는 비례 (linear(0.6, 0.9))'
check "model-diff-page-ko" is 200 "$(status viewer GET '/models/diff?a=default&b=s1&lang=ko')"
check "model-diff-page-ko-words" has "$WORK/body" '<li>평가 영역 S1의 가중치: 30 → 40</li>'
check "model-diff-api-changes-stay-formulas" is 200 "$(api viewer GET '/api/v1/models/diff?a=default&b=s1&lang=ko')"
check "model-diff-api-formula-line" has "$WORK/body" '"S2.1 scoring: linear(0.6, 0.95) → linear(0.6, 0.9)"'
check "model-diff-api-changes-text-ko" has "$WORK/body" '"changes_text":['
check "model-diff-api-changes-text-ko-words" has "$WORK/body" '"S2.1 채점 방식: 60% 이하 0점, 95% 이상 100점, 그 사이는 비례 (linear(0.6, 0.95)) → 60% 이하 0점, 90% 이상 100점, 그 사이는 비례 (linear(0.6, 0.9))"'
check "model-page-viewer-no-whatif" hasnt "$WORK/body" 'id="edit-model"'
check "model-page-executive" is 200 "$(status executive GET /models/s1)"
check "model-page-confirm-box" has "$WORK/body" 'name="confirm" value="yes" required'
check "model-page-edit-link" has "$WORK/body" 'href="/models/edit?from=s1"'
check "activate-unconfirmed-422" is 422 "$(form executive /models/s1/activate)"
check "activate-unconfirmed-not-active" sh -c "! '$TANDEM' model list --db '$DB' | grep -q '^s1  *2026  active'"
check "activate-admin-403" is 403 "$(form admin /models/s1/activate confirm=yes)"
check "activate-confirmed" is 303 "$(form executive /models/s1/activate confirm=yes)"
check "activate-confirmed-active" sh -c "'$TANDEM' model list --db '$DB' | grep -q '^s1  *2026  active'"
check "models-list-shows-notes" is 200 "$(status viewer GET /models)"
check "models-list-note" has "$WORK/body" '<td class="note">S1 weighs more</td>'
check "models-api-note" is 200 "$(api viewer GET /api/v1/models)"
check "models-api-note-body" has "$WORK/body" '"version":"s1","year":2026,"active":true'
check "models-api-note-text" has "$WORK/body" '"note":"S1 weighs more"'

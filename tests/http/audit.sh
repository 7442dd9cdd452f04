#!/bin/sh
# The audit log: changes made through the web are logged with who, what,
# before and after; `tandem audit verify` finds an entry edited or deleted
# directly in the database (exit status 1) and accepts an intact chain.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
login admin
login operations
check "audit-web-update" is 200 "$(api operations PUT /api/v1/records/readiness/K1/ITEM-A '{"done_on":"2025-03-02"}')"
check "audit-web-create" is 201 "$(api admin POST /api/v1/records/clients '{"id":"CA","name":"Audited"}')"
check "audit-web-delete" is 204 "$(api admin DELETE /api/v1/records/clients/CA)"
check "audit-web-user" is 201 "$(api admin POST /api/v1/users '{"name":"auditee","role":"viewer","password":"long-enough-1"}')"
stop_server

"$TANDEM" audit list --db "$DB" --limit 100 > "$WORK/list"
check "audit-list-update-who" grep -q "	user:operations	update	readiness	K1/ITEM-A	" "$WORK/list"
check "audit-list-update-before" grep -q '"done_on":"2025-03-01"' "$WORK/list"
check "audit-list-update-after" grep -q '"done_on":"2025-03-02"' "$WORK/list"
check "audit-list-create" grep -q "	user:admin	create	clients	CA	-	" "$WORK/list"
check "audit-list-delete" grep -q "	user:admin	delete	clients	CA	{" "$WORK/list"
check "audit-list-user-no-password" sh -c "! grep 'auditee' '$WORK/list' | grep -q 'argon2\|long-enough'"
check "audit-list-limit" sh -c "[ \$('$TANDEM' audit list --db '$DB' --limit 2 | wc -l) -eq 2 ]"
check "audit-verify-intact" "$TANDEM" audit verify --db "$DB"

cp "$DB" "$WORK/edited.db"
sqlite3 "$WORK/edited.db" "UPDATE audit_log SET after_value = '{\"done_on\":\"2020-01-01\"}' WHERE action = 'update' AND entity = 'readiness'"
check "audit-verify-edited-exit-1" status_is 1 "$TANDEM" audit verify --db "$WORK/edited.db"
check "audit-verify-edited-says-which" sh -c "'$TANDEM' audit verify --db '$WORK/edited.db' 2>/dev/null | grep -q 'content was changed'"

cp "$DB" "$WORK/deleted.db"
sqlite3 "$WORK/deleted.db" "DELETE FROM audit_log WHERE seq = (SELECT min(seq) + 1 FROM audit_log)"
check "audit-verify-deleted-exit-1" status_is 1 "$TANDEM" audit verify --db "$WORK/deleted.db"
check "audit-verify-deleted-says-missing" sh -c "'$TANDEM' audit verify --db '$WORK/deleted.db' 2>/dev/null | grep -q 'missing'"

cp "$DB" "$WORK/actor.db"
sqlite3 "$WORK/actor.db" "UPDATE audit_log SET actor = 'user:someone-else' WHERE entity = 'clients' AND action = 'delete'"
check "audit-verify-actor-changed-exit-1" status_is 1 "$TANDEM" audit verify --db "$WORK/actor.db"

# The web page shows the break too.
cp "$WORK/edited.db" "$DB"
start_server --quiet || exit 1
login admin
check "audit-page-broken-200" is 200 "$(status admin GET /audit)"
check "audit-page-says-broken" has "$WORK/body" 'The audit chain is broken'
# Who made each change: the person of an account with one (looked up once
# a page, html.c), the account otherwise.
check "audit-page-person-of-account" has "$WORK/body" '<td>박운영 (operations)</td>'
check "audit-page-account-without-person" sh -c "test \$(grep -c '<td>user admin</td>' '$WORK/body') -eq 4"
check "audit-cli-usage-2" status_is 2 "$TANDEM" audit frobnicate --db "$DB"

#!/bin/sh
# One table renderer for the long lists (issue 15 item 4, issue 18): the
# record lists sort by any column on the server (bound ORDER BY from the
# schema's columns, rows without a value last either way), keep the sort
# across pages and filters, page with "1–50 of N · page 1 of M" (older
# ?offset= links too), and the audit log pages the same way.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
mkdir -p "$WORK/more"
# 60 more contracts (62 in all): KT01 … KT60 worth 1 … 60 million won
awk 'BEGIN { print "id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,planned_stabilization_months,parent_contract_id,renews_contract_id";
	for (i = 1; i <= 60; i++) printf "KT%02d,C1,콜센터,2025-01-10,,,,,%d,low,P-S1,P-O1,30,3,,\n", i, i * 1000000 }' > "$WORK/more/contracts.csv"
"$TANDEM" import --db "$DB" "$WORK/more" >/dev/null || exit 1
start_server --quiet || exit 1
login admin || exit 1
login executive || exit 1

# the ids of the rows shown, in order, on one line
rows() { grep -o '<tr><th scope="row"><a href="/contracts/[^"]*"' "$WORK/body" | sed 's|.*/contracts/||; s|"||' | head -"$1" | tr '\n' ' '; }

check "tables-records-200" is 200 "$(status admin GET '/records/contracts?lang=en')"
check "tables-records-range" has "$WORK/body" '<span class="range" id="range">1–50 of 62 · page 1 of 2</span>'
check "tables-records-key-order" is "K1 K2 KT01 " "$(rows 3)"
check "tables-records-sort-link" has "$WORK/body" '<th scope="col" class="num"><a class="sort" href="/records/contracts?sort=annual_value&amp;dir=desc">Annual value</a></th>'
check "tables-records-next" has "$WORK/body" '<a rel="next" href="/records/contracts?page=2">Next →</a>'

check "tables-sort-desc-200" is 200 "$(status admin GET '/records/contracts?lang=en&sort=annual_value&dir=desc')"
check "tables-sort-desc-rows" is "K1 K2 KT60 KT59 " "$(rows 4)"
check "tables-sort-desc-aria" has "$WORK/body" '<th scope="col" class="num" aria-sort="descending"><a class="sort" href="/records/contracts?sort=annual_value&amp;dir=asc">Annual value <span aria-hidden="true">▼</span></a></th>'
check "tables-sort-desc-next-keeps-sort" has "$WORK/body" '<a rel="next" href="/records/contracts?sort=annual_value&amp;dir=desc&amp;page=2">Next →</a>'
check "tables-sort-desc-filter-keeps-sort" has "$WORK/body" '<input type="hidden" name="sort" value="annual_value"><input type="hidden" name="dir" value="desc">'
check "tables-sort-asc-200" is 200 "$(status admin GET '/records/contracts?lang=en&sort=annual_value&dir=asc')"
check "tables-sort-asc-rows" is "KT01 KT02 KT03 " "$(rows 3)"
check "tables-sort-page-2-200" is 200 "$(status admin GET '/records/contracts?lang=en&sort=annual_value&dir=desc&page=2')"
check "tables-sort-page-2-range" has "$WORK/body" '<span class="range" id="range">51–62 of 62 · page 2 of 2</span>'
check "tables-sort-page-2-rows" is "KT12 KT11 " "$(rows 2)"
check "tables-sort-page-2-first" has "$WORK/body" '<a rel="first" href="/records/contracts?sort=annual_value&amp;dir=desc">First</a>'
# rows without a value last in both directions (only K2 has a parent)
check "tables-sort-null-asc" is 200 "$(status admin GET '/records/contracts?lang=en&sort=parent_contract_id&dir=asc')"
check "tables-sort-null-asc-first" is "K2 K1 KT01 " "$(rows 3)"
check "tables-sort-null-desc" is 200 "$(status admin GET '/records/contracts?lang=en&sort=parent_contract_id&dir=desc')"
check "tables-sort-null-desc-first" is "K2 K1 KT01 " "$(rows 3)"
# the text filter and the sort together
check "tables-filter-sort-200" is 200 "$(status admin GET '/records/contracts?lang=en&q=KT0&sort=annual_value&dir=desc')"
check "tables-filter-sort-range" has "$WORK/body" '<span class="range" id="range">1–9 of 9 · page 1 of 1</span>'
check "tables-filter-sort-rows" is "KT09 KT08 " "$(rows 2)"
# what is not a column is no sort: the key order, never text in SQL
check "tables-sort-unknown-200" is 200 "$(status admin GET '/records/contracts?lang=en&sort=nope&dir=desc')"
check "tables-sort-unknown-key-order" is "K1 K2 KT01 " "$(rows 3)"
check "tables-sort-injection-200" is 200 "$(status admin GET '/records/contracts?lang=en&sort=id%3BDROP%20TABLE%20contracts')"
check "tables-sort-injection-key-order" is "K1 K2 KT01 " "$(rows 3)"
check "tables-sort-injection-table-kept" is 200 "$(status admin GET '/records/contracts?lang=en&page=2')"
check "tables-sort-injection-still-62" has "$WORK/body" '<span class="range" id="range">51–62 of 62 · page 2 of 2</span>'
# older links by offset, and a page past the end
check "tables-offset-200" is 200 "$(status admin GET '/records/contracts?lang=en&offset=50')"
check "tables-offset-range" has "$WORK/body" '<span class="range" id="range">51–62 of 62 · page 2 of 2</span>'
check "tables-far-page-200" is 200 "$(status admin GET '/records/contracts?lang=en&page=9')"
check "tables-far-page-last" has "$WORK/body" '<span class="range" id="range">51–62 of 62 · page 2 of 2</span>'
check "tables-per-10" is 200 "$(status admin GET '/records/contracts?lang=en&per=10&page=3')"
check "tables-per-10-range" has "$WORK/body" '<span class="range" id="range">21–30 of 62 · page 3 of 7</span>'
check "tables-per-10-box" has "$WORK/body" '<input id="page" name="page" type="number" min="1" max="7" value="3">'
# measurements are listed by their key only: no sort links
check "tables-measurements-200" is 200 "$(status admin GET '/records/measurements?lang=en')"
check "tables-measurements-no-sort" hasnt "$WORK/body" 'class="sort"'

# the audit log pages through the same renderer: twelve updates by admin,
# three entries each (the batch, the record replaced, the update)
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	check "tables-audit-update-$i" is 200 "$(api admin PUT /api/v1/records/contracts/KT$i '{"service_line":"채팅"}')"
done
check "tables-audit-200" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&actor=admin&per=12')"
check "tables-audit-range" has "$WORK/body" '<span class="range" id="range">1–12 of 36 · page 1 of 3</span>'
check "tables-audit-newest-first" is "KT12" "$(grep -o '<td><a href="/contracts/[^"]*"' "$WORK/body" | head -1 | sed 's|.*/contracts/||; s|"||')"
check "tables-audit-next" has "$WORK/body" '<a rel="next" href="/audit?entity=contracts&amp;actor=admin&amp;per=12&amp;page=2">Next →</a>'
check "tables-audit-last" has "$WORK/body" '<a rel="last" href="/audit?entity=contracts&amp;actor=admin&amp;per=12&amp;page=3">Last</a>'
check "tables-audit-page-3" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&actor=admin&per=12&page=3')"
check "tables-audit-page-3-range" has "$WORK/body" '<span class="range" id="range">25–36 of 36 · page 3 of 3</span>'
check "tables-audit-page-3-oldest" is "KT04 KT03 KT02 KT01 " "$(grep -o '<td><a href="/contracts/[^"]*"' "$WORK/body" | sed 's|.*/contracts/||; s|"||' | uniq | tr '\n' ' ')"
check "tables-audit-offset" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&actor=admin&per=12&offset=12')"
check "tables-audit-offset-range" has "$WORK/body" '<span class="range" id="range">13–24 of 36 · page 2 of 3</span>'
check "tables-audit-empty-id" is 200 "$(status executive GET '/audit?lang=en&entity=contracts&actor=nobody')"
check "tables-audit-empty-says" has "$WORK/body" '<td colspan="7" class="muted empty" id="audit-empty">No audit entry matches these filters.</td>'

# the models list and the lists of changes are html_table too
check "tables-models-200" is 200 "$(status executive GET '/models?lang=en')"
check "tables-models-table" has "$WORK/body" '<table class="data" id="model-list">'
check "tables-models-builtin-row" has "$WORK/body" '<tr><th scope="row"><a href="/models/default">'
check "tables-models-activate-hidden-head" has "$WORK/body" '<th scope="col"><span class="visually-hidden">'

# the accounts: the form is html_form (a picker for the person, by name)
check "tables-users-200" is 200 "$(status admin GET '/users?lang=en')"
check "tables-users-form" has "$WORK/body" '<form method="post" id="add-user" class="record-form" novalidate action="/users">'
check "tables-users-role-options" has "$WORK/body" '<option value="viewer" selected>viewer</option>'
check "tables-users-person-picker" has "$WORK/body" 'name="person_id"'
check "tables-users-create-by-name" is 200 "$(form admin '/users?lang=en' name=kim2 role=sales person_id=박운영)"
check "tables-users-created" has "$WORK/body" '<strong>kim2</strong>'
check "tables-users-person-resolved" is 200 "$(api admin GET /api/v1/users)"
check "tables-users-person-resolved-id" has "$WORK/body" '"name":"kim2","role":"sales","person_id":"P-O1"'
check "tables-users-list" is 200 "$(status admin GET '/users?lang=en')"
check "tables-users-list-row" has "$WORK/body" '<tr><th scope="row">kim2</th><td>sales</td><td>P-O1</td><td>active</td>'
check "tables-users-sorted-200" is 200 "$(status admin GET '/users?lang=en&sort=name&dir=desc')"
check "tables-users-sorted-first" is "viewer" "$(grep -o '<tr><th scope="row">[^<]*' "$WORK/body" | head -1 | sed 's/.*>//')"

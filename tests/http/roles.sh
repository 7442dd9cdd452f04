#!/bin/sh
# The route x role matrix: every route of the table, called by each role
# and by an anonymous client, answers with the status docs/security.md
# promises. Writes use requests whose outcome does not depend on order:
# creating an existing key (409 when allowed), a no-op update (200 when
# allowed), deleting a missing key (404 when allowed); 403 when refused.
. "$(dirname "$0")/lib.sh"
make_store || exit 1
start_server --quiet || exit 1
ROLES="admin executive sales operations viewer"
for r in $ROLES; do
	check "login-$r" login "$r"
done

# matrix NAME METHOD PATH BODY  ADMIN EXECUTIVE SALES OPERATIONS VIEWER ANON
# BODY: "-" none; "json:..." a JSON body; "form:a=1&b=2" a form.
matrix() {
	_mname=$1 _mmethod=$2 _mpath=$3 _body=$4
	shift 4
	for who in $ROLES anon; do
		_want=$1
		shift
		case $_body in
		-) _got=$(status "$who" "$_mmethod" "$_mpath") ;;
		json:*) _got=$(status "$who" "$_mmethod" "$_mpath" -H 'Content-Type: application/json' \
			--data-binary "${_body#json:}") ;;
		csv:*) _got=$(status "$who" "$_mmethod" "$_mpath" -H 'Content-Type: text/csv' \
			--data-binary "$(printf "${_body#csv:}")") ;;
		form:*)
			_f=${_body#form:}
			[ "$who" != anon ] && _f="$_f&csrf=$(cat "$WORK/$who.csrf")"
			_got=$(status "$who" "$_mmethod" "$_mpath" -H 'Content-Type: application/x-www-form-urlencoded' \
				--data-binary "$_f") ;;
		esac
		check "route-$_mname-$who" is "$_want" "$_got"
	done
}

#      name                method path                                  body                          adm exe sal ops vie anon
matrix dashboard           GET  /                                       -                             200 200 200 200 200 303
matrix api-audit           GET  /api/v1/audit                           -                             200 200 403 403 403 401
matrix api-kinds           GET  /api/v1/kinds                           -                             200 200 200 200 200 401
matrix api-me              GET  /api/v1/me                              -                             200 200 200 200 200 401
matrix api-openapi         GET  /api/v1/openapi.json                    -                             200 200 200 200 200 200
matrix api-alerts          GET  '/api/v1/alerts?as_of=2026-06-30'       -                             200 200 200 200 200 401
matrix api-cycle           GET  '/api/v1/cycle?from=2025&to=2026'       -                             200 200 200 200 200 401
matrix api-cycle-referrals GET  /api/v1/cycle/referrals                 -                             200 200 200 200 200 401
matrix api-promises        GET  '/api/v1/promises?year=2026'            -                             200 200 200 200 200 401
matrix api-proposals       GET  /api/v1/proposals                       -                             200 200 200 200 200 401
matrix api-proposal        GET  /api/v1/proposals/PR1                   -                             200 200 200 200 200 401
# PR1 is won: the roles the store's state machine lets in get its 409.
matrix api-proposal-win    POST /api/v1/proposals/PR1/win               -                             409 409 409 403 403 401
matrix api-proposal-lose   POST /api/v1/proposals/PR1/lose              -                             409 409 409 403 403 401
# An admin account has no person: it cannot review (SPEC §2, attribution).
matrix api-proposal-review POST /api/v1/proposals/PR1/review            'json:{"reviewed_on":"2026-01-01","verdict":"feasible"}' 403 403 403 409 403 401
matrix api-override        POST /api/v1/proposals/PR1/override          'json:{"reason":"board decision"}' 403 409 403 403 403 401
matrix api-records-list    GET  /api/v1/records/contracts               -                             200 200 200 200 200 401
matrix api-record-get      GET  /api/v1/records/contracts/K1            -                             200 200 200 200 200 401
matrix api-scores          GET  '/api/v1/scores?year=2026'              -                             200 200 200 200 200 401
matrix api-users-list      GET  /api/v1/users                           -                             200 403 403 403 403 401
matrix api-users-create    POST /api/v1/users                           'json:{"name":"bad name"}'    422 403 403 403 403 401
matrix api-users-update    PUT  /api/v1/users/nobody                    'json:{"role":"viewer"}'      404 403 403 403 403 401
matrix api-explain         GET  '/api/v1/explain?contract=K1&criterion=S3.1&year=2026' -             200 200 200 200 200 401
matrix api-verify          GET  /api/v1/frozen/1998                     -                             404 404 404 404 404 401
matrix api-freeze          POST /api/v1/frozen/1999                     -                             403 201 403 403 403 401
matrix api-models          GET  /api/v1/models                          -                             200 200 200 200 200 401
matrix api-models-import   POST '/api/v1/models?year=2026'              'json:{"organizations":[]}'   422 422 403 403 403 401
matrix api-models-diff     GET  '/api/v1/models/diff?a=default&b=default' -                           200 200 200 200 200 401
matrix api-models-whatif   POST '/api/v1/models/whatif?year=2026&model=nope' -                        404 404 403 403 403 401
matrix api-model           GET  /api/v1/models/default                  -                             200 200 200 200 200 401
matrix api-model-activate  POST /api/v1/models/nope/activate            -                             403 404 403 403 403 401
matrix api-imports         POST '/api/v1/imports?dry_run=1&file=clients.csv' 'csv:id,name,industry,referred_by\nC7,x,,\n' 202 403 403 403 403 401
matrix api-jobs            GET  /api/v1/jobs                            -                             200 403 403 403 403 401
matrix api-job             GET  /api/v1/jobs/1                          -                             200 403 403 403 403 401
matrix assets              GET  /assets/web/app.css                     -                             200 200 200 200 200 200
matrix audit               GET  /audit                                  -                             200 200 403 403 403 303
matrix contract            GET  /contracts/K1                           -                             200 200 200 200 200 303
matrix evidence            GET  '/evidence/K1/sales/S3.1?year=2026'     -                             200 200 200 200 200 303
matrix verify              GET  '/frozen?year=1998'                     -                             404 404 404 404 404 303
matrix freeze              POST /frozen                                 'form:year=1997&confirm=1'    403 303 403 403 403 401
matrix models              GET  /models                                 -                             200 200 200 200 200 303
matrix models-import       POST /models                                 'form:x=1'                    422 422 403 403 403 401
matrix models-diff         GET  '/models/diff?a=default&b=default'      -                             200 200 200 200 200 303
matrix models-whatif       POST /models/whatif                          'form:stored=nope&year=2026'  404 404 403 403 403 401
matrix model               GET  /models/default                         -                             200 200 200 200 200 303
matrix model-activate      POST /models/nope/activate                   'form:x=1'                    403 404 403 403 403 401
matrix import              GET  /import                                 -                             200 403 403 403 403 303
matrix import-post         POST /import                                 'form:x=1'                    422 403 403 403 403 401
matrix import-job          GET  /import/jobs/1                          -                             200 403 403 403 403 303
matrix proposals           GET  /proposals                              -                             200 200 200 200 200 303
matrix proposal            GET  /proposals/PR1                          -                             200 200 200 200 200 303
matrix proposal-win        POST /proposals/PR1/win                      'form:x=1'                    409 409 409 403 403 401
matrix proposal-lose       POST /proposals/PR1/lose                     'form:x=1'                    409 409 409 403 403 401
matrix proposal-review     POST /proposals/PR1/review                   'form:reviewed_on=2026-01-01&verdict=feasible' 403 403 403 409 403 401
matrix override            POST /proposals/PR1/override                 'form:reason=board+decision'  403 409 403 403 403 401
matrix cycle               GET  '/cycle?from=2025&to=2026'              -                             200 200 200 200 200 303
matrix promises            GET  '/promises?year=2026'                   -                             200 200 200 200 200 303
matrix records             GET  /records                                -                             200 200 200 200 200 303
matrix record-list         GET  /records/contracts                      -                             200 200 200 200 200 303
matrix record-create       POST /records/clients                        'form:id=C1&name=x'           409 403 403 403 403 401
matrix record-delete       POST /records/clients/delete/NOPE            'form:x=1'                    404 403 403 403 403 401
matrix record-edit         GET  /records/clients/edit/C1                -                             200 403 403 403 403 303
matrix record-update       POST /records/clients/edit/C1                'form:id=C1&name=C1+name&industry=telecom' 303 403 403 403 403 401
matrix record-new          GET  /records/clients/new                    -                             200 403 403 403 403 303
matrix scores              GET  /scores                                 -                             200 200 200 200 200 303
matrix scorecard           GET  '/scores/company/company?year=2026'     -                             200 200 200 200 200 303
matrix users               GET  /users                                  -                             200 403 403 403 403 303
matrix users-create        POST /users                                  'form:name=bad+name&role=viewer' 422 403 403 403 403 401
matrix users-update        POST /users/nobody                           'form:op=role&role=viewer'    404 403 403 403 403 401

# The record kinds x roles: who writes which records (docs/security.md,
# the policy of SPEC §2). Each cell: "w" a writer (409 for the existing key,
# 200 for a no-op update, 404 for a missing key), "-" refused by role (403
# for all three), or the three statuses "CREATE/UPDATE/DELETE" where the
# relation, the attribution or the lifecycle decides (an existing key and a
# missing one are found before the relation is asked).
# kind key-path body writers(adm exe sal ops vie)
kind_matrix() {
	_kind=$1 _key=$2 _body=$3
	shift 3
	a=$1 e=$2 s=$3 o=$4 v=$5
	matrix "create-$_kind" POST "/api/v1/records/$_kind" "json:$_body" \
		"$(w "$a" 1)" "$(w "$e" 1)" "$(w "$s" 1)" "$(w "$o" 1)" "$(w "$v" 1)" 401
	matrix "update-$_kind" PUT "/api/v1/records/$_kind/$_key" 'json:{}' \
		"$(w "$a" 2)" "$(w "$e" 2)" "$(w "$s" 2)" "$(w "$o" 2)" "$(w "$v" 2)" 401
	matrix "delete-$_kind" DELETE "/api/v1/records/$_kind/$(echo "$_key" | sed 's|[^/]*$|NOPE|')" - \
		"$(w "$a" 3)" "$(w "$e" 3)" "$(w "$s" 3)" "$(w "$o" 3)" "$(w "$v" 3)" 401
}
w() {
	case $1 in
	w) set -- 409/200/404 "$2" ;;
	-) set -- 403/403/403 "$2" ;;
	esac
	echo "$1" | cut -d/ -f"$2"
}

# Operations accepts readiness and handover items (update only); an admin
# without a person cannot rate or review; sales rates only as itself; the
# review behind a won proposal stays (409); operations writes only
# operations-origin proposals (PR1 is a sales one).
#           kind                 key                         existing record (JSON)                                          adm exe sal ops vie
kind_matrix org_units            S1                          '{"id":"S1","name":"x","kind":"sales"}'                          w - - - -
kind_matrix people               P-S1                        '{"id":"P-S1","name":"x","org_unit_id":"S1"}'                    w - - - -
kind_matrix clients              C1                          '{"id":"C1","name":"x"}'                                         w - - - -
kind_matrix contracts            K1                          '{"id":"K1","client_id":"C1","annual_value":1}'                  w w w 409/200/403 -
kind_matrix sla_metrics          K1/SL                       '{"contract_id":"K1","metric":"SL","direction":"higher","target":1}' w w w - -
kind_matrix measurements         K1/SL/2025-03-15            '{"contract_id":"K1","metric":"SL","date":"2025-03-15","numerator":1}' w - - w -
kind_matrix readiness            K1/ITEM-A                   '{"contract_id":"K1","item":"ITEM-A","category":"infra","required":1}' w - w 403/200/403 -
kind_matrix manual_ratings       K1/2025-03-20/P-O1          '{"contract_id":"K1","rated_on":"2025-03-20","rated_by":"P-O1","concreteness":1,"feasibility":1}' 409/403/404 - - w -
kind_matrix handover             K1/HO-A                     '{"contract_id":"K1","item":"HO-A"}'                             w - w 403/200/403 -
kind_matrix scope_changes        K1/2025-05-01/dispute       '{"contract_id":"K1","date":"2025-05-01","kind":"dispute"}'      w - w w -
kind_matrix financials           K1/2025-03                  '{"contract_id":"K1","month":"2025-03","revenue":1,"cost":1}'    w - - - -
kind_matrix expansions           K1/2026-01-15/volume        '{"contract_id":"K1","date":"2026-01-15","kind":"volume"}'       w w w w -
kind_matrix renewals             K1/2026-03-14               '{"contract_id":"K1","due_on":"2026-03-14","outcome":"pending"}' w w w w -
kind_matrix proposals            PR1                         '{"id":"PR1","client_id":"C1","origin":"sales","status":"draft"}' w w w 409/403/404 -
kind_matrix feasibility_reviews  PR1/2024-11-20              '{"proposal_id":"PR1","reviewed_on":"2024-11-20","reviewer":"P-O1","verdict":"feasible"}' 409/403/404 - - 409/409/404 -
kind_matrix relationship_ratings C1/2025-06-30/P-CEO         '{"client_id":"C1","date":"2025-06-30","level":1,"rated_by":"P-CEO"}' 409/403/404 w 409/403/404 - -
kind_matrix references           C1/2026-04-01/referral      '{"client_id":"C1","date":"2026-04-01","kind":"referral"}'       w w w w -
kind_matrix innovations          K1/2026-06-01/automation/AUTO-A '{"contract_id":"K1","date":"2026-06-01","kind":"automation","title":"AUTO-A","status":"proposed"}' w w - w -

# Logging out ends the session for every role.
for r in $ROLES; do
	check "route-logout-$r" is 200 "$(api "$r" POST /api/v1/logout)"
	check "route-after-logout-$r" is 401 "$(api "$r" GET /api/v1/me)"
done

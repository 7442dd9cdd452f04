#!/bin/sh
# SPDX-License-Identifier: MIT
# The keyed, anchored audit log (issue 16 item 6): the key file beside the
# store (mode 0600), `audit head` and `verify --head`, forgery by someone
# who can write the database but has not the key (rows and an actor
# rewritten and the plain SHA-256 chain recomputed the way the old code
# did; the newest 20 entries deleted; all deleted), a missing or wrong key
# refused by verify, writers and serve, key rotation, keying a log written
# before keys, and the before/after of each row an import replaces.
. "$(dirname "$0")/lib.sh"
# This script is about where the key lives: the default, beside the store.
unset TANDEM_AUDIT_KEY_FILE

check "akey-init" "$TANDEM" init --db a.db
check "akey-file-beside-store" test -f a.db.key
check "akey-file-mode-0600" sh -c '[ "$(stat -c %a a.db.key)" = 600 ]'
check "akey-file-64-hex" sh -c 'grep -Eqx "[0-9a-f]{64}" a.db.key'
check "akey-import" "$TANDEM" import --db a.db "$DATA/small"
check "akey-import-again" "$TANDEM" import --db a.db "$DATA/small"
"$TANDEM" audit head --db a.db > head.txt
check "akey-head-format" sh -c 'grep -Eqx "36:[0-9a-f]{64}" head.txt'
HEAD=$(cat head.txt)
check "akey-verify-intact" "$TANDEM" audit verify --db a.db
check "akey-verify-head-intact" "$TANDEM" audit verify --db a.db --head "$HEAD"
check "akey-verify-head-bad-syntax-exit-1" status_is 1 "$TANDEM" audit verify --db a.db --head 12:zz

# --- forgery with write access to the database but not the key ---------
# The plain chain, recomputed as the code before keys did.
cat > rechain.py <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def field(h, s):
    if s is None:
        h.update(b"-:")
    else:
        b = s.encode()
        h.update(str(len(b)).encode() + b":" + b)
prev = "0" * 64
rows = db.execute("SELECT seq, at, actor, action, entity, entity_key, before_value,"
                  " after_value FROM audit_log ORDER BY seq").fetchall()
for r in rows:
    h = hashlib.sha256()
    for v in (str(r[0]),) + tuple(r[1:]) + (prev,):
        field(h, v)
    new = h.hexdigest()
    db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, new, r[0]))
    prev = new
db.commit()
PY
cp a.db forged.db
sqlite3 forged.db "UPDATE audit_log SET actor = 'cli:nobody', after_value = replace(after_value, '\"rows\":', '\"rows\":9') WHERE seq <= 3"
python3 rechain.py forged.db
check "akey-forged-plain-chain-consistent" sh -c \
	'[ "$(sqlite3 forged.db "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash")" = 0 ]'
check "akey-forged-verify-exit-1" status_is 1 "$TANDEM" audit verify --db forged.db --audit-key a.db.key
"$TANDEM" audit verify --db forged.db --audit-key a.db.key > forged.out 2>&1
check "akey-forged-names-entry-1" grep -q '^entry 1: its key MAC does not match' forged.out
check "akey-forged-names-every-later-entry" sh -c '[ "$(grep -c "key MAC does not match" forged.out)" = 36 ]'

cp a.db trunc.db
sqlite3 trunc.db "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 20 FROM audit_log)"
check "akey-truncated-chain-itself-intact" "$TANDEM" audit verify --db trunc.db --audit-key a.db.key
check "akey-truncated-head-exit-1" status_is 1 "$TANDEM" audit verify --db trunc.db --audit-key a.db.key --head "$HEAD"
"$TANDEM" audit verify --db trunc.db --audit-key a.db.key --head "$HEAD" > trunc.out 2>&1
check "akey-truncated-says-missing" grep -q '^head 36: the entry is missing: the log was truncated or replaced (it holds 16 entries)' trunc.out

cp a.db empty.db
sqlite3 empty.db "DELETE FROM audit_log"
check "akey-all-deleted-head-exit-1" status_is 1 "$TANDEM" audit verify --db empty.db --audit-key a.db.key --head "$HEAD"

cp a.db rewritten.db
sqlite3 rewritten.db "UPDATE audit_log SET hash = CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2) WHERE seq = 36"
check "akey-head-hash-changed-exit-1" status_is 1 "$TANDEM" audit verify --db rewritten.db --audit-key a.db.key --head "$HEAD"

# --- a missing or wrong key -------------------------------------------
cp a.db nokey.db
check "akey-missing-verify-exit-3" status_is 3 "$TANDEM" audit verify --db nokey.db
"$TANDEM" audit verify --db nokey.db > nokey.out 2>&1
check "akey-missing-says-so" grep -q "the audit key 'nokey.db.key' is missing" nokey.out
before=$(sqlite3 nokey.db "SELECT count(*) FROM imports")
check "akey-missing-import-refused" status_is 3 "$TANDEM" import --db nokey.db "$DATA/small"
check "akey-missing-import-wrote-nothing" sh -c "[ \"\$(sqlite3 nokey.db 'SELECT count(*) FROM imports')\" = $before ]"
check "akey-missing-serve-refuses" status_is 3 "$TANDEM" serve --db nokey.db --listen 127.0.0.1:0
"$TANDEM" serve --db nokey.db --listen 127.0.0.1:0 > serve.out 2>&1
check "akey-missing-serve-says-why" grep -q "refusing to serve: the audit key 'nokey.db.key' is missing" serve.out
"$TANDEM" init --db other.db > /dev/null
check "akey-wrong-verify-exit-1" status_is 1 "$TANDEM" audit verify --db a.db --audit-key other.db.key
"$TANDEM" audit verify --db a.db --audit-key other.db.key > wrong.out 2>&1
check "akey-wrong-says-so" grep -q "the audit key 'other.db.key' is not the key of a.db's audit log" wrong.out
check "akey-wrong-import-refused" status_is 3 "$TANDEM" import --db a.db --audit-key other.db.key "$DATA/small"
check "akey-wrong-env-serve-refuses" status_is 3 env TANDEM_AUDIT_KEY_FILE=other.db.key "$TANDEM" serve --db a.db --listen 127.0.0.1:0
check "akey-wrong-nothing-written" sh -c '[ "$("$TANDEM" audit head --db a.db)" = "$(cat head.txt)" ]'

# --- rotation ---------------------------------------------------------
cp a.db.key old.key
check "akey-rotate" "$TANDEM" audit rotate-key --db a.db
check "akey-rotate-new-key" sh -c '! cmp -s a.db.key old.key'
check "akey-rotate-mode-0600" sh -c '[ "$(stat -c %a a.db.key)" = 600 ]'
check "akey-rotate-no-leftover" test ! -e a.db.key.new
check "akey-rotate-verify" "$TANDEM" audit verify --db a.db
check "akey-rotate-old-head-still-anchors" "$TANDEM" audit verify --db a.db --head "$HEAD"
check "akey-rotate-old-key-refused" status_is 1 "$TANDEM" audit verify --db a.db --audit-key old.key
check "akey-rotate-audited" sh -c '"$TANDEM" audit list --db a.db --limit 1 | grep -q "	rotate-key	audit	-	-	{\"entries_rekeyed\":36,\"head\":\"$1\"}"' - "$HEAD"
cp a.db.key old2.key
cp a.db forged2.db
sqlite3 forged2.db "UPDATE audit_log SET mac = NULL WHERE seq = 5"
check "akey-rotate-broken-refused" status_is 1 "$TANDEM" audit rotate-key --db forged2.db --audit-key old2.key
check "akey-rotate-broken-key-kept" cmp -s old2.key a.db.key

# --- a log written before audit keys ----------------------------------
cp a.db legacy.db
sqlite3 legacy.db "UPDATE audit_log SET mac = NULL; DELETE FROM audit_key"
check "akey-legacy-write-refused" status_is 3 "$TANDEM" import --db legacy.db --audit-key a.db.key "$DATA/small"
"$TANDEM" import --db legacy.db --audit-key a.db.key "$DATA/small" > legacy.out 2>&1
check "akey-legacy-says-run-init" grep -q "the audit log of legacy.db has no key yet: run 'tandem init'" legacy.out
check "akey-legacy-existing-key-refused" status_is 3 "$TANDEM" init --db legacy.db --audit-key a.db.key
"$TANDEM" init --db legacy.db > legacy-init.out
check "akey-legacy-init-keys-log" grep -q '^audit log: 37 entries written before audit keys now carry their MAC' legacy-init.out
check "akey-legacy-init-created-key" test -f legacy.db.key
check "akey-legacy-verify" "$TANDEM" audit verify --db legacy.db
check "akey-legacy-keying-audited" sh -c '"$TANDEM" audit list --db legacy.db --limit 1 | grep -q "	key	audit	-	-	{\"entries_keyed\":37}"'
cp a.db legacy2.db
sqlite3 legacy2.db "UPDATE audit_log SET mac = NULL; DELETE FROM audit_key; UPDATE audit_log SET actor = 'x' WHERE seq = 2"
check "akey-legacy-broken-not-keyed" status_is 3 "$TANDEM" init --db legacy2.db
check "akey-legacy-broken-no-key-left" test ! -e legacy2.db.key

# --- an import that replaces rows logs each with before and after -------
mkdir re
printf 'contract_id,rated_on,rated_by,concreteness,feasibility\nK1,2025-03-20,P-O1,2,3\n' > re/manual_ratings.csv
check "akey-reimport" "$TANDEM" import --db a.db re
"$TANDEM" audit list --db a.db --limit 2 > re.out
check "akey-replace-before-after" grep -q '	replace	manual_ratings	K1/2025-03-20/P-O1	{"contract_id":"K1","rated_on":"2025-03-20","rated_by":"P-O1","concreteness":4,"feasibility":3}	{"contract_id":"K1","rated_on":"2025-03-20","rated_by":"P-O1","concreteness":2,"feasibility":3}' re.out
check "akey-replace-same-value-not-logged" sh -c '"$TANDEM" import --db a.db re >/dev/null && [ "$("$TANDEM" audit list --db a.db --limit 2 | grep -c "	replace	")" = 0 ]'
check "akey-after-all-intact" "$TANDEM" audit verify --db a.db --head "$HEAD"

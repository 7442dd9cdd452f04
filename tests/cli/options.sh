#!/bin/sh
# Every command reads its options through one declared table (cli_parse,
# src/cli/cli.c): the same refusals with exit status 2 and the same
# messages, from the message catalog (Korean with --lang ko), whichever
# command it is.
. "$(dirname "$0")/lib.sh"

"$TANDEM" init >/dev/null

# exp_err EXPECTED COMMAND...: exit status 2 and exactly EXPECTED on stderr.
exp_err() {
	_want=$1
	shift
	"$@" > /dev/null 2> err.out
	_got=$?
	if [ "$_got" -ne 2 ]; then
		echo "exit status $_got, expected 2"
		return 1
	fi
	printf '%s\n' "$_want" | diff - err.out
}

# An undeclared option is "unknown option" for every command (audit,
# backup, demo, user and serve said "unexpected argument" or "unknown
# argument" before).
for cmd in audit backup demo user serve export import score report policy changes; do
	check "options-unknown-$cmd" exp_err "tandem $cmd: unknown option '--bogus'
(see 'tandem $cmd --help')" "$TANDEM" "$cmd" --bogus
done
check "options-feed-sources-unknown" exp_err "tandem feed: unknown option '--bogus'
(see 'tandem feed --help')" "$TANDEM" feed sources --bogus
# A value missing, for a text and for a number option.
check "options-needs-value-text" exp_err "tandem: option '--out' needs a value" "$TANDEM" backup --out
check "options-needs-value-number" exp_err "tandem: option '--limit' needs a value" "$TANDEM" audit list --limit
# A number out of its declared range, or not a number.
check "options-number-range" exp_err "tandem audit: --limit takes a number from 1 to 1000000
(see 'tandem audit --help')" "$TANDEM" audit list --limit 0
check "options-number-text" exp_err "tandem import: --max-errors takes a number >= 1
(see 'tandem import --help')" "$TANDEM" import --max-errors 2x x.csv
check "options-serve-number" exp_err "tandem serve: --threads takes 1 to 16
(see 'tandem serve --help')" "$TANDEM" serve --threads 17
# More positional arguments than the command takes.
check "options-extra-argument" exp_err "tandem audit: unexpected argument 'verify'
(see 'tandem audit --help')" "$TANDEM" audit list verify
check "options-model-extra-argument" exp_err "tandem model: unexpected argument 'e'
(see 'tandem model --help')" "$TANDEM" model a b c d e
# In Korean: the catalog's texts.
check "options-ko-unknown" exp_err "tandem serve: 알 수 없는 옵션 '--bogus'
('tandem serve --help' 참고)" "$TANDEM" --lang ko serve --bogus
check "options-ko-needs-value" exp_err "tandem: 옵션 '--year'에 값이 필요합니다" "$TANDEM" --lang ko score --year
check "options-ko-lang" exp_err "tandem: --lang은 ko(한국어) 또는 en(영어)입니다('fr'이 아님)" env LANG=ko_KR.UTF-8 "$TANDEM" score --lang fr
# --lang and --db go with every command, policy included.
check "options-policy-lang" sh -c '"$TANDEM" policy --lang en --format tsv > p.tsv && test -s p.tsv'
# Flags and values land where the table says: --dry-run imports nothing.
check "options-flag-dry-run" sh -c '"$TANDEM" import --dry-run "$DATA/small" > d.out && "$TANDEM" export --out ex clients && test "$(wc -l < ex/clients.csv)" -eq 1'
# --help anywhere prints the command's help and exits 0.
check "options-help" sh -c '"$TANDEM" audit list --help | head -1 | grep -q "^usage: tandem audit"'

/* SPDX-License-Identifier: MIT */
/* Unit tests for i18n_translate() in src/report/i18n.c: how an English
 * message made by the code reads in Korean — the place before a problem
 * kept, quoted values kept, lists and accounts read the Korean way, notes
 * Tandem wrote, and English left exactly as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/i18n.h"

/* The message in lang; *code gets the entry's key ("" when none). */
static char *shown(enum lang lang, const char *message, const char **code)
{
	struct buf out = BUF_INIT;
	size_t n;
	const char *key = i18n_translate(lang, message, &out, NULL, &n);
	*code = key ? key : "";
	return buf_detach(&out, NULL);
}

static void check(const char *message, const char *ko, const char *code)
{
	const char *got_code;
	char *got = shown(LANG_KO, message, &got_code);
	assert_string_equal(got, ko);
	assert_string_equal(got_code, code);
	free(got);
	/* English reads exactly as the code wrote it. */
	got = shown(LANG_EN, message, &got_code);
	assert_string_equal(got, message);
	free(got);
}

static void i18n_place_before_the_problem_is_kept(void **state)
{
	(void)state;
	check("model:1:11: unexpected token near end of file",
	      "model:1:11: 파일 끝 근처에 예상하지 못한 토큰이 있습니다", "error.json_unexpected");
	check("model: organizations[0].categories[1].weight: must be > 0",
	      "model: organizations[0].categories[1].weight: 0보다 커야 합니다", "error.model.gt");
	check("clients.csv:2:2: invalid UTF-8 (byte 0xC7 at character 6 of the line)",
	      "clients.csv:2:2: UTF-8이 아닙니다(그 행의 6번째 글자, 바이트 0xC7). Excel에서 "
	      "'CSV UTF-8'로 저장하거나 CP949(EUC-KR) 파일이면 인코딩을 지정하세요",
	      "error.csv.invalid_utf8");
}

static void i18n_quoted_values_stay_names_become_labels(void **state)
{
	(void)state;
	/* The column the file lacks is named as the file must spell it. */
	check("contracts.csv:1:1: missing column 'annual_value'",
	      "contracts.csv:1:1: 열 'annual_value'이(가) 없습니다", "error.header_missing");
	/* A column named without quotes reads as its label. */
	check("bad number '4억5천' for annual_value",
	      "연간 계약금액에 잘못된 숫자 '4억5천'", "error.bad_number");
	/* A record kind as the noun of the sentence. */
	check("contracts 'CT01' exists already", "계약 'CT01'이(가) 이미 있습니다", "error.exists");
}

static void i18n_lists_accounts_and_notes(void **state)
{
	(void)state;
	check("unknown origin 'nobody' (expected sales or operations)",
	      "없는 제안 주체 'nobody' (허용: 영업 또는 운영)", "error.unknown_ref_expected");
	/* An account reads as its name, in English too. */
	const char *code;
	char *ko = shown(LANG_KO, "the results of 2025 were frozen already on 2026-11-26 by user:kim", &code);
	char *en = shown(LANG_EN, "the results of 2025 were frozen already on 2026-11-26 by user:kim", &code);
	assert_string_equal(ko, "2025년 결과는 이미 2026-11-26에 kim이(가) 확정했습니다");
	assert_string_equal(en, "the results of 2025 were frozen already on 2026-11-26 by kim");
	assert_string_equal(code, "error.frozen_already");
	free(ko);
	free(en);
	check("calibrated for 2026 from 2024-2025: sales linear bounds = P10/P90 of each "
	      "measure's per-contract values",
	      "2026년용 보정(2024-2025년 실적): 영업 선형 채점 기준 = 측정 항목별 계약 값의 P10/P90",
	      "note.calibrated_sales");
	check("The default evaluation model of SPEC §5", "제품 명세 §5의 기본 평가 모델",
	      "note.default_model");
}

static void i18n_unknown_text_is_left_alone(void **state)
{
	(void)state;
	/* No entry: the message as it is, in both languages, no code. */
	check("something: entirely new", "something: entirely new", "");
	check("a sentence with no place", "a sentence with no place", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(i18n_place_before_the_problem_is_kept),
		cmocka_unit_test(i18n_quoted_values_stay_names_become_labels),
		cmocka_unit_test(i18n_lists_accounts_and_notes),
		cmocka_unit_test(i18n_unknown_text_is_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/* The demo company of demo_gen.h. The organization, clients, contracts and
 * every dated event are hand-written tables below, so that the story (who
 * stabilizes late, who never does, which client referred which) is fixed and
 * documented; daily SLA measurements, readiness items, ratings and monthly
 * financials are drawn from a seeded splitmix64 stream per contract and
 * purpose, then checked against the month-by-month design. */
#include "io/demo_gen.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/date.h"
#include "domain/decimal.h"

/* ---- the organization ------------------------------------------------ */

struct demo_unit {
	const char *id, *name, *kind, *parent_id;
};

static const struct demo_unit units[] = {
	{ "HQ", "한빛 BPO 경영진", "executive", "" },
	{ "SALES", "영업본부", "sales", "HQ" },
	{ "SALES-1", "영업1팀", "sales", "SALES" },
	{ "SALES-2", "영업2팀", "sales", "SALES" },
	{ "OPS", "운영본부", "operations", "HQ" },
	{ "OPS-SEOUL", "서울 센터", "operations", "OPS" },
	{ "OPS-BUSAN", "부산 센터", "operations", "OPS" },
};

struct demo_person {
	const char *id, *name, *email_local, *unit_id;
};

/* P01 is the CEO, P02/P03 account directors; P12 and P16 lead the Seoul
 * and Busan centers; P20 heads sales and owns no contract; P21 heads
 * operations. */
static const struct demo_person people[] = {
	{ "P01", "김대현", "daehyun.kim", "HQ" },
	{ "P02", "이수진", "sujin.lee", "HQ" },
	{ "P03", "박정호", "jeongho.park", "HQ" },
	{ "P04", "최민준", "minjun.choi", "SALES-1" },
	{ "P05", "정서연", "seoyeon.jung", "SALES-1" },
	{ "P06", "강도윤", "doyun.kang", "SALES-1" },
	{ "P07", "조하은", "haeun.jo", "SALES-1" },
	{ "P08", "윤지호", "jiho.yoon", "SALES-2" },
	{ "P09", "장예린", "yerin.jang", "SALES-2" },
	{ "P10", "임재원", "jaewon.lim", "SALES-2" },
	{ "P11", "한소율", "soyul.han", "SALES-2" },
	{ "P12", "오현우", "hyunwoo.oh", "OPS-SEOUL" },
	{ "P13", "서지민", "jimin.seo", "OPS-SEOUL" },
	{ "P14", "신동현", "donghyun.shin", "OPS-SEOUL" },
	{ "P15", "권나연", "nayeon.kwon", "OPS-SEOUL" },
	{ "P16", "황성민", "seongmin.hwang", "OPS-BUSAN" },
	{ "P17", "안유진", "yujin.ahn", "OPS-BUSAN" },
	{ "P18", "송태윤", "taeyun.song", "OPS-BUSAN" },
	{ "P19", "류가은", "gaeun.ryu", "OPS-BUSAN" },
	{ "P20", "배영수", "youngsu.bae", "SALES" },
	{ "P21", "노은정", "eunjeong.noh", "OPS" },
};

#define EMAIL_DOMAIN "hanbit-bpo.example"

/* ---- clients --------------------------------------------------------- */

struct demo_client {
	const char *id, *name, *industry, *referred_by;
	/* Relationship level the executives see in 2023..2026; '0' = not
	 * rated that year. */
	const char *levels;
};

/* Referral chains: CL01 → CL05 → CL13 → CL19 and CL04 → CL08 → CL18. */
static const struct demo_client clients[] = {
	{ "CL01", "누리온텔레콤", "통신", "", "4455" },
	{ "CL02", "가온은행", "금융", "", "3444" },
	{ "CL03", "다온생명", "보험", "", "3323" },
	{ "CL04", "한결마트", "유통", "", "4444" },
	{ "CL05", "새봄카드", "금융", "CL01", "3445" },
	{ "CL06", "미르손해보험", "보험", "", "3344" },
	{ "CL07", "한바다시설관리공단", "공공", "", "3334" },
	{ "CL08", "온누리쇼핑", "유통", "CL04", "3334" },
	{ "CL09", "하늘길항공", "항공", "", "3210" },
	{ "CL10", "별빛게임즈", "게임", "", "3444" },
	{ "CL11", "새빛의료재단", "의료", "", "0344" },
	{ "CL12", "한울에너지", "에너지", "", "0334" },
	{ "CL13", "초록캐피탈", "금융", "CL05", "0333" },
	{ "CL14", "나래모바일", "통신", "CL01", "0445" },
	{ "CL15", "가람렌터카", "렌털", "", "0333" },
	{ "CL16", "들꽃전자", "제조", "CL10", "0442" },
	{ "CL17", "맑은물공사", "공공", "CL07", "0334" },
	{ "CL18", "이음택배", "물류", "CL08", "0032" },
	{ "CL19", "소망증권", "금융", "CL13", "0044" },
	{ "CL20", "해솔여행", "여행", "CL09", "0034" },
};

/* ---- SLA metric templates -------------------------------------------- */

enum metric_kind {
	MK_RATIO,   /* events meeting a standard / events (counts) */
	MK_MEAN,    /* total seconds / handled events */
	MK_PLAIN,   /* a daily score, denominator 1, two decimals */
};

/* A metric as the client's reports define it, with the ranges a month's
 * level is drawn from: good meets target, fair lies between the initial
 * (ramp-up) target and the target, poor misses both. */
struct metric_tpl {
	const char *metric, *name, *direction, *unit;
	enum metric_kind kind;
	int handled;            /* denominator is handled calls (95% offered) */
	int initial_in_csv;     /* print initial_target (else empty) */
	micro_t target, initial;
	micro_t good_lo, good_hi, fair_lo, fair_hi, poor_lo, poor_hi;
};

/* Decimal literals to micro-units; folded by the compiler, so no floating
 * point runs while generating. */
#define M(x) ((micro_t)((x) * 1000000.0 + 0.5))

static const struct metric_tpl m_call_sl = {
	"SL", "서비스 레벨", "higher", "ratio", MK_RATIO, 0, 1,
	M(0.80), M(0.70), M(0.815), M(0.88), M(0.72), M(0.78), M(0.58), M(0.68) };
static const struct metric_tpl m_call_aht = {
	"AHT", "평균 처리 시간", "lower", "sec", MK_MEAN, 1, 1,
	M(300), M(340), M(250), M(292), M(308), M(335), M(350), M(410) };
static const struct metric_tpl m_call_csat = {
	"CSAT", "고객 만족도", "higher", "score", MK_PLAIN, 0, 0,
	M(4.2), M(4.0), M(4.25), M(4.55), M(4.03), M(4.15), M(3.6), M(3.92) };
static const struct metric_tpl m_call_fcr = {
	"FCR", "첫 통화 해결률", "higher", "ratio", MK_RATIO, 1, 1,
	M(0.70), M(0.60), M(0.715), M(0.80), M(0.62), M(0.68), M(0.50), M(0.57) };
static const struct metric_tpl m_chat_sl = {
	"SL", "응답 서비스 레벨", "higher", "ratio", MK_RATIO, 0, 1,
	M(0.85), M(0.75), M(0.865), M(0.93), M(0.77), M(0.83), M(0.60), M(0.72) };
static const struct metric_tpl m_chat_aht = {
	"AHT", "평균 채팅 처리 시간", "lower", "sec", MK_MEAN, 1, 1,
	M(480), M(540), M(400), M(465), M(490), M(530), M(555), M(640) };
static const struct metric_tpl m_chat_csat = {
	"CSAT", "고객 만족도", "higher", "score", MK_PLAIN, 0, 1,
	M(4.3), M(4.1), M(4.34), M(4.6), M(4.13), M(4.26), M(3.7), M(4.05) };
static const struct metric_tpl m_it_fcr = {
	"FCR", "1차 해결률", "higher", "ratio", MK_RATIO, 1, 1,
	M(0.65), M(0.55), M(0.665), M(0.75), M(0.57), M(0.63), M(0.45), M(0.53) };
static const struct metric_tpl m_it_csat = {
	"CSAT", "사용자 만족도", "higher", "score", MK_PLAIN, 0, 0,
	M(4.3), M(4.1), M(4.34), M(4.6), M(4.13), M(4.26), M(3.7), M(4.05) };
static const struct metric_tpl m_bo_tat = {
	"TAT", "기한 내 처리율", "higher", "ratio", MK_RATIO, 0, 1,
	M(0.95), M(0.90), M(0.958), M(0.99), M(0.91), M(0.94), M(0.80), M(0.88) };
static const struct metric_tpl m_bo_acc = {
	"ACC", "처리 정확도", "higher", "ratio", MK_RATIO, 0, 1,
	M(0.98), M(0.95), M(0.984), M(0.996), M(0.955), M(0.975), M(0.90), M(0.945) };
static const struct metric_tpl m_bo_aht = {
	"AHT", "건당 처리 시간", "lower", "sec", MK_MEAN, 0, 0,
	M(420), M(480), M(340), M(405), M(430), M(470), M(490), M(560) };

#define MAX_METRICS 4

static const struct metric_tpl *const call_metrics[] = {
	&m_call_sl, &m_call_aht, &m_call_csat, &m_call_fcr };
static const struct metric_tpl *const chat_metrics[] = {
	&m_chat_sl, &m_chat_aht, &m_chat_csat };
static const struct metric_tpl *const it_metrics[] = {
	&m_call_sl, &m_it_fcr, &m_it_csat };
static const struct metric_tpl *const bo_metrics[] = {
	&m_bo_tat, &m_bo_acc, &m_bo_aht };

/* A service line: its metrics (a call center's 4th, FCR, only with F_FCR),
 * daily volume as a share of the call-center volume, and working days. */
struct service_line {
	const char *name;
	const struct metric_tpl *const *metrics;
	int n_metrics;
	int volume_pct;
	int weekdays_only;
};

static const struct service_line lines[] = {
	{ "콜센터", call_metrics, 3, 100, 0 },
	{ "채팅상담", chat_metrics, 3, 80, 0 },
	{ "IT헬프데스크", it_metrics, 3, 50, 1 },
	{ "백오피스", bo_metrics, 3, 40, 1 },
};

/* ---- contracts ------------------------------------------------------- */

enum {
	F_FCR = 1,              /* call center also reports FCR */
	F_NO_INITIAL = 2,       /* initial_target empty on every metric */
	F_NO_METRICS = 4,       /* no sla_metrics, no measurements */
	F_NO_READINESS = 8,
	F_NO_HANDOVER = 16,
	F_NO_FINANCIALS = 32,
	F_PRE_GO_LIVE = 64,     /* a week of trial rows before go-live */
};
#define F_RENEWAL (F_NO_READINESS | F_NO_HANDOVER)

/* quality is the design of months 1, 2, ... from go-live:
 *   C compliant (every metric meets target)
 *   m one metric (drawn) misses target but meets the initial target
 *   x one metric (CSAT, else the last) has no rows; the others meet target
 *   f every metric between initial target and target
 *   p every metric misses the initial target too
 * After the pattern, months are C with a 1-in-12 'm'; a '|' instead makes
 * the part after it repeat forever. */
struct demo_contract {
	const char *id, *client_id, *service_line;
	const char *signed_on, *ramp_started_on, *staffed_on, *go_live_on,
		*end_on;
	int64_t annual_value;
	const char *risk_tier, *sales_owner, *ops_owner;
	int planned_ramp_days;               /* 0 = empty */
	int planned_stabilization_months;    /* 0 = empty */
	const char *parent_contract_id, *renews_contract_id;
	const char *quality;
	int margin_pct;         /* steady-state margin, negative = a loss */
	int readiness_gaps;     /* 0 all on time .. 3 several late/missing */
	int manual_level;       /* 1..5, 0 = no manual ratings */
	int handover_open;      /* handover items not accepted */
	int scope_changes;
	unsigned flags;
};

static const struct demo_contract contracts[] = {
	/* go-live 2023 */
	{ "CT01", "CL01", "콜센터", "2023-01-16", "2023-02-01", "2023-03-10", "2023-03-20", "",
	  2400000000, "medium", "P04", "P12", 45, 3, "", "",
	  "pCCC", 15, 0, 4, 0, 2, F_FCR },
	{ "CT02", "CL02", "콜센터", "2023-02-06", "2023-02-20", "2023-04-14", "2023-05-02", "",
	  1800000000, "high", "P08", "P13", 60, 4, "", "",
	  "pffCCC", 20, 0, 4, 0, 1, F_FCR },
	{ "CT03", "CL03", "콜센터", "2023-03-02", "2023-03-13", "2023-05-05", "2023-05-15", "2025-05-14",
	  900000000, "medium", "P05", "P16", 50, 3, "", "",
	  "ppffmCCC", 9, 1, 3, 1, 3, 0 },
	{ "CT04", "CL04", "채팅상담", "2023-03-20", "2023-04-03", "2023-05-12", "2023-06-01", "",
	  600000000, "low", "P09", "P17", 40, 2, "", "",
	  "CCC", 12, 0, 5, 0, 0, 0 },
	{ "CT05", "CL05", "콜센터", "2023-05-15", "2023-05-29", "2023-07-28", "2023-08-07", "",
	  2100000000, "high", "P04", "P14", 60, 4, "", "",
	  "pfCCC", 17, 0, 4, 0, 2, F_FCR },
	{ "CT06", "CL06", "콜센터", "2023-05-08", "2023-05-22", "2023-07-21", "2023-08-01", "2024-07-31",
	  1200000000, "medium", "P10", "P18", 60, 3, "", "",
	  "pCCC", 10, 0, 3, 0, 1, 0 },
	{ "CT07", "CL07", "콜센터", "2023-06-01", "2023-06-19", "2023-08-25", "2023-09-01", "2025-08-31",
	  450000000, "low", "P06", "P19", 60, 3, "", "",
	  "pCCC", 9, 0, 4, 0, 1, F_NO_INITIAL },
	{ "CT08", "CL01", "채팅상담", "2023-07-17", "2023-07-24", "2023-08-25", "2023-09-04", "",
	  500000000, "low", "P04", "P12", 30, 2, "CT01", "",
	  "fCCC", 14, 0, 4, 0, 0, 0 },
	{ "CT09", "CL08", "콜센터", "2023-08-21", "2023-09-04", "2023-10-27", "2023-11-06", "",
	  800000000, "medium", "P11", "P15", 45, 3, "", "",
	  "pfCCC", 11, 0, 3, 1, 2, 0 },
	/* go-live 2024 */
	{ "CT10", "CL09", "콜센터", "2023-10-04", "2023-10-16", "2023-12-22", "2024-01-08", "2026-01-07",
	  2700000000, "high", "P08", "P16", 60, 4, "", "",
	  "ppf|CCm", -4, 3, 2, 2, 4, F_FCR },
	{ "CT11", "CL10", "채팅상담", "2023-12-04", "2024-01-08", "2024-02-23", "2024-03-04", "",
	  700000000, "medium", "P09", "P17", 45, 3, "", "",
	  "fCCC", 13, 0, 4, 0, 1, 0 },
	{ "CT12", "CL02", "IT헬프데스크", "2024-01-22", "2024-02-05", "2024-03-22", "2024-04-01", "",
	  600000000, "low", "P08", "P13", 45, 3, "CT02", "",
	  "CCC", 16, 0, 5, 0, 0, 0 },
	{ "CT13", "CL11", "콜센터", "2024-02-13", "2024-02-26", "2024-04-26", "2024-05-02", "",
	  550000000, "medium", "P07", "P14", 60, 3, "", "",
	  "pxCCCCCCx", 8, 1, 3, 1, 2, 0 },
	{ "CT14", "CL12", "백오피스", "2024-03-04", "2024-03-18", "2024-05-10", "2024-05-20", "",
	  400000000, "low", "P10", "P19", 50, 2, "", "",
	  "fCCC", 10, 0, 0, 0, 1, 0 },
	{ "CT15", "CL05", "백오피스", "2024-04-15", "2024-05-02", "2024-06-14", "2024-07-01", "",
	  750000000, "medium", "P04", "P14", 45, 3, "CT05", "",
	  "pffCCC", 12, 0, 3, 0, 1, 0 },
	{ "CT16", "CL13", "콜센터", "2024-05-07", "2024-05-20", "2024-07-19", "2024-08-01", "",
	  950000000, "high", "P05", "P15", 40, 3, "", "",
	  "ppfffmCCC", 6, 2, 2, 2, 4, 0 },
	{ "CT17", "CL06", "콜센터", "2024-06-14", "", "", "2024-08-01", "",
	  1300000000, "medium", "P10", "P18", 0, 0, "", "CT06",
	  "CCC", 12, 0, 0, 0, 0, F_RENEWAL },
	{ "CT18", "CL14", "콜센터", "2024-06-03", "2024-06-17", "2024-08-30", "2024-09-02", "",
	  3000000000, "high", "P11", "P12", 75, 4, "", "",
	  "ppfCCC", 19, 1, 4, 0, 3, F_FCR | F_PRE_GO_LIVE },
	{ "CT19", "CL04", "콜센터", "2024-07-22", "2024-08-05", "2024-09-27", "2024-10-07", "",
	  500000000, "low", "P09", "P17", 40, 2, "CT04", "",
	  "fCCC", 11, 0, 4, 0, 0, 0 },
	{ "CT20", "CL15", "콜센터", "2024-08-19", "2024-09-02", "2024-10-25", "2024-11-04", "",
	  380000000, "medium", "P06", "P18", 50, 3, "", "",
	  "", 9, 0, 3, 0, 1, F_NO_METRICS },
	{ "CT21", "CL16", "IT헬프데스크", "2024-09-09", "2024-09-23", "2024-11-15", "2024-12-02", "",
	  680000000, "medium", "P10", "P16", 45, 3, "", "",
	  "pCCxCCC", 13, 0, 4, 0, 2, 0 },
	/* go-live 2025 */
	{ "CT22", "CL17", "콜센터", "2024-11-11", "2024-11-25", "2025-01-24", "2025-02-03", "2027-02-02",
	  420000000, "low", "P06", "P19", 60, 3, "", "",
	  "pCCC", 10, 0, 4, 0, 1, F_NO_INITIAL },
	{ "CT23", "CL06", "채팅상담", "2025-01-13", "2025-01-27", "2025-03-14", "2025-03-24", "",
	  480000000, "medium", "P10", "P18", 40, 2, "CT17", "",
	  "pfCCC", 14, 0, 3, 0, 1, 0 },
	{ "CT24", "CL18", "콜센터", "2025-01-20", "2025-02-03", "2025-04-18", "2025-05-06", "",
	  1100000000, "high", "P11", "P15", 60, 4, "", "",
	  "ppff|mfm", -2, 3, 2, 2, 4, 0 },
	{ "CT25", "CL19", "콜센터", "2025-02-17", "2025-03-03", "2025-04-25", "2025-05-07", "",
	  1400000000, "high", "P05", "P13", 60, 3, "", "",
	  "pfCCC", 18, 0, 5, 0, 1, F_FCR },
	{ "CT26", "CL01", "IT헬프데스크", "2025-03-10", "2025-03-24", "2025-05-16", "2025-06-02", "",
	  850000000, "medium", "P04", "P12", 45, 3, "CT01", "",
	  "pCCC", 15, 0, 4, 0, 1, 0 },
	{ "CT27", "CL20", "채팅상담", "2025-04-07", "2025-04-21", "2025-06-13", "2025-07-01", "",
	  320000000, "medium", "P07", "P14", 40, 0, "", "",
	  "fCCC", 7, 0, 3, 1, 1, 0 },
	{ "CT28", "CL08", "채팅상담", "2025-05-12", "2025-05-26", "2025-07-11", "2025-07-21", "",
	  450000000, "low", "P11", "P15", 45, 2, "CT09", "",
	  "CCC", 12, 0, 4, 0, 0, 0 },
	{ "CT29", "CL07", "콜센터", "2025-07-28", "", "", "2025-09-01", "",
	  480000000, "low", "P06", "P19", 0, 0, "", "CT07",
	  "CCC", 9, 0, 0, 0, 0, F_RENEWAL | F_NO_INITIAL },
	{ "CT30", "CL12", "콜센터", "2025-06-09", "2025-06-23", "2025-08-22", "2025-09-01", "",
	  520000000, "medium", "P10", "P19", 60, 3, "CT14", "",
	  "pCCC", 11, 0, 3, 0, 1, F_NO_READINESS },
	{ "CT31", "CL14", "채팅상담", "2025-07-14", "2025-07-28", "", "2025-10-01", "",
	  600000000, "medium", "P11", "P12", 0, 3, "CT18", "",
	  "pfCCC", 12, 1, 4, 1, 1, F_NO_FINANCIALS },
	{ "CT32", "CL16", "콜센터", "2025-09-01", "2025-09-15", "2025-11-14", "2025-12-01", "",
	  700000000, "low", "P08", "P16", 60, 3, "CT21", "",
	  "ppfmfCCC", 10, 2, 2, 1, 3, 0 },
	/* go-live 2026 */
	{ "CT33", "CL10", "IT헬프데스크", "2025-10-20", "2025-11-03", "2025-12-19", "2026-01-05", "",
	  400000000, "", "P09", "P17", 45, 3, "CT11", "",
	  "pCCC", 13, 0, 4, 0, 1, F_NO_HANDOVER },
	{ "CT34", "CL13", "백오피스", "2025-11-17", "2025-12-01", "2026-01-23", "2026-02-02", "",
	  550000000, "medium", "P05", "P15", 50, 3, "CT16", "",
	  "pfCCC", 12, 0, 4, 0, 1, 0 },
	{ "CT35", "CL19", "채팅상담", "2026-01-12", "2026-01-26", "2026-03-13", "2026-03-23", "",
	  450000000, "medium", "P05", "P13", 40, 2, "CT25", "",
	  "fCCC", 14, 0, 5, 0, 0, 0 },
	{ "CT36", "CL03", "백오피스", "2026-02-09", "2026-02-23", "2026-03-27", "2026-04-06", "",
	  0, "low", "P05", "P16", 30, 2, "", "",
	  "fCCC", 0, 0, 4, 0, 0, 0 },
	{ "CT37", "CL17", "IT헬프데스크", "2026-03-02", "2026-03-16", "2026-05-08", "2026-05-18", "",
	  360000000, "low", "P06", "P19", 45, 3, "CT22", "",
	  "ppfmf|m", 5, 2, 2, 1, 2, 0 },
	{ "CT38", "CL07", "채팅상담", "2026-04-06", "2026-04-20", "2026-06-12", "2026-07-01", "",
	  240000000, "low", "P06", "P19", 45, 3, "CT29", "",
	  "pCCC", 10, 0, 4, 0, 0, 0 },
	{ "CT39", "CL15", "백오피스", "2026-05-11", "2026-05-25", "2026-07-24", "2026-08-03", "",
	  500000000, "high", "P06", "P18", 60, 3, "CT20", "",
	  "pfC", 16, 1, 3, 2, 1, 0 },
	{ "CT40", "CL20", "콜센터", "2026-07-06", "2026-07-20", "2026-09-18", "2026-10-05", "",
	  300000000, "medium", "P07", "P14", 45, 3, "CT27", "",
	  "p", 12, 1, 3, 3, 0, 0 },
};

#define N_CONTRACTS (sizeof(contracts) / sizeof(contracts[0]))

/* ---- dated events ---------------------------------------------------- */

struct demo_expansion {
	const char *contract_id, *date, *kind;
	int64_t added_annual_value;
};

static const struct demo_expansion expansions[] = {
	{ "CT01", "2024-06-10", "volume", 240000000 },
	{ "CT01", "2025-09-01", "site", 400000000 },
	{ "CT02", "2024-11-04", "scope", 150000000 },
	{ "CT04", "2025-01-20", "scope", 50000000 },
	{ "CT05", "2024-03-18", "volume", 200000000 },
	{ "CT05", "2026-02-09", "scope", 120000000 },
	{ "CT09", "2024-11-18", "volume", 80000000 },
	{ "CT11", "2025-06-02", "scope", 70000000 },
	{ "CT12", "2025-10-13", "scope", 60000000 },
	{ "CT17", "2025-04-07", "volume", 100000000 },
	{ "CT18", "2025-03-03", "volume", 300000000 },
	{ "CT18", "2026-04-13", "site", 500000000 },
	{ "CT21", "2026-06-01", "volume", 50000000 },
	{ "CT22", "2025-11-03", "volume", 40000000 },
	{ "CT25", "2026-01-19", "scope", 150000000 },
	{ "CT25", "2026-01-19", "volume", 80000000 },
	{ "CT28", "2026-08-24", "volume", 45000000 },
};

/* new_annual_value -1 = empty (lost, pending). */
struct demo_renewal {
	const char *contract_id, *due_on, *outcome;
	int64_t new_annual_value;
};

static const struct demo_renewal renewals[] = {
	{ "CT01", "2025-03-19", "renewed", 2550000000 },
	{ "CT02", "2025-05-01", "renewed", 1890000000 },
	{ "CT03", "2024-05-14", "renewed", 930000000 },
	{ "CT03", "2025-05-14", "lost", -1 },
	{ "CT04", "2024-05-31", "renewed", 620000000 },
	{ "CT04", "2025-05-31", "renewed", 640000000 },
	{ "CT05", "2025-08-06", "renewed", 2200000000 },
	{ "CT06", "2024-07-31", "renewed", 1300000000 },
	{ "CT07", "2025-08-31", "renewed", 480000000 },
	{ "CT08", "2024-09-03", "renewed", 550000000 },
	{ "CT08", "2025-09-03", "renewed", 590000000 },
	{ "CT09", "2025-11-05", "renewed", 830000000 },
	{ "CT10", "2025-01-07", "renewed", 2600000000 },
	{ "CT10", "2026-01-07", "lost", -1 },
	{ "CT11", "2025-03-03", "renewed", 730000000 },
	{ "CT12", "2026-03-31", "renewed", 630000000 },
	{ "CT13", "2026-05-01", "pending", -1 },
	{ "CT14", "2025-05-19", "renewed", 410000000 },
	{ "CT15", "2025-06-30", "renewed", 750000000 },
	{ "CT16", "2026-07-31", "renewed", 900000000 },
	{ "CT17", "2026-07-31", "renewed", 1350000000 },
	{ "CT18", "2026-09-01", "renewed", 3150000000 },
	{ "CT19", "2025-10-06", "renewed", 520000000 },
	{ "CT20", "2025-11-03", "renewed", 380000000 },
	{ "CT21", "2026-12-01", "pending", -1 },
	{ "CT22", "2027-02-02", "pending", -1 },
	{ "CT23", "2026-03-23", "renewed", 520000000 },
	{ "CT24", "2026-05-05", "pending", -1 },
	{ "CT25", "2026-05-06", "renewed", 1500000000 },
	{ "CT26", "2027-06-01", "pending", -1 },
};

struct demo_proposal {
	const char *id, *client_id, *credited_contract_id, *origin, *title,
		*service_line, *proposed_on;
	int64_t annual_value;
	const char *status;
};

/* Sales proposals that were won name the contract they became; operations
 * proposals name the running contract whose team proposed the new work. */
static const struct demo_proposal proposals[] = {
	{ "PR01", "CL01", "CT01", "sales", "누리온텔레콤 고객센터 위탁 운영", "콜센터", "2023-01-02", 2400000000, "won" },
	{ "PR02", "CL02", "CT02", "sales", "가온은행 고객센터 위탁 운영", "콜센터", "2023-01-10", 1800000000, "won" },
	{ "PR03", "CL03", "CT03", "sales", "다온생명 보험 상담센터", "콜센터", "2023-02-01", 900000000, "won" },
	{ "PR04", "CL04", "CT04", "sales", "한결마트 온라인몰 채팅 상담", "채팅상담", "2023-03-06", 600000000, "won" },
	{ "PR05", "CL06", "CT06", "sales", "미르손해보험 사고 접수 콜센터", "콜센터", "2023-04-17", 1200000000, "won" },
	{ "PR06", "CL05", "CT05", "sales", "새봄카드 고객센터", "콜센터", "2023-04-24", 2100000000, "won" },
	{ "PR07", "CL07", "CT07", "sales", "한바다시설관리공단 민원 콜센터", "콜센터", "2023-05-08", 450000000, "won" },
	{ "PR08", "CL01", "CT01", "operations", "누리온텔레콤 채팅 상담 신설", "채팅상담", "2023-06-05", 500000000, "won" },
	{ "PR09", "CL08", "CT09", "sales", "온누리쇼핑 고객센터", "콜센터", "2023-07-24", 800000000, "won" },
	{ "PR10", "CL09", "CT10", "sales", "하늘길항공 예약·발권 콜센터", "콜센터", "2023-08-21", 2700000000, "won" },
	{ "PR11", "CL10", "CT11", "sales", "별빛게임즈 게임 고객지원 채팅", "채팅상담", "2023-11-06", 700000000, "won" },
	{ "PR12", "CL02", "CT02", "operations", "가온은행 직원 IT헬프데스크 통합", "IT헬프데스크", "2023-11-20", 600000000, "won" },
	{ "PR13", "CL11", "CT13", "sales", "새빛의료재단 예약 상담센터", "콜센터", "2024-01-15", 550000000, "won" },
	{ "PR14", "CL12", "CT14", "sales", "한울에너지 요금 정산 백오피스", "백오피스", "2024-02-05", 400000000, "won" },
	{ "PR15", "CL05", "CT05", "operations", "새봄카드 발급 심사 백오피스", "백오피스", "2024-03-04", 750000000, "won" },
	{ "PR16", "CL13", "CT16", "sales", "초록캐피탈 채권 안내 콜센터", "콜센터", "2024-04-08", 950000000, "won" },
	{ "PR17", "CL14", "CT18", "sales", "나래모바일 고객센터 1차 응대", "콜센터", "2024-04-22", 3000000000, "won" },
	{ "PR18", "CL11", "", "sales", "새빛의료재단 원무 채팅 상담", "채팅상담", "2024-06-03", 200000000, "lost" },
	{ "PR19", "CL04", "CT04", "operations", "한결마트 전화 상담 추가", "콜센터", "2024-06-24", 500000000, "won" },
	{ "PR20", "CL15", "CT20", "sales", "가람렌터카 예약 상담", "콜센터", "2024-07-15", 380000000, "won" },
	{ "PR21", "CL16", "CT21", "sales", "들꽃전자 사내 IT헬프데스크", "IT헬프데스크", "2024-08-05", 680000000, "won" },
	{ "PR22", "CL17", "CT22", "sales", "맑은물공사 민원 콜센터", "콜센터", "2024-10-14", 420000000, "won" },
	{ "PR23", "CL06", "CT17", "operations", "미르손해보험 보상 안내 채팅", "채팅상담", "2024-11-11", 480000000, "won" },
	{ "PR24", "CL18", "CT24", "sales", "이음택배 배송 문의 콜센터", "콜센터", "2024-12-02", 1100000000, "won" },
	{ "PR25", "CL19", "CT25", "sales", "소망증권 고객센터", "콜센터", "2025-01-13", 1400000000, "won" },
	{ "PR26", "CL01", "CT01", "operations", "누리온텔레콤 사내 IT헬프데스크 통합 운영", "IT헬프데스크", "2025-01-20", 850000000, "won" },
	{ "PR27", "CL03", "", "sales", "다온생명 상담센터 재계약 입찰", "콜센터", "2025-02-10", 950000000, "lost" },
	{ "PR28", "CL20", "CT27", "sales", "해솔여행 예약 채팅 상담", "채팅상담", "2025-03-03", 320000000, "won" },
	{ "PR29", "CL12", "CT14", "operations", "한울에너지 검침 민원 콜센터", "콜센터", "2025-04-14", 520000000, "won" },
	{ "PR30", "CL14", "CT18", "operations", "나래모바일 채팅 상담 전환", "채팅상담", "2025-06-02", 600000000, "won" },
	{ "PR31", "CL09", "CT10", "operations", "하늘길항공 마일리지 채팅 상담", "채팅상담", "2025-06-09", 350000000, "lost" },
	{ "PR32", "CL16", "CT21", "operations", "들꽃전자 제품 고객 콜센터", "콜센터", "2025-07-07", 700000000, "won" },
	{ "PR33", "CL10", "CT11", "operations", "별빛게임즈 사내 IT헬프데스크", "IT헬프데스크", "2025-08-25", 400000000, "won" },
	{ "PR34", "CL13", "CT16", "operations", "초록캐피탈 여신 서류 심사 백오피스", "백오피스", "2025-09-15", 550000000, "won" },
	{ "PR35", "CL18", "CT24", "operations", "이음택배 VOC 분석 리포트", "백오피스", "2025-10-13", 150000000, "lost" },
	{ "PR36", "CL19", "CT25", "operations", "소망증권 채팅 상담", "채팅상담", "2025-11-24", 450000000, "won" },
	{ "PR37", "CL03", "CT36", "sales", "다온생명 보험금 청구 서류 심사 시범 운영", "백오피스", "2026-01-12", 0, "won" },
	{ "PR38", "CL17", "CT37", "sales", "맑은물공사 전산 헬프데스크", "IT헬프데스크", "2026-01-19", 360000000, "won" },
	{ "PR39", "CL07", "CT29", "operations", "한바다시설관리공단 민원 채팅 신설", "채팅상담", "2026-02-02", 240000000, "won" },
	{ "PR40", "CL01", "CT26", "operations", "누리온텔레콤 AI 음성봇 도입", "콜센터", "2026-03-16", 900000000, "review" },
	{ "PR41", "CL15", "CT39", "sales", "가람렌터카 계약·정산 백오피스", "백오피스", "2026-03-23", 500000000, "won" },
	{ "PR42", "CL20", "CT40", "sales", "해솔여행 예약 콜센터", "콜센터", "2026-06-01", 300000000, "won" },
	{ "PR43", "CL02", "CT12", "operations", "가온은행 야간 IT 지원 확대", "IT헬프데스크", "2026-07-13", 120000000, "draft" },
	{ "PR44", "CL04", "", "sales", "한결마트 매장 발주 백오피스", "백오피스", "2026-09-14", 350000000, "review" },
	{ "PR45", "CL08", "", "sales", "온누리쇼핑 셀러 지원 센터", "콜센터", "2026-10-05", 600000000, "draft" },
};

struct demo_review {
	const char *proposal_id, *reviewed_on, *reviewer, *verdict,
		*predicted_attainment, *risk_tier;
	int required_ramp_days;
	const char *conditions;
};

/* PR10 was first judged infeasible, then conditional after the conditions
 * were agreed; PR44 (in review) has no review yet. */
static const struct demo_review reviews[] = {
	{ "PR01", "2023-01-09", "P12", "feasible", "0.92", "medium", 45, "" },
	{ "PR02", "2023-01-25", "P12", "conditional", "0.88", "high", 60,
	  "금융 상담 자격 보유 상담사 30% 이상 배치, 개인정보 보호 교육 선이수" },
	{ "PR03", "2023-02-15", "P16", "feasible", "0.9", "medium", 50, "" },
	{ "PR04", "2023-03-13", "P16", "feasible", "0.95", "low", 40, "" },
	{ "PR05", "2023-04-26", "P16", "feasible", "0.9", "medium", 60, "" },
	{ "PR06", "2023-05-03", "P12", "conditional", "0.85", "high", 60,
	  "카드 분실 신고 24시간 대응 인력 별도 편성" },
	{ "PR07", "2023-05-17", "P16", "feasible", "0.93", "low", 60, "" },
	{ "PR08", "2023-06-14", "P12", "feasible", "0.92", "low", 30, "" },
	{ "PR09", "2023-08-02", "P12", "feasible", "0.9", "medium", 45, "" },
	{ "PR10", "2023-09-04", "P16", "infeasible", "0.72", "high", 90,
	  "비정상 운항 시 호량 급증(평시 3배) 대응 인력 확보 불가" },
	{ "PR10", "2023-09-20", "P21", "conditional", "0.85", "high", 75,
	  "1) 피크 대응 탄력 인력 30명 사전 확보\n2) 호량 예측 데이터 월 2회 공유" },
	{ "PR11", "2023-11-15", "P16", "feasible", "0.9", "medium", 45, "" },
	{ "PR12", "2023-11-29", "P12", "feasible", "0.9", "low", 45, "" },
	{ "PR13", "2024-01-24", "P12", "feasible", "0.88", "medium", 60, "" },
	{ "PR14", "2024-02-14", "P16", "feasible", "0.95", "low", 50, "" },
	{ "PR15", "2024-03-13", "P12", "conditional", "0.88", "medium", 45,
	  "심사 기준서 확정 후 착수" },
	{ "PR16", "2024-04-17", "P12", "conditional", "0.8", "high", 60,
	  "추심 관련 금지 행위 스크립트 법무 검토 완료 후 착수" },
	{ "PR17", "2024-05-02", "P21", "conditional", "0.9", "high", 75,
	  "상담석 250석 확보를 위한 서울 센터 증축 선행" },
	{ "PR18", "2024-06-12", "P12", "infeasible", "0.7", "high", 90,
	  "의료 상담 자격 요건 충족 인력 확보 곤란" },
	{ "PR19", "2024-07-03", "P16", "feasible", "0.92", "low", 40, "" },
	{ "PR20", "2024-07-24", "P16", "feasible", "0.9", "medium", 50, "" },
	{ "PR21", "2024-08-14", "P16", "feasible", "0.88", "medium", 45, "" },
	{ "PR22", "2024-10-23", "P16", "feasible", "0.92", "low", 60, "" },
	{ "PR23", "2024-11-20", "P16", "feasible", "0.9", "medium", 40, "" },
	{ "PR24", "2024-12-11", "P12", "feasible", "0.92", "medium", 60, "" },
	{ "PR25", "2025-01-22", "P12", "conditional", "0.87", "high", 60,
	  "투자권유대행인 자격 보유자 우선 채용" },
	{ "PR26", "2025-01-29", "P12", "feasible", "0.9", "medium", 45, "" },
	{ "PR27", "2025-02-19", "P16", "feasible", "0.9", "medium", 30, "" },
	{ "PR28", "2025-03-12", "P12", "feasible", "0.9", "medium", 40, "" },
	{ "PR29", "2025-04-23", "P16", "feasible", "0.9", "medium", 60, "" },
	{ "PR30", "2025-06-11", "P12", "conditional", "0.86", "medium", 45,
	  "채팅 전환율 목표 사전 합의" },
	{ "PR31", "2025-06-18", "P16", "infeasible", "0.75", "high", 60,
	  "기존 콜센터 안정화가 선행되어야 함" },
	{ "PR32", "2025-07-16", "P16", "feasible", "0.9", "low", 60, "" },
	{ "PR33", "2025-09-03", "P16", "feasible", "0.92", "medium", 45, "" },
	{ "PR34", "2025-09-24", "P12", "feasible", "0.9", "medium", 50, "" },
	{ "PR35", "2025-10-22", "P12", "feasible", "0.9", "low", 30, "" },
	{ "PR36", "2025-12-03", "P12", "feasible", "0.92", "medium", 40, "" },
	{ "PR37", "2026-01-21", "P16", "feasible", "0.93", "low", 30, "" },
	{ "PR38", "2026-01-28", "P21", "conditional", "0.88", "low", 45,
	  "공공기관 보안 인증 인력 배치" },
	{ "PR39", "2026-02-11", "P16", "feasible", "0.93", "low", 45, "" },
	{ "PR40", "2026-03-25", "P21", "conditional", "0.85", "medium", 60,
	  "음성봇 학습 데이터 제공 범위 합의" },
	{ "PR41", "2026-04-01", "P16", "conditional", "0.85", "high", 60,
	  "정산 마감일 기준 처리 기한 협의" },
	{ "PR42", "2026-06-10", "P12", "feasible", "0.9", "medium", 45, "" },
};

struct demo_reference {
	const char *client_id, *credited_contract_id, *date, *kind,
		*referred_client_id;
};

/* CL12's referral names a prospect that is not (yet) a client. */
static const struct demo_reference references[] = {
	{ "CL01", "CT01", "2023-04-17", "referral", "CL05" },
	{ "CL01", "CT01", "2024-02-15", "case_study", "" },
	{ "CL01", "CT01", "2024-04-08", "referral", "CL14" },
	{ "CL01", "CT26", "2026-09-08", "site_visit", "" },
	{ "CL02", "CT02", "2024-09-10", "reference_call", "" },
	{ "CL02", "CT12", "2025-08-19", "site_visit", "" },
	{ "CL04", "CT04", "2023-07-10", "referral", "CL08" },
	{ "CL04", "CT19", "2026-03-17", "reference_call", "" },
	{ "CL05", "CT05", "2024-03-25", "referral", "CL13" },
	{ "CL05", "CT05", "2025-03-12", "site_visit", "" },
	{ "CL06", "CT17", "2025-10-02", "reference_call", "" },
	{ "CL07", "CT07", "2024-08-05", "referral", "CL17" },
	{ "CL08", "CT09", "2024-10-21", "referral", "CL18" },
	{ "CL09", "CT10", "2025-01-13", "referral", "CL20" },
	{ "CL10", "CT11", "2024-06-17", "referral", "CL16" },
	{ "CL10", "CT11", "2025-04-22", "reference_call", "" },
	{ "CL12", "CT14", "2026-05-20", "referral", "" },
	{ "CL13", "CT16", "2024-12-16", "referral", "CL19" },
	{ "CL14", "CT18", "2025-11-20", "case_study", "" },
	{ "CL19", "CT25", "2026-06-15", "case_study", "" },
};

/* annual_savings and hours_saved: -1 = empty. */
struct demo_innovation {
	const char *contract_id, *date, *kind, *title, *status;
	int64_t annual_savings, hours_saved;
};

static const struct demo_innovation innovations[] = {
	{ "CT01", "2024-05-20", "process_improvement", "IVR 메뉴 재설계로 상담 전환 호 감소", "deployed", 120000000, -1 },
	{ "CT01", "2025-08-11", "automation", "상담 내용 AI 자동 요약", "deployed", -1, 5200 },
	{ "CT02", "2024-10-07", "automation", "본인 인증 ARS 자동화", "deployed", -1, 3100 },
	{ "CT04", "2024-07-08", "process_improvement", "반품 문의 응대 매크로 정비", "deployed", 12000000, -1 },
	{ "CT05", "2024-09-02", "process_improvement", "분실·도난 신고 처리 단계 축소", "deployed", 45000000, -1 },
	{ "CT05", "2025-11-03", "service_model", "해지 방어 전담 리텐션 셀 운영 모델", "proposed", -1, -1 },
	{ "CT09", "2024-12-09", "service_model", "라이브커머스 전담 상담 모델", "deployed", -1, -1 },
	{ "CT11", "2024-11-25", "automation", "챗봇 1차 응대 도입", "deployed", -1, 2400 },
	{ "CT12", "2025-02-10", "process_improvement", "계정 잠금 해제 셀프서비스 전환", "deployed", 18000000, -1 },
	{ "CT14", "2025-10-20", "automation", "검침 데이터 입력 RPA", "deployed", -1, 2200 },
	{ "CT17", "2025-06-16", "service_model", "보상 안내 콜·채팅 하이브리드 모델", "proposed", -1, -1 },
	{ "CT18", "2025-05-19", "automation", "요금 조회 음성봇", "proposed", -1, 8000 },
	{ "CT18", "2026-03-09", "process_improvement", "해지 상담 스크립트 표준화", "deployed", 90000000, -1 },
	{ "CT21", "2025-07-14", "automation", "장애 티켓 자동 분류", "deployed", -1, 1900 },
	{ "CT22", "2025-09-22", "process_improvement", "민원 유형 분류 체계 개선", "proposed", 8000000, -1 },
	{ "CT24", "2026-02-23", "automation", "배송 지연 알림 자동 발송", "deployed", -1, 1500 },
	{ "CT25", "2026-08-17", "process_improvement", "주문 오류 사전 점검(\"더블 체크\") 도입, 재작업 감소", "deployed", 30000000, -1 },
	{ "CT26", "2026-05-11", "service_model", "원격 지원 전담 2선 조직 모델", "proposed", -1, -1 },
};

/* ---- pools the per-contract generators draw from ---------------------- */

struct readiness_tpl {
	const char *item, *category;
	int required;
};

static const struct readiness_tpl readiness_pool[] = {
	{ "상담석 및 PC 설치", "infra", 1 },
	{ "상담 채널 회선 개통", "infra", 1 },
	{ "CRM 계정 및 권한 설정", "system", 1 },
	{ "녹취·모니터링 시스템 연동", "system", 0 },
	{ "상담 인력 채용 완료", "staffing", 1 },
	{ "신입 상담사 업무 교육 이수", "training", 1 },
	{ "업무 매뉴얼 및 스크립트 확정", "manual", 1 },
	{ "보안 서약 및 개인정보 위탁 계약", "other", 0 },
};

static const char *const handover_pool[] = {
	"계약서 및 과업지시서",
	"SLA 합의서 및 측정 기준",
	"고객사 담당자 연락망",
	"단가 및 청구 기준",
	"업무 프로세스 정의서",
	"미결 이슈 및 리스크 목록",
};

struct scope_tpl {
	const char *kind, *note;
};

/* Two notes carry a comma or quotes, so the files exercise RFC 4180. */
static const struct scope_tpl scope_pool[] = {
	{ "dispute", "야간 시간대 상담 범위 포함 여부 이견" },
	{ "out_of_scope", "이벤트 기간 아웃바운드 해피콜 추가 요청" },
	{ "out_of_scope", "VOC 월간 보고서 양식 변경 요청" },
	{ "dispute", "\"긴급 장애\" 정의 불일치로 SLA 적용 범위 분쟁" },
	{ "out_of_scope", "상담 채널 추가(카카오톡) 요청, 별도 견적 필요" },
	{ "dispute", "휴일 근무 단가 적용 기준 이견" },
	{ "dispute", "고객사 시스템 장애 시간의 SLA 제외 여부 분쟁" },
	{ "out_of_scope", "상품 변경에 따른 스크립트 전면 개편 요청" },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a deterministic random stream ----------------------------------- */

struct rng {
	uint64_t state;
};

enum rng_stream {
	RS_MONTHS = 1, RS_DAYS, RS_READINESS, RS_MANUAL, RS_HANDOVER,
	RS_SCOPE, RS_FINANCIALS, RS_RATINGS, RS_PRE_GO_LIVE, RS_ACTIVITY,
};

/* splitmix64 (Steele, Lea, Flood 2014). */
static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Each (key, stream) pair has its own sequence, so editing one contract's
 * row does not reshuffle every other contract's data. */
static void rng_seed(struct rng *r, const char *key, enum rng_stream stream)
{
	uint64_t h = 0xCBF29CE484222325ULL;    /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 0x100000001B3ULL;
	}
	r->state = h ^ ((uint64_t)stream * 0xD1B54A32D192ED03ULL);
	rng_next(r);
}

/* A whole number in [lo, hi]. */
static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* ---- the writer ------------------------------------------------------ */

#define FLUSH_AT (64 * 1024)

/* One output file: rows are built in text and written past FLUSH_AT, so
 * memory stays small even for measurements.csv. */
struct out {
	FILE *f;
	struct buf text;
	struct buf path;
	int nfield;
	int write_errno;        /* first failed write, 0 if none */
};

static void out_flush(struct out *o)
{
	if (o->text.len && !o->write_errno &&
	    fwrite(o->text.data, 1, o->text.len, o->f) != o->text.len)
		o->write_errno = errno ? errno : EIO;
	buf_reset(&o->text);
}

static int out_open(struct out *o, const char *dir, const char *name,
		    const char *header, struct buf *err)
{
	buf_init(&o->text);
	buf_init(&o->path);
	o->nfield = 0;
	o->write_errno = 0;
	buf_addf(&o->path, "%s/%s", dir, name);
	o->f = fopen(o->path.data, "wb");
	if (!o->f) {
		buf_addf(err, "cannot create '%s': %s", o->path.data,
			 strerror(errno));
		buf_release(&o->path);
		return -1;
	}
	buf_adds(&o->text, header);
	buf_addc(&o->text, '\n');
	return 0;
}

/* Writes what is left and closes; on any failure err (if not NULL) says
 * why. Always releases o's storage. */
static int out_close(struct out *o, struct buf *err)
{
	int ret = 0;

	out_flush(o);
	if (fclose(o->f) != 0 && !o->write_errno)
		o->write_errno = errno ? errno : EIO;
	if (o->write_errno) {
		if (err)
			buf_addf(err, "cannot write '%s': %s",
				 o->path.data, strerror(o->write_errno));
		ret = -1;
	}
	buf_release(&o->text);
	buf_release(&o->path);
	return ret;
}

static void out_sep(struct out *o)
{
	if (o->nfield++)
		buf_addc(&o->text, ',');
}

/* A text field, quoted per RFC 4180 when it holds a comma, quote, CR or LF
 * or starts or ends with a space (as csv_write_field does). */
static void out_str(struct out *o, const char *s)
{
	size_t len = strlen(s);
	int quote = len && (s[0] == ' ' || s[len - 1] == ' ');

	out_sep(o);
	if (!quote && !strpbrk(s, ",\"\r\n")) {
		buf_add(&o->text, s, len);
		return;
	}
	buf_addc(&o->text, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_addc(&o->text, '"');
		buf_addc(&o->text, *p);
	}
	buf_addc(&o->text, '"');
}

static void out_empty(struct out *o)
{
	out_sep(o);
}

static void out_int(struct out *o, int64_t v)
{
	out_sep(o);
	buf_addf(&o->text, "%" PRId64, v);
}

/* A whole number, or an empty cell when v < 0 (the tables' "none"). */
static void out_opt_int(struct out *o, int64_t v)
{
	if (v < 0)
		out_empty(o);
	else
		out_int(o, v);
}

static void out_micro(struct out *o, micro_t v)
{
	char text[32];

	decimal_format(v, text);
	out_sep(o);
	buf_adds(&o->text, text);
}

static void out_day(struct out *o, day_t d)
{
	char text[11];

	if (d == DAY_NONE) {
		out_empty(o);
		return;
	}
	date_format(d, text);
	out_sep(o);
	buf_adds(&o->text, text);
}

static void out_end(struct out *o)
{
	buf_addc(&o->text, '\n');
	o->nfield = 0;
	if (o->text.len >= FLUSH_AT)
		out_flush(o);
}

/* ---- the parsed dates every generator needs ---------------------------- */

struct contract_days {
	day_t signed_on, ramp_started_on, staffed_on, go_live_on, end_on;
	day_t last_data;        /* min(end_on, today) */
};

struct demo {
	day_t today;
	struct contract_days days[N_CONTRACTS];
};

static day_t parse_day(const char *s)
{
	day_t d;

	if (!*s || date_parse(s, strlen(s), &d) < 0)
		return DAY_NONE;
	return d;
}

static int demo_prepare(struct demo *d, struct buf *err)
{
	d->today = parse_day(DEMO_TODAY);
	for (size_t i = 0; i < N_CONTRACTS; i++) {
		const struct demo_contract *c = &contracts[i];
		struct contract_days *cd = &d->days[i];

		cd->signed_on = parse_day(c->signed_on);
		cd->ramp_started_on = parse_day(c->ramp_started_on);
		cd->staffed_on = parse_day(c->staffed_on);
		cd->go_live_on = parse_day(c->go_live_on);
		cd->end_on = parse_day(c->end_on);
		if (cd->signed_on == DAY_NONE || cd->go_live_on == DAY_NONE ||
		    (*c->end_on && cd->end_on == DAY_NONE)) {
			buf_addf(err, "demo contract '%s': bad date", c->id);
			return -1;
		}
		cd->last_data = d->today;
		if (cd->end_on != DAY_NONE && cd->end_on < d->today)
			cd->last_data = cd->end_on;
	}
	return 0;
}

static const struct demo_person *find_person(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(people); i++)
		if (!strcmp(people[i].id, id))
			return &people[i];
	return NULL;
}

/* The second rater of an operations person's contracts: the center lead,
 * or the head of operations when the owner is the lead. */
static const char *ops_reviewer(const char *ops_owner)
{
	const struct demo_person *p = find_person(ops_owner);
	const char *lead = "P21";

	if (p && !strcmp(p->unit_id, "OPS-SEOUL"))
		lead = "P12";
	else if (p && !strcmp(p->unit_id, "OPS-BUSAN"))
		lead = "P16";
	return strcmp(lead, ops_owner) ? lead : "P21";
}

static const struct service_line *find_line(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		if (!strcmp(lines[i].name, name))
			return &lines[i];
	return NULL;
}

/* Fills out[] with the contract's metrics; returns how many (0 when it has
 * none). */
static int contract_metrics(const struct demo_contract *c,
			    const struct metric_tpl *out[MAX_METRICS])
{
	const struct service_line *l = find_line(c->service_line);
	int n;

	if (!l || (c->flags & F_NO_METRICS))
		return 0;
	n = l->n_metrics;
	for (int i = 0; i < n; i++)
		out[i] = l->metrics[i];
	if ((c->flags & F_FCR) && l->metrics == call_metrics)
		out[n++] = &m_call_fcr;
	return n;
}

static int day_of_week(day_t d)         /* 0 = Sunday */
{
	int w = (int)((d + 4) % 7);        /* 1970-01-01 was a Thursday */
	return w < 0 ? w + 7 : w;
}

static day_t min_day(day_t a, day_t b)
{
	return a < b ? a : b;
}

static day_t max_day(day_t a, day_t b)
{
	return a > b ? a : b;
}

static int64_t round_thousand(int64_t won)
{
	return (won + 500) / 1000 * 1000;
}

/* ---- small files ------------------------------------------------------- */

static int write_org_units(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		out_str(o, units[i].id);
		out_str(o, units[i].name);
		out_str(o, units[i].kind);
		out_str(o, units[i].parent_id);
		out_end(o);
	}
	return 0;
}

static int write_people(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(people); i++) {
		out_str(o, people[i].id);
		out_str(o, people[i].name);
		out_sep(o);
		buf_addf(&o->text, "%s@%s", people[i].email_local, EMAIL_DOMAIN);
		out_str(o, people[i].unit_id);
		out_end(o);
	}
	return 0;
}

static int write_clients(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(clients); i++) {
		out_str(o, clients[i].id);
		out_str(o, clients[i].name);
		out_str(o, clients[i].industry);
		out_str(o, clients[i].referred_by);
		out_end(o);
	}
	return 0;
}

static int write_contracts(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < N_CONTRACTS; i++) {
		const struct demo_contract *c = &contracts[i];

		out_str(o, c->id);
		out_str(o, c->client_id);
		out_str(o, c->service_line);
		out_str(o, c->signed_on);
		out_str(o, c->ramp_started_on);
		out_str(o, c->staffed_on);
		out_str(o, c->go_live_on);
		out_str(o, c->end_on);
		out_int(o, c->annual_value);
		out_str(o, c->risk_tier);
		out_str(o, c->sales_owner);
		out_str(o, c->ops_owner);
		out_opt_int(o, c->planned_ramp_days ? c->planned_ramp_days : -1);
		out_opt_int(o, c->planned_stabilization_months ?
			    c->planned_stabilization_months : -1);
		out_str(o, c->parent_contract_id);
		out_str(o, c->renews_contract_id);
		out_end(o);
	}
	return 0;
}

static int write_sla_metrics(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < N_CONTRACTS; i++) {
		const struct demo_contract *c = &contracts[i];
		const struct metric_tpl *m[MAX_METRICS];
		int n = contract_metrics(c, m);

		for (int k = 0; k < n; k++) {
			out_str(o, c->id);
			out_str(o, m[k]->metric);
			out_str(o, m[k]->name);
			out_str(o, m[k]->direction);
			out_micro(o, m[k]->target);
			if (m[k]->initial_in_csv && !(c->flags & F_NO_INITIAL))
				out_micro(o, m[k]->initial);
			else
				out_empty(o);
			out_str(o, m[k]->unit);
			out_end(o);
		}
	}
	return 0;
}

/* The service-credit terms of every contract with metrics (issue 20): the
 * minimum is the metric's ramp-up (initial) level, the expected level its
 * target; 10 % of the monthly fees at risk, each metric's allocation an
 * equal share of 120 % (so the cap applies when every metric misses),
 * ratios credited in proportion (linear), the others in full; earn-back 2
 * months, burn-in 3. Terms never enter the scores, so no demo score moves. */
static int write_sla_terms(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < N_CONTRACTS; i++) {
		const struct demo_contract *c = &contracts[i];
		const struct metric_tpl *m[MAX_METRICS];
		int n = contract_metrics(c, m);

		for (int k = 0; k < n; k++) {
			out_str(o, c->id);
			out_str(o, m[k]->metric);
			out_micro(o, m[k]->initial);
			out_micro(o, m[k]->target);
			out_int(o, 10);
			out_int(o, 120 / n);
			out_str(o, m[k]->kind == MK_RATIO ? "linear" : "full");
			out_int(o, 2);
			out_int(o, 3);
			out_end(o);
		}
	}
	return 0;
}

/* ---- measurements -------------------------------------------------------- */

enum level { LV_GOOD, LV_FAIR, LV_POOR, LV_MISSING };

#define MAX_DAYS 31

/* One calendar month of one contract, all metrics, before it is written. */
struct month_rows {
	int n_days;
	day_t day[MAX_DAYS];
	int64_t volume[MAX_DAYS];
	int64_t num[MAX_METRICS][MAX_DAYS];
	int64_t den[MAX_METRICS][MAX_DAYS];
	enum level level[MAX_METRICS];
};

/* The design letter of month k (1-based) of c; see struct demo_contract. */
static char month_design(const struct demo_contract *c, int k, struct rng *r)
{
	const char *bar = strchr(c->quality, '|');
	size_t prefix = bar ? (size_t)(bar - c->quality) : strlen(c->quality);

	if ((size_t)k <= prefix)
		return c->quality[k - 1];
	if (bar)
		return bar[1 + (k - prefix - 1) % strlen(bar + 1)];
	return rng_range(r, 0, 11) == 0 ? 'm' : 'C';
}

static void design_levels(char design, const struct metric_tpl *m[], int n,
			  enum level level[], struct rng *r)
{
	int pick;

	for (int i = 0; i < n; i++)
		level[i] = design == 'f' ? LV_FAIR :
			   design == 'p' ? LV_POOR : LV_GOOD;
	if (design == 'm') {
		pick = (int)rng_range(r, 0, n - 1);
		level[pick] = LV_FAIR;
	} else if (design == 'x') {
		pick = n - 1;
		for (int i = 0; i < n; i++)
			if (!strcmp(m[i]->metric, "CSAT"))
				pick = i;
		level[pick] = LV_MISSING;
	}
}

static micro_t level_value(const struct metric_tpl *t, enum level lv,
			   struct rng *r)
{
	micro_t lo = t->good_lo, hi = t->good_hi, q;
	micro_t grain = t->kind == MK_RATIO ? 1000 :
			t->kind == MK_MEAN ? MICRO_ONE : 10000;

	if (lv == LV_FAIR) {
		lo = t->fair_lo;
		hi = t->fair_hi;
	} else if (lv == LV_POOR) {
		lo = t->poor_lo;
		hi = t->poor_hi;
	}
	q = rng_range(r, lo, hi);
	q -= q % grain;
	return q < lo ? lo : q;
}

/* The day's numerator and denominator for a month level q; noise 0 gives
 * exactly q (up to rounding to whole events). */
static void day_values(const struct metric_tpl *t, micro_t q, int64_t volume,
		       int noise, struct rng *r, int64_t *num, int64_t *den)
{
	int64_t handled = volume * 95 / 100;
	micro_t qd;

	*den = t->handled ? (handled > 0 ? handled : 1) : volume;
	switch (t->kind) {
	case MK_RATIO:
		qd = q + (noise ? rng_range(r, -20000, 20000) : 0);
		if (qd < 0)
			qd = 0;
		if (qd > MICRO_ONE)
			qd = MICRO_ONE;
		*num = (*den * qd + MICRO_ONE / 2) / MICRO_ONE;
		break;
	case MK_MEAN:
		qd = q / 1000 * (1000 + (noise ? rng_range(r, -60, 60) : 0));
		*num = (*den * qd + MICRO_ONE / 2) / MICRO_ONE;
		break;
	case MK_PLAIN:
		/* hundredths of a point */
		*num = q / 10000 + (noise ? rng_range(r, -12, 12) : 0);
		if (*num < 100)
			*num = 100;
		if (*num > 500)
			*num = 500;
		*den = 1;
		break;
	}
}

/* Whether Σnum/Σden meets threshold, exactly (SPEC §5). */
static int meets(const struct metric_tpl *t, int64_t num, int64_t den,
		 micro_t threshold)
{
	int64_t lhs = num * (t->kind == MK_PLAIN ? 10000 : MICRO_ONE);
	int64_t rhs = threshold * den;

	return t->direction[0] == 'h' ? lhs >= rhs : lhs <= rhs;
}

static int level_holds(const struct metric_tpl *t, enum level lv,
		       const int64_t num[], const int64_t den[], int n)
{
	int64_t sn = 0, sd = 0;

	for (int j = 0; j < n; j++) {
		sn += num[j];
		sd += den[j];
	}
	if (lv == LV_MISSING)
		return 1;
	if (sd <= 0)
		return 0;
	switch (lv) {
	case LV_GOOD:
		return meets(t, sn, sd, t->target);
	case LV_FAIR:
		return !meets(t, sn, sd, t->target) &&
		       meets(t, sn, sd, t->initial);
	default:
		return !meets(t, sn, sd, t->initial);
	}
}

static int64_t base_volume(const struct demo_contract *c,
			   const struct service_line *l)
{
	int64_t v = 200 + c->annual_value / 1000000;

	if (v > 3000)
		v = 3000;
	return v * l->volume_pct / 100;
}

/* Collects the days of [from, to] the line works on, with their volume. */
static void fill_days(struct month_rows *mr, const struct demo_contract *c,
		      const struct service_line *l, day_t from, day_t to,
		      struct rng *r)
{
	static const int weekday_pct[7] = { 40, 115, 100, 100, 100, 100, 60 };
	int64_t base = base_volume(c, l);

	mr->n_days = 0;
	for (day_t d = from; d <= to && mr->n_days < MAX_DAYS; d++) {
		int w = day_of_week(d);
		int64_t v;

		if (l->weekdays_only && (w == 0 || w == 6))
			continue;
		v = base * weekday_pct[w] / 100 *
		    (1000 + rng_range(r, -120, 120)) / 1000;
		mr->day[mr->n_days] = d;
		mr->volume[mr->n_days++] = v < 20 ? 20 : v;
	}
}

static void write_month_rows(struct out *o, const struct demo_contract *c,
			     const struct metric_tpl *m[], int n,
			     const struct month_rows *mr)
{
	for (int j = 0; j < mr->n_days; j++) {
		for (int i = 0; i < n; i++) {
			if (mr->level[i] == LV_MISSING)
				continue;
			out_str(o, c->id);
			out_str(o, m[i]->metric);
			out_day(o, mr->day[j]);
			if (m[i]->kind == MK_PLAIN)
				out_micro(o, mr->num[i][j] * 10000);
			else
				out_int(o, mr->num[i][j]);
			out_int(o, mr->den[i][j]);
			out_end(o);
		}
	}
}

/* Generates one month's rows at the designed levels. Days carry noise; if
 * the noise pushed a month across a threshold the month is redrawn without
 * it, and a month that still misses its design is an error (a bad table). */
static int generate_month(struct month_rows *mr, const struct demo_contract *c,
			  const struct metric_tpl *m[], int n, int k,
			  struct rng *r, struct buf *err)
{
	for (int i = 0; i < n; i++) {
		micro_t q;

		if (mr->level[i] == LV_MISSING)
			continue;
		q = level_value(m[i], mr->level[i], r);
		for (int pass = 0; pass < 2; pass++) {
			for (int j = 0; j < mr->n_days; j++)
				day_values(m[i], q, mr->volume[j], pass == 0, r,
					   &mr->num[i][j], &mr->den[i][j]);
			if (level_holds(m[i], mr->level[i], mr->num[i],
					mr->den[i], mr->n_days))
				break;
			if (pass == 1) {
				buf_addf(err, "demo contract '%s': month %d of "
					 "'%s' misses its design", c->id, k,
					 m[i]->metric);
				return -1;
			}
		}
	}
	return 0;
}

static int write_contract_measurements(struct out *o, const struct demo *d,
				       size_t ci, struct month_rows *mr,
				       struct buf *err)
{
	const struct demo_contract *c = &contracts[ci];
	const struct contract_days *cd = &d->days[ci];
	const struct service_line *l = find_line(c->service_line);
	const struct metric_tpl *m[MAX_METRICS];
	int n = contract_metrics(c, m);
	struct rng months, days;
	month_t first, last;

	if (!n || !l)
		return 0;
	rng_seed(&months, c->id, RS_MONTHS);
	rng_seed(&days, c->id, RS_DAYS);
	if (c->flags & F_PRE_GO_LIVE) {
		/* a trial week before go-live: rows the engine must ignore */
		struct rng pre;

		rng_seed(&pre, c->id, RS_PRE_GO_LIVE);
		fill_days(mr, c, l, cd->go_live_on - 7, cd->go_live_on - 1, &pre);
		for (int i = 0; i < n; i++) {
			micro_t q = level_value(m[i], LV_POOR, &pre);

			mr->level[i] = LV_POOR;
			for (int j = 0; j < mr->n_days; j++)
				day_values(m[i], q, mr->volume[j], 1, &pre,
					   &mr->num[i][j], &mr->den[i][j]);
		}
		write_month_rows(o, c, m, n, mr);
	}
	first = date_month(cd->go_live_on);
	last = date_month(cd->last_data);
	for (month_t mo = first; mo <= last; mo++) {
		int k = (int)(mo - first) + 1;
		day_t from = date_from_ymd(month_year(mo), month_month(mo), 1);
		day_t to = from + days_in_month(month_year(mo), month_month(mo)) - 1;

		from = max_day(from, cd->go_live_on);
		to = min_day(to, cd->last_data);
		design_levels(month_design(c, k, &months), m, n, mr->level,
			      &months);
		fill_days(mr, c, l, from, to, &days);
		if (generate_month(mr, c, m, n, k, &days, err) < 0)
			return -1;
		write_month_rows(o, c, m, n, mr);
	}
	return 0;
}

static int write_measurements(struct out *o, const struct demo *d, struct buf *err)
{
	struct month_rows *mr = xmalloc(sizeof(*mr));
	int ret = 0;

	for (size_t i = 0; i < N_CONTRACTS; i++) {
		ret = write_contract_measurements(o, d, i, mr, err);
		if (ret < 0)
			goto out;
	}
out:
	xfree(mr);
	return ret;
}

/* ---- readiness, manual ratings, handover, scope changes ------------------ */

static int write_readiness(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < N_CONTRACTS; ci++) {
		const struct demo_contract *c = &contracts[ci];
		const struct contract_days *cd = &d->days[ci];
		size_t order[ARRAY_SIZE(readiness_pool)];
		int take[ARRAY_SIZE(readiness_pool)] = { 0 };
		day_t earliest = cd->ramp_started_on != DAY_NONE ?
				 cd->ramp_started_on : cd->signed_on;
		int n, late = 0, missing = 0;
		struct rng r;

		if (c->flags & F_NO_READINESS)
			continue;
		rng_seed(&r, c->id, RS_READINESS);
		/* a shuffled subset of 4..8 items, printed in pool order */
		for (size_t i = 0; i < ARRAY_SIZE(order); i++)
			order[i] = i;
		for (size_t i = ARRAY_SIZE(order) - 1; i > 0; i--) {
			size_t j = (size_t)rng_range(&r, 0, (int64_t)i);
			size_t t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		n = (int)rng_range(&r, 4, 8);
		for (int i = 0; i < n; i++)
			take[order[i]] = 1;
		/* readiness_gaps: 1 one late item; 2 one late and one never
		 * done; 3 three late items */
		late = c->readiness_gaps == 3 ? 3 : c->readiness_gaps > 0;
		missing = c->readiness_gaps == 2;
		for (size_t i = 0; i < ARRAY_SIZE(readiness_pool); i++) {
			const struct readiness_tpl *t = &readiness_pool[i];
			day_t done = cd->go_live_on - rng_range(&r, 1, 30);

			if (!take[i])
				continue;
			if (done < earliest)
				done = earliest;
			if (t->required && late) {
				done = cd->go_live_on + rng_range(&r, 1, 21);
				late--;
			} else if (t->required && missing) {
				done = DAY_NONE;
				missing--;
			} else if (!t->required && rng_range(&r, 0, 2) == 0) {
				done = DAY_NONE;
			}
			if (done != DAY_NONE && done > d->today)
				done = DAY_NONE;
			out_str(o, c->id);
			out_str(o, t->item);
			out_str(o, t->category);
			out_int(o, t->required);
			out_day(o, done);
			out_end(o);
		}
	}
	return 0;
}

static int clamp_rating(int64_t v)
{
	return v < 1 ? 1 : v > 5 ? 5 : (int)v;
}

static int write_manual_ratings(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < N_CONTRACTS; ci++) {
		const struct demo_contract *c = &contracts[ci];
		const struct contract_days *cd = &d->days[ci];
		struct rng r;
		day_t on[2];
		int n;

		if (!c->manual_level)
			continue;
		rng_seed(&r, c->id, RS_MANUAL);
		n = (int)rng_range(&r, 1, 2);
		/* before go-live by the owner, a month after by the lead */
		on[0] = max_day(cd->go_live_on - rng_range(&r, 5, 15),
				cd->signed_on);
		on[1] = cd->go_live_on + rng_range(&r, 20, 45);
		for (int i = 0; i < n; i++) {
			if (on[i] > d->today)
				continue;
			out_str(o, c->id);
			out_day(o, on[i]);
			out_str(o, i == 0 ? c->ops_owner : ops_reviewer(c->ops_owner));
			out_int(o, clamp_rating(c->manual_level + rng_range(&r, -1, 1)));
			out_int(o, clamp_rating(c->manual_level + rng_range(&r, -1, 0)));
			out_end(o);
		}
	}
	return 0;
}

static int write_handover(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < N_CONTRACTS; ci++) {
		const struct demo_contract *c = &contracts[ci];
		const struct contract_days *cd = &d->days[ci];
		struct rng r;
		int n;

		if (c->flags & F_NO_HANDOVER)
			continue;
		rng_seed(&r, c->id, RS_HANDOVER);
		n = (int)rng_range(&r, 3, 6);
		for (int i = 0; i < n; i++) {
			day_t accepted = cd->go_live_on + rng_range(&r, 0, 25);

			if (i >= n - c->handover_open || accepted > d->today)
				accepted = DAY_NONE;
			out_str(o, c->id);
			out_str(o, handover_pool[i]);
			out_day(o, accepted);
			out_end(o);
		}
	}
	return 0;
}

static int write_scope_changes(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < N_CONTRACTS; ci++) {
		const struct demo_contract *c = &contracts[ci];
		const struct contract_days *cd = &d->days[ci];
		day_t prev = cd->go_live_on;
		struct rng r;

		rng_seed(&r, c->id, RS_SCOPE);
		for (int i = 0; i < c->scope_changes; i++) {
			const struct scope_tpl *t =
				&scope_pool[rng_range(&r, 0, ARRAY_SIZE(scope_pool) - 1)];
			/* most in the first year; the fourth one after it */
			day_t on = i < 3 ? prev + rng_range(&r, 5, 110)
					 : cd->go_live_on + rng_range(&r, 380, 600);

			prev = on;
			if (on > d->today || on > cd->last_data)
				continue;
			out_str(o, c->id);
			out_day(o, on);
			out_str(o, t->kind);
			out_str(o, t->note);
			out_end(o);
		}
	}
	return 0;
}

/* ---- financials --------------------------------------------------------- */

/* The annual value billed in month mo: the latest renewed value due before
 * the month, plus expansions dated before the month and after that
 * renewal. */
static int64_t billed_value(const struct demo_contract *c, day_t month_start)
{
	int64_t value = c->annual_value;
	day_t since = DAY_NONE;

	for (size_t i = 0; i < ARRAY_SIZE(renewals); i++) {
		const struct demo_renewal *rn = &renewals[i];
		day_t due = parse_day(rn->due_on);

		if (strcmp(rn->contract_id, c->id) || rn->new_annual_value < 0 ||
		    due >= month_start || (since != DAY_NONE && due < since))
			continue;
		value = rn->new_annual_value;
		since = due;
	}
	for (size_t i = 0; i < ARRAY_SIZE(expansions); i++) {
		const struct demo_expansion *e = &expansions[i];
		day_t on = parse_day(e->date);

		if (!strcmp(e->contract_id, c->id) && on < month_start &&
		    (since == DAY_NONE || on > since))
			value += e->added_annual_value;
	}
	return value;
}

#define PILOT_MONTHLY_COST 15000000

/* Monthly revenue and cost from ramp start to the last month with data.
 * Ramp-up months bill nothing and cost 10-20% of a month's value (hiring,
 * training); months 1-3 after go-live cost 105%, 102%, 99% of revenue;
 * later months earn the contract's margin_pct, give or take 1.5 points.
 * The unpaid pilot (annual_value 0) has costs only. */

static int write_financials(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < N_CONTRACTS; ci++) {
		const struct demo_contract *c = &contracts[ci];
		const struct contract_days *cd = &d->days[ci];
		day_t start = cd->ramp_started_on != DAY_NONE ?
			      cd->ramp_started_on : cd->go_live_on;
		month_t live = date_month(cd->go_live_on);
		month_t last = date_month(cd->last_data);
		struct rng r;

		if (c->flags & F_NO_FINANCIALS)
			continue;
		rng_seed(&r, c->id, RS_FINANCIALS);
		for (month_t mo = date_month(start); mo <= last; mo++) {
			int y = month_year(mo), m = month_month(mo);
			int dim = days_in_month(y, m);
			day_t ms = date_from_ymd(y, m, 1), me = ms + dim - 1;
			int64_t monthly = billed_value(c, ms) / 12;
			int64_t revenue = 0, cost;
			char text[8];

			if (mo < live) {
				int64_t base = monthly ? monthly : PILOT_MONTHLY_COST;
				cost = base * rng_range(&r, 100, 200) / 1000;
			} else {
				int k = (int)(mo - live) + 1;
				day_t from = max_day(ms, cd->go_live_on);
				day_t to = min_day(me, cd->last_data);
				int64_t days = to - from + 1;

				revenue = monthly * days / dim *
					  (1000 + rng_range(&r, -30, 30)) / 1000;
				if (!revenue)
					cost = PILOT_MONTHLY_COST * days / dim *
					       (1000 + rng_range(&r, -50, 50)) / 1000;
				else if (k <= 3)
					cost = revenue * (1050 - 30 * (k - 1)) / 1000;
				else
					cost = revenue * (1000 - c->margin_pct * 10 +
							  rng_range(&r, -15, 15)) / 1000;
			}
			month_format(mo, text);
			out_str(o, c->id);
			out_str(o, text);
			out_int(o, round_thousand(revenue));
			out_int(o, round_thousand(cost));
			out_end(o);
		}
	}
	return 0;
}

/* ---- tables written as they are ------------------------------------------ */

/* ---- routine account activity ----------------------------------------
 *
 * Beside the story's hand-written events, every account that has been live
 * for at least a quarter of a year shows the routine activity of a BPO
 * account team: process improvements deployed, tasks automated, service
 * models designed, new work proposed to the client (lost, or still in
 * review when recent), references won, volume or scope added. How often
 * follows the client relationship that year (the executives' rating in
 * clients[]): a trusting client (4-5) sees most of these every year, a
 * neutral one (3) some, a strained one (1-2) few. Drawn per contract and
 * year from the seeded stream, so the same every run. */

/* How many of the six kinds of activity an account shows in a year, by
 * the client's relationship level that year (0 = not rated). Which kinds
 * is drawn. */
static const int kinds_by_level[] = { 3, 1, 2, 4, 5, 6 };

enum activity_kind {
	AK_IMPROVEMENT, AK_AUTOMATION, AK_SERVICE_MODEL, AK_PROPOSAL, AK_REFERENCE,
	AK_EXPANSION, AK_COUNT
};

static const struct demo_client *find_client(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(clients); i++)
		if (!strcmp(clients[i].id, id))
			return &clients[i];
	return NULL;
}

#define ACTIVITY_FIRST_YEAR 2023
#define ACTIVITY_LAST_YEAR 2026

struct activity {
	int live;                       /* the account had a quarter in the year */
	/* the day of each kind of event, 0 = none that year */
	day_t improvement, automation, service_model, proposal, reference, expansion;
	int64_t savings, hours_saved, proposal_value, added_value;
	int improvement_title, automation_title, service_title, proposal_title;
	const char *reference_kind, *expansion_kind;
};

static const char *const improvement_titles[] = {
	"상담 스크립트 표준화로 재문의 감소",
	"콜백 예약제 도입으로 포기호 감소",
	"상담 품질 모니터링 기준 개편",
	"교육 커리큘럼 단축으로 신입 투입 기간 단축",
	"근무 스케줄 최적화로 초과 근무 감소",
	"FAQ 정비로 단순 문의 셀프 해결 확대",
};
static const char *const automation_titles[] = {
	"상담 이력 자동 입력",
	"반복 문의 챗봇 응대",
	"일일 실적 보고서 자동 생성",
	"고객 본인 확인 자동화",
	"업무 요청 티켓 자동 분배",
};
static const char *const service_titles[] = {
	"VIP 전담 상담 셀 운영 모델",
	"옴니채널 통합 응대 모델",
	"사후 관리 아웃바운드 모델",
};
static const char *const proposal_titles[] = {
	"상담 채널 확대 제안",
	"업무 시간 연장 운영 제안",
	"품질 분석 리포트 서비스 제안",
	"신규 상품 출시 대응 전담반 제안",
};

/* A day in [from, to] drawn from r. */
static day_t draw_day(struct rng *r, day_t from, day_t to)
{
	return from + (day_t)rng_range(r, 0, to - from);
}

/* The routine activity of contract i in year. */
static void activity_of(const struct demo *d, size_t i, int year, struct activity *a)
{
	const struct demo_contract *c = &contracts[i];
	const struct contract_days *cd = &d->days[i];
	day_t from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12, 31);
	char key[32];
	struct rng r;

	memset(a, 0, sizeof *a);
	if (cd->go_live_on > from)
		from = cd->go_live_on;
	if (cd->last_data < to)
		to = cd->last_data;
	if (to - from < 90 || c->annual_value <= 0)
		return;
	a->live = 1;
	const struct demo_client *cl = find_client(c->client_id);
	int level = 0;
	if (cl && year >= ACTIVITY_FIRST_YEAR && year - ACTIVITY_FIRST_YEAR < (int)strlen(cl->levels))
		level = cl->levels[year - ACTIVITY_FIRST_YEAR] - '0';
	int n_kinds = kinds_by_level[level >= 0 && level <= 5 ? level : 0];
	int order[AK_COUNT];
	snprintf(key, sizeof key, "%s/%d", c->id, year);
	rng_seed(&r, key, RS_ACTIVITY);
	/* the first month after go-live is for settling in */
	from += 30;
	for (int k = 0; k < AK_COUNT; k++)
		order[k] = k;
	for (int k = AK_COUNT - 1; k > 0; k--) {        /* Fisher-Yates */
		int j = (int)rng_range(&r, 0, k), t = order[k];
		order[k] = order[j];
		order[j] = t;
	}
	for (int k = 0; k < n_kinds; k++)
		switch (order[k]) {
		case AK_IMPROVEMENT:
			a->improvement = draw_day(&r, from, to);
			a->savings = round_thousand(c->annual_value * rng_range(&r, 5, 35) / 1000);
			a->improvement_title = (int)rng_range(&r, 0, ARRAY_SIZE(improvement_titles) - 1);
			break;
		case AK_AUTOMATION:
			a->automation = draw_day(&r, from, to);
			a->hours_saved = rng_range(&r, 5, 40) * 100;
			a->automation_title = (int)rng_range(&r, 0, ARRAY_SIZE(automation_titles) - 1);
			break;
		case AK_SERVICE_MODEL:
			a->service_model = draw_day(&r, from, to);
			a->service_title = (int)rng_range(&r, 0, ARRAY_SIZE(service_titles) - 1);
			break;
		case AK_PROPOSAL:
			a->proposal = draw_day(&r, from, to);
			a->proposal_value = round_thousand(c->annual_value * rng_range(&r, 10, 30) / 100);
			a->proposal_title = (int)rng_range(&r, 0, ARRAY_SIZE(proposal_titles) - 1);
			break;
		case AK_REFERENCE: {
			static const char *const kinds[] = { "case_study", "reference_call",
							     "reference_call", "site_visit" };
			a->reference = draw_day(&r, from, to);
			a->reference_kind = kinds[rng_range(&r, 0, 3)];
			break;
		}
		case AK_EXPANSION:
			a->expansion = draw_day(&r, from, to);
			a->added_value = round_thousand(c->annual_value * rng_range(&r, 3, 8) / 100);
			a->expansion_kind = rng_range(&r, 1, 10) <= 7 ? "volume" : "scope";
			break;
		}
}

static int write_expansions(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(expansions); i++) {
		out_str(o, expansions[i].contract_id);
		out_str(o, expansions[i].date);
		out_str(o, expansions[i].kind);
		out_int(o, expansions[i].added_annual_value);
		out_end(o);
	}
	for (size_t i = 0; i < N_CONTRACTS; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			struct activity a;
			activity_of(d, i, y, &a);
			if (!a.expansion)
				continue;
			out_str(o, contracts[i].id);
			out_day(o, a.expansion);
			out_str(o, a.expansion_kind);
			out_int(o, a.added_value);
			out_end(o);
		}
	return 0;
}

static int write_renewals(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(renewals); i++) {
		out_str(o, renewals[i].contract_id);
		out_str(o, renewals[i].due_on);
		out_str(o, renewals[i].outcome);
		out_opt_int(o, renewals[i].new_annual_value);
		out_end(o);
	}
	return 0;
}

static int write_proposals(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(proposals); i++) {
		const struct demo_proposal *p = &proposals[i];

		out_str(o, p->id);
		out_str(o, p->client_id);
		out_str(o, p->credited_contract_id);
		out_str(o, p->origin);
		out_str(o, p->title);
		out_str(o, p->service_line);
		out_str(o, p->proposed_on);
		out_int(o, p->annual_value);
		out_str(o, p->status);
		out_end(o);
	}
	/* routine proposals: lost, or still in review when under 120 days old */
	int n = 101;
	for (size_t i = 0; i < N_CONTRACTS; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			const struct demo_contract *c = &contracts[i];
			struct activity a;
			char id[16];
			activity_of(d, i, y, &a);
			if (!a.proposal)
				continue;
			snprintf(id, sizeof id, "PR%d", n++);
			out_str(o, id);
			out_str(o, c->client_id);
			out_str(o, c->id);
			out_str(o, "operations");
			out_str(o, proposal_titles[a.proposal_title]);
			out_str(o, c->service_line);
			out_day(o, a.proposal);
			out_int(o, a.proposal_value);
			out_str(o, d->today - a.proposal < 120 ? "review" : "lost");
			out_end(o);
		}
	return 0;
}

static int write_reviews(struct out *o, const struct demo *d, struct buf *err)
{
	(void)d;
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(reviews); i++) {
		const struct demo_review *rv = &reviews[i];

		out_str(o, rv->proposal_id);
		out_str(o, rv->reviewed_on);
		out_str(o, rv->reviewer);
		out_str(o, rv->verdict);
		out_str(o, rv->predicted_attainment);
		out_str(o, rv->risk_tier);
		out_int(o, rv->required_ramp_days);
		out_str(o, rv->conditions);
		out_end(o);
	}
	return 0;
}

/* The period a client can be rated in: from two weeks after its first
 * signature to the end of its last contract (or today). Returns 0 when the
 * client has no contract. */
static int client_span(const struct demo *d, const char *client_id,
		       day_t *from, day_t *to)
{
	int any = 0;

	*from = DAY_NONE;
	*to = DAY_NONE;
	for (size_t i = 0; i < N_CONTRACTS; i++) {
		const struct contract_days *cd = &d->days[i];

		if (strcmp(contracts[i].client_id, client_id))
			continue;
		if (!any || cd->signed_on < *from)
			*from = cd->signed_on;
		if (!any || cd->last_data > *to)
			*to = cd->last_data;
		any = 1;
	}
	*from += 14;
	return any;
}

static int write_relationship_ratings(struct out *o, const struct demo *d,
				      struct buf *err)
{
	(void)err;
	for (size_t ci = 0; ci < ARRAY_SIZE(clients); ci++) {
		const struct demo_client *cl = &clients[ci];
		/* each client has an account director; the CEO rates too */
		const char *director = ci % 2 ? "P03" : "P02";
		const char *raters[3] = { director, "P01", director };
		day_t first, last;
		struct rng r;

		if (!client_span(d, cl->id, &first, &last))
			continue;
		rng_seed(&r, cl->id, RS_RATINGS);
		for (int y = 2023; y <= 2026; y++) {
			int level = cl->levels[y - 2023] - '0';
			day_t lo = max_day(date_from_ymd(y, 1, 1), first);
			day_t hi = min_day(date_from_ymd(y, 12, 31), last);
			int n = (int)rng_range(&r, 1, 3);

			if (!level || hi < lo)
				continue;
			while (n > 1 && hi - lo < 30 * n)
				n--;
			for (int i = 0; i < n; i++) {
				day_t on = lo + (hi - lo) * (2 * i + 1) / (2 * n);
				int v = level;

				if (rng_range(&r, 0, 3) == 0)
					v += rng_range(&r, 0, 1) ? 1 : -1;
				out_str(o, cl->id);
				out_day(o, on);
				out_int(o, clamp_rating(v));
				out_str(o, raters[i]);
				out_end(o);
			}
		}
	}
	return 0;
}

/* Is a reference of client on day of kind already written (the key of
 * references.csv)? The story's, and the routine ones of contracts before
 * contract `upto` (and of its years before `year`). */
static int reference_taken(const struct demo *d, const char *client_id, day_t day,
			   const char *kind, size_t upto, int year)
{
	for (size_t i = 0; i < ARRAY_SIZE(references); i++)
		if (!strcmp(references[i].client_id, client_id) &&
		    parse_day(references[i].date) == day && !strcmp(references[i].kind, kind))
			return 1;
	for (size_t i = 0; i <= upto && i < N_CONTRACTS; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			struct activity a;
			if (i == upto && y >= year)
				break;
			if (strcmp(contracts[i].client_id, client_id))
				continue;
			activity_of(d, i, y, &a);
			if (a.reference == day && !strcmp(a.reference_kind, kind))
				return 1;
		}
	return 0;
}

static int write_references(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(references); i++) {
		out_str(o, references[i].client_id);
		out_str(o, references[i].credited_contract_id);
		out_str(o, references[i].date);
		out_str(o, references[i].kind);
		out_str(o, references[i].referred_client_id);
		out_end(o);
	}
	for (size_t i = 0; i < N_CONTRACTS; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			const struct demo_contract *c = &contracts[i];
			struct activity a;
			activity_of(d, i, y, &a);
			if (!a.reference ||
			    reference_taken(d, c->client_id, a.reference, a.reference_kind, i, y))
				continue;
			out_str(o, c->client_id);
			out_str(o, c->id);
			out_day(o, a.reference);
			out_str(o, a.reference_kind);
			out_str(o, "");
			out_end(o);
		}
	return 0;
}

static int write_innovations(struct out *o, const struct demo *d, struct buf *err)
{
	(void)err;
	for (size_t i = 0; i < ARRAY_SIZE(innovations); i++) {
		const struct demo_innovation *in = &innovations[i];

		out_str(o, in->contract_id);
		out_str(o, in->date);
		out_str(o, in->kind);
		out_str(o, in->title);
		out_str(o, in->status);
		out_opt_int(o, in->annual_savings);
		out_opt_int(o, in->hours_saved);
		out_end(o);
	}
	for (size_t i = 0; i < N_CONTRACTS; i++)
		for (int y = ACTIVITY_FIRST_YEAR; y <= ACTIVITY_LAST_YEAR; y++) {
			const char *id = contracts[i].id;
			struct activity a;
			activity_of(d, i, y, &a);
			if (a.improvement) {
				out_str(o, id);
				out_day(o, a.improvement);
				out_str(o, "process_improvement");
				out_str(o, improvement_titles[a.improvement_title]);
				out_str(o, "deployed");
				out_int(o, a.savings);
				out_empty(o);
				out_end(o);
			}
			if (a.automation) {
				out_str(o, id);
				out_day(o, a.automation);
				out_str(o, "automation");
				out_str(o, automation_titles[a.automation_title]);
				out_str(o, "deployed");
				out_empty(o);
				out_int(o, a.hours_saved);
				out_end(o);
			}
			if (a.service_model) {
				out_str(o, id);
				out_day(o, a.service_model);
				out_str(o, "service_model");
				out_str(o, service_titles[a.service_title]);
				out_str(o, "proposed");
				out_empty(o);
				out_empty(o);
				out_end(o);
			}
		}
	return 0;
}

/* ---- the files, in SPEC §4 order ----------------------------------------- */

static const struct demo_file {
	const char *name, *header;
	int (*write)(struct out *o, const struct demo *d, struct buf *err);
} demo_files[] = {
	{ "org_units.csv", "id,name,kind,parent_id", write_org_units },
	{ "people.csv", "id,name,email,org_unit_id", write_people },
	{ "clients.csv", "id,name,industry,referred_by", write_clients },
	{ "contracts.csv", "id,client_id,service_line,signed_on,ramp_started_on,"
	  "staffed_on,go_live_on,end_on,annual_value,risk_tier,sales_owner,"
	  "ops_owner,planned_ramp_days,planned_stabilization_months,"
	  "parent_contract_id,renews_contract_id", write_contracts },
	{ "sla_metrics.csv", "contract_id,metric,name,direction,target,"
	  "initial_target,unit", write_sla_metrics },
	{ "sla_terms.csv", "contract_id,metric,minimum,expected,at_risk_pct,"
	  "allocation_pct,credit_rule,earn_back_months,burn_in_months", write_sla_terms },
	{ "measurements.csv", "contract_id,metric,date,numerator,denominator",
	  write_measurements },
	{ "readiness.csv", "contract_id,item,category,required,done_on",
	  write_readiness },
	{ "manual_ratings.csv", "contract_id,rated_on,rated_by,concreteness,"
	  "feasibility", write_manual_ratings },
	{ "handover.csv", "contract_id,item,accepted_on", write_handover },
	{ "scope_changes.csv", "contract_id,date,kind,note", write_scope_changes },
	{ "financials.csv", "contract_id,month,revenue,cost", write_financials },
	{ "expansions.csv", "contract_id,date,kind,added_annual_value",
	  write_expansions },
	{ "renewals.csv", "contract_id,due_on,outcome,new_annual_value",
	  write_renewals },
	{ "proposals.csv", "id,client_id,credited_contract_id,origin,title,"
	  "service_line,proposed_on,annual_value,status", write_proposals },
	{ "feasibility_reviews.csv", "proposal_id,reviewed_on,reviewer,verdict,"
	  "predicted_attainment,risk_tier,required_ramp_days,conditions",
	  write_reviews },
	{ "relationship_ratings.csv", "client_id,date,level,rated_by",
	  write_relationship_ratings },
	{ "references.csv", "client_id,credited_contract_id,date,kind,"
	  "referred_client_id", write_references },
	{ "innovations.csv", "contract_id,date,kind,title,status,annual_savings,"
	  "hours_saved", write_innovations },
};

int demo_write_csv(const char *dir, struct buf *err)
{
	struct demo *d = xmalloc(sizeof(*d));
	int ret = -1;

	if (demo_prepare(d, err) < 0)
		goto out;
	for (size_t i = 0; i < ARRAY_SIZE(demo_files); i++) {
		const struct demo_file *f = &demo_files[i];
		struct out o;
		int wrote;

		if (out_open(&o, dir, f->name, f->header, err) < 0)
			goto out;
		wrote = f->write(&o, d, err);
		if (out_close(&o, wrote < 0 ? NULL : err) < 0 || wrote < 0)
			goto out;
	}
	ret = 0;
out:
	xfree(d);
	return ret;
}

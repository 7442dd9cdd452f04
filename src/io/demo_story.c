/* SPDX-License-Identifier: MIT */
/* The story of the demo company (demo_story.h): the organization, clients,
 * contracts and every dated event are hand-written tables, so that the
 * story (who stabilizes late, who never does, which client referred which)
 * is fixed and documented. */
#include "io/demo_story.h"

const struct demo_unit demo_units[] = {
	{ "HQ", "한빛 BPO 경영진", "executive", "" },
	{ "SALES", "영업본부", "sales", "HQ" },
	{ "SALES-1", "영업1팀", "sales", "SALES" },
	{ "SALES-2", "영업2팀", "sales", "SALES" },
	{ "OPS", "운영본부", "operations", "HQ" },
	{ "OPS-SEOUL", "서울 센터", "operations", "OPS" },
	{ "OPS-BUSAN", "부산 센터", "operations", "OPS" },
};

/* P01 is the CEO, P02/P03 account directors; P12 and P16 lead the Seoul
 * and Busan centers; P20 heads sales and owns no contract; P21 heads
 * operations. */
const struct demo_person demo_people[] = {
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

/* Referral chains: CL01 → CL05 → CL13 → CL19 and CL04 → CL08 → CL18. */
const struct demo_client demo_clients[] = {
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

const struct metric_tpl demo_m_call_fcr = {
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

const struct metric_tpl *const demo_call_metrics[] = {
	&m_call_sl, &m_call_aht, &m_call_csat, &demo_m_call_fcr };

static const struct metric_tpl *const chat_metrics[] = {
	&m_chat_sl, &m_chat_aht, &m_chat_csat };

static const struct metric_tpl *const it_metrics[] = {
	&m_call_sl, &m_it_fcr, &m_it_csat };

static const struct metric_tpl *const bo_metrics[] = {
	&m_bo_tat, &m_bo_acc, &m_bo_aht };

const struct service_line demo_lines[] = {
	{ "콜센터", demo_call_metrics, 3, 100, 0 },
	{ "채팅상담", chat_metrics, 3, 80, 0 },
	{ "IT헬프데스크", it_metrics, 3, 50, 1 },
	{ "백오피스", bo_metrics, 3, 40, 1 },
};

const struct demo_contract demo_contracts[] = {
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


const struct demo_expansion demo_expansions[] = {
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

const struct demo_renewal demo_renewals[] = {
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

/* Sales proposals that were won name the contract they became; operations
 * proposals name the running contract whose team proposed the new work. */
const struct demo_proposal demo_proposals[] = {
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

/* PR10 was first judged infeasible, then conditional after the conditions
 * were agreed; PR44 (in review) has no review yet. */
const struct demo_review demo_reviews[] = {
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

/* CL12's referral names a prospect that is not (yet) a client. */
const struct demo_reference demo_references[] = {
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

const struct demo_innovation demo_innovations[] = {
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

const struct readiness_tpl demo_readiness_pool[] = {
	{ "상담석 및 PC 설치", "infra", 1 },
	{ "상담 채널 회선 개통", "infra", 1 },
	{ "CRM 계정 및 권한 설정", "system", 1 },
	{ "녹취·모니터링 시스템 연동", "system", 0 },
	{ "상담 인력 채용 완료", "staffing", 1 },
	{ "신입 상담사 업무 교육 이수", "training", 1 },
	{ "업무 매뉴얼 및 스크립트 확정", "manual", 1 },
	{ "보안 서약 및 개인정보 위탁 계약", "other", 0 },
};

const char *const demo_handover_pool[] = {
	"계약서 및 과업지시서",
	"SLA 합의서 및 측정 기준",
	"고객사 담당자 연락망",
	"단가 및 청구 기준",
	"업무 프로세스 정의서",
	"미결 이슈 및 리스크 목록",
};

/* Two notes carry a comma or quotes, so the files exercise RFC 4180. */
const struct scope_tpl demo_scope_pool[] = {
	{ "dispute", "야간 시간대 상담 범위 포함 여부 이견" },
	{ "out_of_scope", "이벤트 기간 아웃바운드 해피콜 추가 요청" },
	{ "out_of_scope", "VOC 월간 보고서 양식 변경 요청" },
	{ "dispute", "\"긴급 장애\" 정의 불일치로 SLA 적용 범위 분쟁" },
	{ "out_of_scope", "상담 채널 추가(카카오톡) 요청, 별도 견적 필요" },
	{ "dispute", "휴일 근무 단가 적용 기준 이견" },
	{ "dispute", "고객사 시스템 장애 시간의 SLA 제외 여부 분쟁" },
	{ "out_of_scope", "상품 변경에 따른 스크립트 전면 개편 요청" },
};

const size_t demo_n_units = sizeof demo_units / sizeof demo_units[0];
const size_t demo_n_people = sizeof demo_people / sizeof demo_people[0];
const size_t demo_n_clients = sizeof demo_clients / sizeof demo_clients[0];
const size_t demo_n_lines = sizeof demo_lines / sizeof demo_lines[0];
const size_t demo_n_contracts = sizeof demo_contracts / sizeof demo_contracts[0];
const size_t demo_n_expansions = sizeof demo_expansions / sizeof demo_expansions[0];
const size_t demo_n_renewals = sizeof demo_renewals / sizeof demo_renewals[0];
const size_t demo_n_proposals = sizeof demo_proposals / sizeof demo_proposals[0];
const size_t demo_n_reviews = sizeof demo_reviews / sizeof demo_reviews[0];
const size_t demo_n_references = sizeof demo_references / sizeof demo_references[0];
const size_t demo_n_innovations = sizeof demo_innovations / sizeof demo_innovations[0];
const size_t demo_n_readiness_pool = sizeof demo_readiness_pool / sizeof demo_readiness_pool[0];
const size_t demo_n_handover_pool = sizeof demo_handover_pool / sizeof demo_handover_pool[0];
const size_t demo_n_scope_pool = sizeof demo_scope_pool / sizeof demo_scope_pool[0];

_Static_assert(sizeof demo_contracts / sizeof demo_contracts[0] == DEMO_N_CONTRACTS,
	       "DEMO_N_CONTRACTS counts demo_contracts");
_Static_assert(sizeof demo_readiness_pool / sizeof demo_readiness_pool[0] == DEMO_N_READINESS_POOL,
	       "DEMO_N_READINESS_POOL counts demo_readiness_pool");

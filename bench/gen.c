/* SPDX-License-Identifier: MIT */
/* bench/gen: writes the SPEC §4 files at scale, deterministically, for the
 * benchmarks: N contracts (S 100, M 1,000, L 5,000 or --contracts N), each
 * with 4 SLA metrics and daily measurements over --years years (default 3)
 * ending 31 Dec 2026. Quality ramps up from go-live at a pace of its own
 * per contract, with incident months, so contracts stabilize in different
 * months or never; the same arguments always give the same bytes.
 * usage: gen [--scale S|M|L] [--contracts N] [--years Y] OUTDIR */
#include "domain/date.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A hash of (contract, month) that does not consume the sequence above,
 * so incidents fall on the same months whatever else is generated. */
static uint64_t month_hash(long contract, int month)
{
	uint64_t z = (uint64_t)contract * 0x9e3779b97f4a7c15ULL + (uint64_t)month * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int between(int lo, int hi)
{
	return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

int main(int argc, char **argv)
{
	long contracts = 100;
	int years = 3;
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--scale") && i + 1 < argc) {
			const char *s = argv[++i];
			if (!strcasecmp(s, "S"))
				contracts = 100;
			else if (!strcasecmp(s, "M"))
				contracts = 1000;
			else if (!strcasecmp(s, "L"))
				contracts = 5000;
			else {
				fprintf(stderr, "gen: unknown scale '%s' (S, M or L)\n", s);
				return 2;
			}
		} else if (!strcmp(argv[i], "--contracts") && i + 1 < argc) {
			contracts = strtol(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--years") && i + 1 < argc) {
			years = (int)strtol(argv[++i], NULL, 10);
		} else if (argv[i][0] != '-') {
			dir = argv[i];
		} else {
			fprintf(stderr, "usage: gen [--scale S|M|L] [--contracts N] [--years Y] OUTDIR\n");
			return 2;
		}
	}
	if (!dir || contracts < 1 || years < 1) {
		fprintf(stderr, "usage: gen [--scale S|M|L] [--contracts N] [--years Y] OUTDIR\n");
		return 2;
	}
	mkdir(dir, 0777);

	FILE *f = open_out(dir, "org_units.csv");
	fprintf(f, "id,name,kind,parent_id\nHQ,Headquarters,executive,\nS1,Sales 1,sales,HQ\n"
		"S2,Sales 2,sales,HQ\nO1,Center 1,operations,HQ\nO2,Center 2,operations,HQ\n");
	fclose(f);
	f = open_out(dir, "people.csv");
	fprintf(f, "id,name,email,org_unit_id\n");
	for (int p = 0; p < 40; p++)
		fprintf(f, "P%02d,Person %d,p%d@example.com,%s\n", p, p, p,
			p < 10 ? "S1" : p < 20 ? "S2" : p < 30 ? "O1" : "O2");
	fclose(f);
	f = open_out(dir, "clients.csv");
	fprintf(f, "id,name,industry,referred_by\n");
	long n_clients = contracts / 3 + 1;
	for (long c = 0; c < n_clients; c++)
		fprintf(f, "CL%05ld,Client %ld,telecom,\n", c, c);
	fclose(f);

	int first_year = 2026 - years + 1;
	day_t start = date_from_ymd(first_year, 1, 1);
	day_t end = date_from_ymd(2026, 12, 31);
	day_t *go_live = malloc((size_t)contracts * sizeof *go_live);
	int *ramp_days = malloc((size_t)contracts * sizeof *ramp_days);
	if (!go_live || !ramp_days) {
		fprintf(stderr, "gen: out of memory\n");
		return 1;
	}
	f = open_out(dir, "contracts.csv");
	fprintf(f, "id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,"
		"annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,"
		"planned_stabilization_months,parent_contract_id,renews_contract_id\n");
	for (long c = 0; c < contracts; c++) {
		char signed_on[11], ramp[11], staffed[11], live[11];
		/* Most contracts are live from the first day; a quarter start later,
		 * up to September of the last year, so that the last year has sales
		 * subjects (go-live in Y or Y-1) whose stabilization can be judged. */
		go_live[c] = c % 4 ? start : start + between(30, (int)(end - start) - 110);
		/* Days to reach full quality: most contracts settle in 2 to 12
		 * months; one in eight never gets AHT under target. */
		ramp_days[c] = c % 8 == 5 ? -1 : between(60, 360);
		date_format(go_live[c] - 60, signed_on);
		date_format(go_live[c] - 50, ramp);
		date_format(go_live[c] - 10, staffed);
		date_format(go_live[c], live);
		fprintf(f, "C%05ld,CL%05ld,call center,%s,%s,%s,%s,,%d000000,%s,P%02d,P%02d,45,3,,\n",
			c, c / 3, signed_on, ramp, staffed, live, between(100, 3000),
			c % 3 == 0 ? "low" : c % 3 == 1 ? "medium" : "high",
			(int)(c % 20), (int)(20 + c % 20));
	}
	fclose(f);

	static const char *const metrics[4][5] = {
		{ "SL", "service level", "higher", "0.8", "ratio" },
		{ "AHT", "average handle time", "lower", "300", "sec" },
		{ "CSAT", "satisfaction", "higher", "4.2", "score" },
		{ "FCR", "first contact resolution", "higher", "0.7", "ratio" },
	};
	f = open_out(dir, "sla_metrics.csv");
	fprintf(f, "contract_id,metric,name,direction,target,initial_target,unit\n");
	for (long c = 0; c < contracts; c++)
		for (int m = 0; m < 4; m++)
			fprintf(f, "C%05ld,%s,%s,%s,%s,,%s\n", c, metrics[m][0], metrics[m][1],
				metrics[m][2], metrics[m][3], metrics[m][4]);
	fclose(f);

	f = open_out(dir, "measurements.csv");
	fprintf(f, "contract_id,metric,date,numerator,denominator\n");
	uint64_t rows = 0;
	for (long c = 0; c < contracts; c++) {
		/* Contracts that go live later rehearse for 10 days before go-live;
		 * those days are stored but never scored (SPEC §5). */
		day_t from = go_live[c] > start ? go_live[c] - 10 : go_live[c];
		for (int m = 0; m < 4; m++) {
			for (day_t d = from; d <= end; d++) {
				char date[11];
				int calls = between(200, 3000);
				/* quality (per mille) ramps up from go-live over ramp_days;
				 * a troubled contract stays at 700 */
				long since = d < go_live[c] ? 0 : d - go_live[c];
				int q = ramp_days[c] < 0 ? (int)(since * 700 / 360 < 700 ? since * 700 / 360 : 700)
					: since >= ramp_days[c] ? 1000 : (int)(since * 1000 / ramp_days[c]);
				int y, mo, dd;
				date_to_ymd(d, &y, &mo, &dd);
				/* one month in twelve, an incident costs 12 points of SL */
				int incident = month_hash(c, y * 12 + mo) % 12 == 0 ? 12 : 0;
				date_format(d, date);
				switch (m) {
				case 0: fprintf(f, "C%05ld,SL,%s,%d,%d\n", c, date,
						calls * (66 + q / 50 + between(0, 8) - incident) / 100, calls); break;
				case 1: fprintf(f, "C%05ld,AHT,%s,%d,%d\n", c, date,
						calls * (340 - q / 20 + between(-20, 20)), calls); break;
				case 2: { int v = 36 + q * 9 / 1000 + between(0, 6);
					fprintf(f, "C%05ld,CSAT,%s,%d.%d,1\n", c, date, v / 10, v % 10); break; }
				default: fprintf(f, "C%05ld,FCR,%s,%d,%d\n", c, date,
						 calls * (58 + q * 16 / 1000 + between(0, 8)) / 100, calls); break;
				}
				rows++;
			}
		}
	}
	fclose(f);
	free(go_live);
	free(ramp_days);
	fprintf(stderr, "gen: %ld contracts, %llu measurement rows in %s\n", contracts,
		(unsigned long long)rows, dir);
	return 0;
}

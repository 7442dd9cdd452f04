/* SPDX-License-Identifier: MIT */
/* bench/gen: writes the SPEC §4 files at scale, deterministically, for the
 * benchmarks: N contracts (S 100, M 1,000, L 5,000 or --contracts N), each
 * with 4 SLA metrics and daily measurements over --years years (default 3).
 * usage: gen [--scale S|M|L] [--contracts N] [--years Y] OUTDIR */
#include "domain/date.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
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
			contracts = !strcmp(s, "L") ? 5000 : !strcmp(s, "M") ? 1000 : 100;
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
	f = open_out(dir, "contracts.csv");
	fprintf(f, "id,client_id,service_line,signed_on,ramp_started_on,staffed_on,go_live_on,end_on,"
		"annual_value,risk_tier,sales_owner,ops_owner,planned_ramp_days,"
		"planned_stabilization_months,parent_contract_id,renews_contract_id\n");
	for (long c = 0; c < contracts; c++) {
		char signed_on[11], ramp[11], staffed[11], live[11];
		/* Most contracts are live from the first day; a quarter start later. */
		go_live[c] = c % 4 ? start : start + between(30, 700);
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
		for (int m = 0; m < 4; m++) {
			for (day_t d = go_live[c]; d <= end; d++) {
				char date[11];
				int calls = between(200, 3000);
				/* quality ramps up over the first 90 days */
				int ramp = d - go_live[c] < 90 ? (int)(d - go_live[c]) : 90;
				date_format(d, date);
				switch (m) {
				case 0: fprintf(f, "C%05ld,SL,%s,%d,%d\n", c, date,
						calls * (70 + ramp / 6 + between(0, 10)) / 100, calls); break;
				case 1: fprintf(f, "C%05ld,AHT,%s,%d,%d\n", c, date,
						calls * (340 - ramp / 2 + between(-20, 20)), calls); break;
				case 2: fprintf(f, "C%05ld,CSAT,%s,%d.%d,1\n", c, date,
						between(3, 4), between(0, 9)); break;
				default: fprintf(f, "C%05ld,FCR,%s,%d,%d\n", c, date,
						 calls * (60 + ramp / 8 + between(0, 10)) / 100, calls); break;
				}
				rows++;
			}
		}
	}
	fclose(f);
	free(go_live);
	fprintf(stderr, "gen: %ld contracts, %llu measurement rows in %s\n", contracts,
		(unsigned long long)rows, dir);
	return 0;
}

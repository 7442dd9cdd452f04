/* SPDX-License-Identifier: MIT */
/* The SLA feed samples 'tandem demo --out DIR' writes into DIR/feeds: one
 * small file per format (docs/feeds.md) and the map that feeds the demo
 * company's contracts CT01 (SL, AHT) and CT14 (TAT) from it, so users see
 * what each vendor's export and a map look like. Each sample imports into
 * the demo store (tests/cli/feed.sh). */
#include "io/demo_gen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const struct { const char *name, *text; } samples[] = {
	{ "connect-metrics-v2.json",
	  "{\"MetricResults\": [{\"Dimensions\": {\"QUEUE\": \"arn:aws:connect:ap-northeast-2:111122223333:instance/demo/queue/ct01\"},\n"
	  "  \"MetricInterval\": {\"Interval\": \"FIFTEEN_MIN\", \"StartTime\": 1748822400, \"EndTime\": 1748823300},\n"
	  "  \"Collections\": [{\"Metric\": {\"Name\": \"CONTACTS_QUEUED\"}, \"Value\": 30},\n"
	  "                  {\"Metric\": {\"Name\": \"CONTACTS_HANDLED\"}, \"Value\": 28},\n"
	  "                  {\"Metric\": {\"Name\": \"CONTACTS_ABANDONED\"}, \"Value\": 2},\n"
	  "                  {\"Metric\": {\"Name\": \"CONTACTS_ABANDONED_IN_X\", \"Threshold\": [{\"Comparison\": \"LT\", \"ThresholdValue\": 5}]}, \"Value\": 1},\n"
	  "                  {\"Metric\": {\"Name\": \"SUM_CONTACTS_ANSWERED_IN_X\", \"Threshold\": [{\"Comparison\": \"LT\", \"ThresholdValue\": 20}]}, \"Value\": 24},\n"
	  "                  {\"Metric\": {\"Name\": \"AVG_HANDLE_TIME\"}, \"Value\": 292.5},\n"
	  "                  {\"Metric\": {\"Name\": \"AVG_QUEUE_ANSWER_TIME\"}, \"Value\": 11}]}]}\n" },
	{ "connect-metrics-v2.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"service_level\": {\"threshold_seconds\": 20, \"abandons\": \"negative\", \"short_abandon_seconds\": 5},\n"
	  " \"queues\": [{\"source_id\": \"arn:aws:connect:ap-northeast-2:111122223333:instance/demo/queue/ct01\", \"contract_id\": \"CT01\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	{ "cxone-skills.json",
	  "{\"skillSummaries\": [{\"skillId\": 4501, \"skillName\": \"CT01 inbound\",\n"
	  "  \"startDate\": \"2025-06-02T00:00:00+09:00\", \"endDate\": \"2025-06-03T00:00:00+09:00\",\n"
	  "  \"contactsOffered\": 1180, \"contactsHandled\": 1130, \"abandonCount\": 50, \"shortAbandonCount\": 12,\n"
	  "  \"contactsWithinSLA\": 950, \"averageHandleTime\": \"PT4M55S\", \"averageSpeedToAnswer\": \"PT14S\"}]}\n" },
	{ "cxone-skills.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"service_level\": {\"threshold_seconds\": 20, \"abandons\": \"negative\", \"short_abandon_seconds\": 5},\n"
	  " \"queues\": [{\"source_id\": 4501, \"contract_id\": \"CT01\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	{ "genesys-aggregates.json",
	  "{\"results\": [{\"group\": {\"queueId\": \"5c1d2a7e-3f4b-4c6d-8e9f-0a1b2c3d4e5f\", \"mediaType\": \"voice\"},\n"
	  "  \"data\": [\n"
	  "   {\"interval\": \"2025-06-02T00:00:00.000Z/2025-06-02T00:30:00.000Z\",\n"
	  "    \"metrics\": [{\"metric\": \"nOffered\", \"stats\": {\"count\": 42}},\n"
	  "                {\"metric\": \"tAnswered\", \"stats\": {\"count\": 40, \"sum\": 480000}},\n"
	  "                {\"metric\": \"tAbandon\", \"stats\": {\"count\": 2}},\n"
	  "                {\"metric\": \"tShortAbandon\", \"stats\": {\"count\": 1}},\n"
	  "                {\"metric\": \"tHandle\", \"stats\": {\"count\": 40, \"sum\": 11800000}},\n"
	  "                {\"metric\": \"oServiceLevel\", \"stats\": {\"numerator\": 34, \"denominator\": 41}}]},\n"
	  "   {\"interval\": \"2025-06-02T00:30:00.000Z/2025-06-02T01:00:00.000Z\",\n"
	  "    \"metrics\": [{\"metric\": \"nOffered\", \"stats\": {\"count\": 55}},\n"
	  "                {\"metric\": \"tAnswered\", \"stats\": {\"count\": 52, \"sum\": 728000}},\n"
	  "                {\"metric\": \"tAbandon\", \"stats\": {\"count\": 3}},\n"
	  "                {\"metric\": \"tHandle\", \"stats\": {\"count\": 52, \"sum\": 15912000}},\n"
	  "                {\"metric\": \"oServiceLevel\", \"stats\": {\"numerator\": 43, \"denominator\": 55}}]}]}]}\n" },
	{ "genesys-aggregates.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"service_level\": {\"threshold_seconds\": 20, \"abandons\": \"negative\", \"short_abandon_seconds\": 5},\n"
	  " \"queues\": [{\"source_id\": \"5c1d2a7e-3f4b-4c6d-8e9f-0a1b2c3d4e5f\", \"contract_id\": \"CT01\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	{ "intervals.csv",
	  "시간,큐,인입호,응답호,서비스레벨호,포기호,단순포기호,처리호,처리시간,응답대기시간,서비스레벨\n"
	  "2025-06-02 09:00,CT01-인바운드,120,115,98,5,1,115,09:25:00,00:23:00,81.7%\n"
	  "2025-06-02 09:30,CT01-인바운드,134,130,109,4,0,130,10:40:00,00:26:00,81.3%\n" },
	{ "intervals.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"service_level\": {\"threshold_seconds\": 20, \"abandons\": \"negative\", \"short_abandon_seconds\": 5},\n"
	  " \"queues\": [{\"source_id\": \"CT01-인바운드\", \"contract_id\": \"CT01\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	{ "servicenow-task-sla.csv",
	  "task,sla,stage,has_breached,start_time,end_time,task.assignment_group\n"
	  "TASK0020001,Back office 4 hour,completed,false,2025-06-02 09:00:00,2025-06-02 11:30:00,CT14 Back Office\n"
	  "TASK0020002,Back office 4 hour,completed,true,2025-06-02 09:10:00,2025-06-02 14:20:00,CT14 Back Office\n"
	  "TASK0020003,Back office 4 hour,in_progress,false,2025-06-02 15:00:00,,CT14 Back Office\n" },
	{ "servicenow-task-sla.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"queues\": [{\"source_id\": \"CT14 Back Office\", \"contract_id\": \"CT14\", \"metrics\": {\"TAT\": \"ticket_sla\"}}]}\n" },
	{ "ucce-interval.csv",
	  "DateTime,CallTypeID,ServiceLevelCalls,ServiceLevelCallsOffered,ServiceLevelAband,CallsHandled,CallsAnswered,HandleTime,AnswerWaitTime,TotalCallsAband,ShortCalls\n"
	  "2025-06-02 09:00:00,5001,40,48,2,45,45,13275,495,3,1\n"
	  "2025-06-02 09:15:00,5001,44,51,1,49,49,14210,588,2,0\n" },
	{ "ucce-interval.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"service_level\": {\"threshold_seconds\": 20, \"abandons\": \"negative\", \"short_abandon_seconds\": 5},\n"
	  " \"queues\": [{\"source_id\": \"5001\", \"contract_id\": \"CT01\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\"}}]}\n" },
	{ "zendesk-sla.json",
	  "{\"ticket_metric_events\": [\n"
	  "  {\"id\": 1, \"ticket_id\": 9001, \"metric\": \"reply_time\", \"instance_id\": 1, \"type\": \"apply_sla\", \"time\": \"2025-06-02T00:00:00Z\",\n"
	  "   \"sla\": {\"target\": 120, \"business_hours\": false, \"policy\": {\"id\": 360001, \"title\": \"CT14 back office\"}}},\n"
	  "  {\"id\": 2, \"ticket_id\": 9001, \"metric\": \"reply_time\", \"instance_id\": 1, \"type\": \"fulfill\", \"time\": \"2025-06-02T01:10:00Z\"},\n"
	  "  {\"id\": 3, \"ticket_id\": 9002, \"metric\": \"reply_time\", \"instance_id\": 1, \"type\": \"apply_sla\", \"time\": \"2025-06-02T00:30:00Z\",\n"
	  "   \"sla\": {\"target\": 120, \"business_hours\": false, \"policy\": {\"id\": 360001, \"title\": \"CT14 back office\"}}},\n"
	  "  {\"id\": 4, \"ticket_id\": 9002, \"metric\": \"reply_time\", \"instance_id\": 1, \"type\": \"breach\", \"time\": \"2025-06-02T02:30:00Z\"},\n"
	  "  {\"id\": 5, \"ticket_id\": 9002, \"metric\": \"reply_time\", \"instance_id\": 1, \"type\": \"fulfill\", \"time\": \"2025-06-02T03:00:00Z\"}]}\n" },
	{ "zendesk-sla.map.json",
	  "{\"timezone\": \"Asia/Seoul\",\n"
	  " \"queues\": [{\"source_id\": 360001, \"contract_id\": \"CT14\", \"metrics\": {\"TAT\": \"ticket_sla\"}}]}\n" },
};

int demo_write_feeds(const char *dir, struct buf *err)
{
	struct buf path = BUF_INIT;
	int rc = -1;
	buf_addf(&path, "%s/feeds", dir);
	if (mkdir(path.data, 0777) && errno != EEXIST) {
		buf_addf(err, "cannot create '%s': %s", path.data, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		FILE *f;
		buf_reset(&path);
		buf_addf(&path, "%s/feeds/%s", dir, samples[i].name);
		f = fopen(path.data, "w");
		if (!f || fputs(samples[i].text, f) == EOF) {
			buf_addf(err, "cannot write '%s': %s", path.data, strerror(errno));
			if (f)
				fclose(f);
			goto out;
		}
		if (fclose(f)) {
			buf_addf(err, "cannot write '%s': %s", path.data, strerror(errno));
			goto out;
		}
	}
	rc = 0;
out:
	buf_release(&path);
	return rc;
}

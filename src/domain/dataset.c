/* SPDX-License-Identifier: MIT */
/* Releasing a struct dataset and everything it owns. */
#include "domain/dataset.h"

#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

#define FREE_EACH(arr, n, field) \
	do { for (size_t i_ = 0; i_ < (n); i_++) xfree((arr)[i_].field); } while (0)

void dataset_free(struct dataset *ds)
{
	FREE_EACH(ds->units, ds->n_units, id);
	FREE_EACH(ds->units, ds->n_units, name);
	FREE_EACH(ds->people, ds->n_people, id);
	FREE_EACH(ds->people, ds->n_people, name);
	FREE_EACH(ds->people, ds->n_people, email);
	FREE_EACH(ds->clients, ds->n_clients, id);
	FREE_EACH(ds->clients, ds->n_clients, name);
	FREE_EACH(ds->clients, ds->n_clients, industry);
	FREE_EACH(ds->contracts, ds->n_contracts, id);
	FREE_EACH(ds->contracts, ds->n_contracts, service_line);
	FREE_EACH(ds->sla_metrics, ds->n_sla_metrics, metric);
	FREE_EACH(ds->sla_metrics, ds->n_sla_metrics, name);
	FREE_EACH(ds->sla_metrics, ds->n_sla_metrics, unit);
	FREE_EACH(ds->readiness, ds->n_readiness, item);
	FREE_EACH(ds->handover, ds->n_handover, item);
	FREE_EACH(ds->scope_changes, ds->n_scope_changes, note);
	FREE_EACH(ds->proposals, ds->n_proposals, id);
	FREE_EACH(ds->proposals, ds->n_proposals, title);
	FREE_EACH(ds->proposals, ds->n_proposals, service_line);
	FREE_EACH(ds->feasibility_reviews, ds->n_feasibility_reviews, conditions);
	FREE_EACH(ds->innovations, ds->n_innovations, title);
	xfree(ds->units); xfree(ds->people); xfree(ds->clients); xfree(ds->contracts);
	xfree(ds->sla_metrics); xfree(ds->sla_terms); xfree(ds->metric_months); xfree(ds->readiness);
	xfree(ds->manual_ratings); xfree(ds->handover); xfree(ds->scope_changes);
	xfree(ds->financials); xfree(ds->expansions); xfree(ds->renewals);
	xfree(ds->proposals); xfree(ds->feasibility_reviews);
	xfree(ds->relationship_ratings); xfree(ds->references); xfree(ds->innovations);
	memset(ds, 0, sizeof *ds);
}

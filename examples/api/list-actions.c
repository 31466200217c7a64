/* list-actions: a small program built on libsendkit. It loads a strategy
 * file and prints each area's actions with their lead, timescale and cost.
 *
 *   cc list-actions.c $(pkg-config --cflags --libs sendkit) -o list-actions
 *   ./list-actions holy-trinity-2023-24.yaml
 */
#include <stdio.h>
#include <stdlib.h>

#include <sendkit/sendkit.h>

static void print_diagnostics(const sk_diags *diags)
{
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);
		fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", d->file, d->pos.line, d->pos.col,
			sk_severity_name(d->severity), d->message, d->rule);
	}
}

static void print_actions(const sk_strategy *s)
{
	printf("%s (URN %s), %s\n", s->school.name.s ? s->school.name.s : "?",
	       s->school.urn.s ? s->school.urn.s : "?", s->year.s ? s->year.s : "?");
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &s->areas[a];
		printf("\n%s\n", sk_area_label((sk_area)a));
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_strategy_action *act = &area->actions[i];
			char cost[32] = "?";
			if (act->cost.valid)
				sk_money_format(cost, sizeof(cost), act->cost.pence);
			printf("  - %s\n    lead: %s; when: %s; cost: %s\n",
			       act->action.s ? act->action.s : "(no action)",
			       act->lead.s ? act->lead.s : "(no lead)",
			       act->timescale.text.s ? act->timescale.text.s : "(no timescale)",
			       cost);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: list-actions STRATEGY.yaml\n");
		return 2;
	}
	FILE *fp = fopen(argv[1], "rb");
	if (!fp) {
		perror(argv[1]);
		return 2;
	}
	char *bytes;
	size_t len;
	int rc = sk_read_stream(&bytes, &len, fp, 64u << 20);
	fclose(fp);
	if (rc != SK_OK) {
		fprintf(stderr, "%s: %s\n", argv[1], sk_strerror(rc));
		return 2;
	}

	sk_diags *diags = sk_diags_new();
	sk_strategy *strategy = NULL;
	rc = sk_strategy_load(&strategy, bytes, len, argv[1], diags);
	print_diagnostics(diags);
	if (strategy)
		print_actions(strategy);

	int status = rc == SK_OK && sk_diags_count_severity(diags, SK_ERROR) == 0 ? 0 : 1;
	sk_strategy_free(strategy);
	sk_diags_free(diags);
	free(bytes);
	return status;
}

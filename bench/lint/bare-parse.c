/* bare-parse: the floor for the action-lint benchmark. Reads each file named
 * and runs libyaml's parser over it to the end, building nothing. Prints
 * how many files and events it saw.
 *
 *     bare-parse FILE... */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

static int parse(const char *path, unsigned long *events)
{
	static unsigned char buf[1 << 22];
	FILE *f = fopen(path, "rb");
	yaml_parser_t parser;
	yaml_event_t event;
	size_t len;
	int done = 0, ok = 1;

	if (!f) {
		perror(path);
		return 1;
	}
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			ok = 0;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		++*events;
	}
	yaml_parser_delete(&parser);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	unsigned long events = 0;
	int bad = 0;

	for (int i = 1; i < argc; i++)
		bad += parse(argv[i], &events);
	printf("%d files, %lu events, %d with errors\n", argc - 1, events, bad);
	return bad ? 1 : 0;
}

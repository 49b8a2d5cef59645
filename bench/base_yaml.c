/* SPDX-License-Identifier: GPL-3.0-or-later */
/* base_yaml.c - benchmark baseline: the least any YAML bank loader must do.
 * Reads the file into memory (as examgen does) and runs libyaml's event
 * parser over it, building nothing.  Prints the number of events.
 *
 *   base_yaml FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

/* Read a whole file into a malloc'd buffer; NULL on error. */
static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	long size;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc((size_t)size + 1);
	if (!buf)
		goto out;
	if (fread(buf, 1, (size_t)size, fp) != (size_t)size) {
		free(buf);
		buf = NULL;
		goto out;
	}
	*len = (size_t)size;
out:
	fclose(fp);
	return buf;
}

/* Parse the file given as the only argument; exit 1 on any error. */
int main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	unsigned char *buf;
	size_t len = 0, events = 0;
	int done = 0, rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: base_yaml FILE\n");
		return 2;
	}
	buf = read_all(argv[1], &len);
	if (!buf) {
		fprintf(stderr, "base_yaml: cannot read '%s'\n", argv[1]);
		return 1;
	}
	if (!yaml_parser_initialize(&parser))
		goto out_buf;
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "base_yaml: parse error\n");
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	printf("%zu events\n", events);
	rc = 0;
out:
	yaml_parser_delete(&parser);
out_buf:
	free(buf);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ywrite.h - writing YAML: the one double-quoted string writer of the keys
 * and answer sheets examgen prints. */
#ifndef EXAMGEN_YAML_YWRITE_H
#define EXAMGEN_YAML_YWRITE_H

#include <stdio.h>

/* Write s (NULL: empty) to fp as a double-quoted YAML string: '"' and '\'
 * escaped with '\', line feeds and tabs as \n and \t, other control
 * characters as \xNN; every other byte as it is. */
void ywrite_quoted(FILE *fp, const char *s);

#endif

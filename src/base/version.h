/* SPDX-License-Identifier: GPL-3.0-or-later */
/* version.h - the version of examgen, printed by --version and written into
 * the generator tag of HTML papers (debian/changelog carries the same). */
#ifndef EXAMGEN_BASE_VERSION_H
#define EXAMGEN_BASE_VERSION_H

#define EXAMGEN_VERSION "0.1.0"

#endif

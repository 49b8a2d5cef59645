/* SPDX-License-Identifier: GPL-3.0-or-later */
/* script.h - the two scripts of written Chinese and converting a paper's
 * bank text into the script of its template with OpenCC.  A template's
 * `language` names the script of everything written; a bank's names the
 * script its text is in (default zh-Hans).  Only text in the other script
 * is converted: OpenCC's converters are made for text of their source
 * script and rewrite some characters of the other (了解 -> 瞭解). */
#ifndef EXAMGEN_PAPER_SCRIPT_H
#define EXAMGEN_PAPER_SCRIPT_H

#include "base/diag.h"
#include "paper/paper.h"

enum script { SCRIPT_NONE, SCRIPT_HANS, SCRIPT_HANT };

/* Script of a template's language: zh, zh-Hans -> SCRIPT_HANS, zh-Hant ->
 * SCRIPT_HANT, en -> SCRIPT_NONE; -1 for anything else. */
int script_of_template_language(const char *lang);
/* Script of a bank's declared language: none declared is zh-Hans; zh-Hans,
 * zh-CN, zh-SG, zh and zh-Hant, zh-TW, zh-HK, zh-MO by their script; any
 * other language (en, ...) is SCRIPT_NONE and never converted. */
enum script script_of_bank_language(const char *lang);
/* The canonical tag of a script: "zh-Hans", "zh-Hant" or "en". */
const char *script_tag(enum script s);
/* Text converted into script s (SCRIPT_HANS or SCRIPT_HANT), malloc'd (the
 * caller frees it), or NULL with one error in d: OpenCC's data cannot be
 * loaded (a system error) or no memory. */
char *script_convert(enum script s, const char *text, struct diags *d);
/* Convert the drawn questions of p whose bank is in the other script into
 * the script of p's template: each becomes a converted copy in the
 * paper's arena (one per question, shared by the forms), belonging to a
 * copy of its bank that declares the paper's script.  Returns 0, or -1
 * with one error in d: OpenCC's data cannot be loaded (a system error) or
 * no memory. */
int script_convert_paper(struct paper *p, struct diags *d);
/* Convert the title, section titles and instructions of t that are in the
 * other script into its language's (a zh-Hans template's text always goes
 * through t2s, which leaves Simplified text as it is; a zh-Hant template's
 * text only when it has no Traditional character).  Before assembly; 0,
 * or -1 with one error in d as above. */
int script_convert_template(struct template *t, struct diags *d);

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* review-format.h - the review workbook (review.xlsx) as a format: the
 * worksheet of doubtful marks and the headers of the columns by which a
 * decision is found again.  `examgen scan --review` writes it
 * (scan/scan-review.h); `examgen grade` reads the decisions back
 * (grade/read-review.h). */
#ifndef EXAMGEN_PAPER_REVIEW_FORMAT_H
#define EXAMGEN_PAPER_REVIEW_FORMAT_H

#define REVIEW_SHEET "\xE5\xBE\x85\xE5\xA4\x8D\xE6\xA0\xB8"	/* 待复核 */
#define REVIEW_ID "\xE8\x80\x83\xE7\x94\x9F\xE7\xBC\x96\xE5\x8F\xB7" /* 考生编号 */
#define REVIEW_COLUMN "\xE9\xA2\x98\xE5\x8F\xB7"		/* 题号 */
#define REVIEW_DECISION "\xE5\xA4\x8D\xE6\xA0\xB8\xE7\xBB\x93\xE6\x9E\x9C" /* 复核结果 */
/* the same in Traditional script (a zh-Hant paper's workbook) */
#define REVIEW_SHEET_HANT "待複核"
#define REVIEW_ID_HANT "考生編號"
#define REVIEW_COLUMN_HANT "題號"
#define REVIEW_DECISION_HANT "複核結果"

#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check_fileio.c - whole-file reads, atomic outputs, refusing overwrites,
 * failure paths (read-only folder, full disk) and mkdir -p. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "lib/tmptree.h"

static char tmpdir[TMPTREE_MAX];

/* A fresh folder for each test. */
static void setup(void)
{
	tmptree_make(tmpdir, "check_fileio");
}

/* Remove the test folder. */
static void teardown(void)
{
	tmptree_remove(tmpdir);
}

/* Path of name inside the test folder (malloc'd). */
static char *tpath(const char *name)
{
	char *p = fileio_join(tmpdir, name);

	ck_assert_ptr_nonnull(p);
	return p;
}

/* Assert that path holds exactly want. */
static void expect_content(const char *path, const char *want)
{
	char *buf = NULL;
	size_t len = 0;

	ck_assert_int_eq(fileio_read(path, 1 << 20, &buf, &len), FILEIO_OK);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(buf, want);
	free(buf);
}

/* Number of entries in dir other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

START_TEST(test_read_file)
{
	char *p = tpath("in.txt"), *buf = NULL;
	size_t len = 0;

	tmptree_put(p, "hello\nworld");
	ck_assert_int_eq(fileio_read(p, 100, &buf, &len), FILEIO_OK);
	ck_assert_uint_eq(len, 11);
	ck_assert_int_eq(buf[11], '\0');
	ck_assert_str_eq(buf, "hello\nworld");
	free(buf);
	/* exactly at the limit is fine, one byte over is not */
	ck_assert_int_eq(fileio_read(p, 11, &buf, &len), FILEIO_OK);
	free(buf);
	buf = NULL;
	ck_assert_int_eq(fileio_read(p, 10, &buf, &len), FILEIO_TOOBIG);
	ck_assert_ptr_null(buf);
	/* an empty file */
	tmptree_put(p, "");
	ck_assert_int_eq(fileio_read(p, 0, &buf, &len), FILEIO_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(buf, "");
	free(buf);
	free(p);
}
END_TEST

START_TEST(test_read_errors)
{
	char *p = tpath("missing.csv"), *q = tpath("missing/x.csv");
	char *buf = NULL;
	size_t len;

	ck_assert_int_eq(fileio_read(p, 100, &buf, &len), FILEIO_ENOENT);
	ck_assert_int_eq(fileio_read(q, 100, &buf, &len), FILEIO_ENOENT);
	errno = 0;
	ck_assert_int_eq(fileio_read(tmpdir, 100, &buf, &len), FILEIO_EIO);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_ptr_null(buf);
	free(p);
	free(q);
}
END_TEST

/* Read "-" with stdin replaced by the file at path. */
static enum fileio_err read_stdin_from(const char *path, size_t limit,
				       char **buf, size_t *len)
{
	int saved = dup(STDIN_FILENO), fd = open(path, O_RDONLY);
	enum fileio_err e;

	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
	close(fd);
	e = fileio_read("-", limit, buf, len);
	ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
	close(saved);
	return e;
}

START_TEST(test_read_stdin)
{
	char *p = tpath("stdin.csv"), *buf = NULL, *big;
	size_t len = 0, n = 200000;
	FILE *fp;

	/* bigger than one read chunk, so the buffer grows */
	big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[n] = '\0';
	fp = fopen(p, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(big, 1, n, fp), n);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(read_stdin_from(p, n, &buf, &len), FILEIO_OK);
	ck_assert_uint_eq(len, n);
	ck_assert_int_eq(memcmp(buf, big, n), 0);
	ck_assert_int_eq(buf[n], '\0');
	free(buf);
	buf = NULL;
	ck_assert_int_eq(read_stdin_from(p, n - 1, &buf, &len),
			 FILEIO_TOOBIG);
	ck_assert_ptr_null(buf);
	free(big);
	free(p);
}
END_TEST

START_TEST(test_write_commit)
{
	char *p = tpath("out.csv");
	struct outfile o;
	struct stat st;

	umask(022);
	ck_assert_int_eq(outfile_open(&o, p, false), FILEIO_OK);
	ck_assert_ptr_nonnull(o.fp);
	ck_assert_ptr_nonnull(o.tmp);
	ck_assert_ptr_nonnull(strstr(o.tmp, "/.out.csv."));
	/* nothing at the destination until commit */
	ck_assert(!fileio_exists(p));
	ck_assert_int_gt(fprintf(o.fp, "a,b\n1,2\n"), 0);
	ck_assert_int_eq(outfile_commit(&o), FILEIO_OK);
	ck_assert_ptr_null(o.fp);
	ck_assert_ptr_null(o.tmp);
	expect_content(p, "a,b\n1,2\n");
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(count_entries(tmpdir), 1);
	/* the umask is respected */
	umask(077);
	free(p);
	p = tpath("private.csv");
	ck_assert_int_eq(fileio_write(p, "x", 1, false), FILEIO_OK);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	umask(022);
	free(p);
}
END_TEST

START_TEST(test_refuse_overwrite)
{
	char *p = tpath("report.csv");
	struct outfile o;

	tmptree_put(p, "old\n");
	ck_assert_int_eq(outfile_open(&o, p, false), FILEIO_EXISTS);
	ck_assert_ptr_null(o.fp);
	ck_assert_int_eq(fileio_write(p, "new\n", 4, false), FILEIO_EXISTS);
	expect_content(p, "old\n");
	ck_assert_int_eq(count_entries(tmpdir), 1);
	/* an output in place of a dangling link is refused as well */
	free(p);
	p = tpath("link.csv");
	ck_assert_int_eq(symlink("nowhere", p), 0);
	ck_assert_int_eq(fileio_write(p, "x", 1, false), FILEIO_EXISTS);
	free(p);
}
END_TEST

START_TEST(test_refuse_at_commit)
{
	char *p = tpath("race.csv");
	struct outfile o;

	ck_assert_int_eq(outfile_open(&o, p, false), FILEIO_OK);
	ck_assert_int_gt(fprintf(o.fp, "ours\n"), 0);
	/* someone else creates the destination meanwhile */
	tmptree_put(p, "theirs\n");
	ck_assert_int_eq(outfile_commit(&o), FILEIO_EXISTS);
	expect_content(p, "theirs\n");
	ck_assert_int_eq(count_entries(tmpdir), 1);
	outfile_abort(&o);	/* harmless after a failed commit */
	free(p);
}
END_TEST

START_TEST(test_batch)
{
	char *a = tpath("a.txt"), *b = tpath("b.txt"), *c = tpath("c.txt");
	struct outbatch batch;
	struct outfile o;
	const char *failed;

	/* nothing appears until the whole batch is committed */
	outbatch_init(&batch);
	ck_assert_int_eq(outfile_open(&o, a, false), FILEIO_OK);
	fputs("one\n", o.fp);
	ck_assert_int_eq(outbatch_add(&batch, &o), FILEIO_OK);
	ck_assert_ptr_null(o.fp);
	ck_assert_int_eq(outfile_open(&o, b, false), FILEIO_OK);
	fputs("two\n", o.fp);
	ck_assert_int_eq(outbatch_add(&batch, &o), FILEIO_OK);
	ck_assert(!fileio_exists(a));
	ck_assert_int_eq(count_entries(tmpdir), 2);
	ck_assert_int_eq(outbatch_commit(&batch, &failed), FILEIO_OK);
	outbatch_release(&batch);
	expect_content(a, "one\n");
	expect_content(b, "two\n");
	ck_assert_int_eq(count_entries(tmpdir), 2);

	/* released without commit: no output and no temporary file left */
	outbatch_init(&batch);
	ck_assert_int_eq(outfile_open(&o, c, false), FILEIO_OK);
	fputs("three\n", o.fp);
	ck_assert_int_eq(outbatch_add(&batch, &o), FILEIO_OK);
	outbatch_release(&batch);
	ck_assert(!fileio_exists(c));
	ck_assert_int_eq(count_entries(tmpdir), 2);

	/* a destination that appears meanwhile is not replaced; the rest of
	 * the batch is removed */
	outbatch_init(&batch);
	ck_assert_int_eq(outfile_open(&o, c, false), FILEIO_OK);
	fputs("ours\n", o.fp);
	ck_assert_int_eq(outbatch_add(&batch, &o), FILEIO_OK);
	tmptree_put(c, "theirs\n");
	ck_assert_int_eq(outbatch_commit(&batch, &failed), FILEIO_EXISTS);
	ck_assert_str_eq(failed, c);
	outbatch_release(&batch);
	expect_content(c, "theirs\n");
	ck_assert_int_eq(count_entries(tmpdir), 3);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_force)
{
	char *p = tpath("report.csv");
	struct outfile o;

	tmptree_put(p, "old\n");
	ck_assert_int_eq(outfile_open(&o, p, true), FILEIO_OK);
	ck_assert_int_gt(fprintf(o.fp, "new\n"), 0);
	ck_assert_int_eq(outfile_commit(&o), FILEIO_OK);
	expect_content(p, "new\n");
	ck_assert_int_eq(fileio_write(p, "newer\n", 6, true), FILEIO_OK);
	expect_content(p, "newer\n");
	ck_assert_int_eq(count_entries(tmpdir), 1);
	free(p);
}
END_TEST

START_TEST(test_unwritable_folder)
{
	struct outfile o;

	if (geteuid() != 0) {
		char *ro = tpath("ro"), *p;

		ck_assert_int_eq(mkdir(ro, 0755), 0);
		p = fileio_join(ro, "report.csv");
		ck_assert_ptr_nonnull(p);
		tmptree_put(p, "old\n");
		ck_assert_int_eq(chmod(ro, 0555), 0);
		errno = 0;
		ck_assert_int_eq(outfile_open(&o, p, true), FILEIO_EIO);
		ck_assert_int_eq(errno, EACCES);
		ck_assert_ptr_null(o.fp);
		expect_content(p, "old\n");
		ck_assert_int_eq(count_entries(ro), 1);
		chmod(ro, 0755);
		free(p);
		free(ro);
	} else {
		/* root ignores permissions: use a folder that is not there */
		char *p = tpath("no/such/folder/report.csv");

		errno = 0;
		ck_assert_int_eq(outfile_open(&o, p, true), FILEIO_ENOENT);
		ck_assert_int_eq(errno, ENOENT);
		ck_assert_ptr_null(o.fp);
		ck_assert_ptr_null(o.tmp);
		ck_assert_int_eq(count_entries(tmpdir), 0);
		free(p);
	}
}
END_TEST

START_TEST(test_disk_full)
{
	char *p = tpath("full.csv");
	struct outfile o;
	int full = open("/dev/full", O_WRONLY);

	if (full < 0)
		return;	/* no /dev/full here: nothing to simulate with */
	tmptree_put(p, "old\n");
	ck_assert_int_eq(outfile_open(&o, p, true), FILEIO_OK);
	ck_assert_int_gt(fprintf(o.fp, "new data\n"), 0);
	/* the temporary file's descriptor now points at a full disk */
	ck_assert_int_ge(dup2(full, fileno(o.fp)), 0);
	close(full);
	errno = 0;
	ck_assert_int_eq(outfile_commit(&o), FILEIO_EIO);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(o.err, ENOSPC);
	expect_content(p, "old\n");
	ck_assert_int_eq(count_entries(tmpdir), 1);
	free(p);
}
END_TEST

START_TEST(test_write_error_seen)
{
	char *p = tpath("err.csv");
	struct outfile o;
	int full = open("/dev/full", O_WRONLY);

	if (full < 0)
		return;
	/* an error already hit by a write (unbuffered stream) is not lost */
	ck_assert_int_eq(outfile_open(&o, p, false), FILEIO_OK);
	setvbuf(o.fp, NULL, _IONBF, 0);
	ck_assert_int_ge(dup2(full, fileno(o.fp)), 0);
	close(full);
	ck_assert_int_lt(fprintf(o.fp, "x\n"), 0);
	ck_assert_int_eq(outfile_commit(&o), FILEIO_EIO);
	ck_assert(!fileio_exists(p));
	ck_assert_int_eq(count_entries(tmpdir), 0);
	free(p);
}
END_TEST

START_TEST(test_stdout)
{
	char *p = tpath("stdout.txt");
	int saved = dup(STDOUT_FILENO), fd;
	struct outfile o;

	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(fflush(stdout), 0);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(dup2(fd, STDOUT_FILENO), 0);
	close(fd);
	ck_assert_int_eq(outfile_open(&o, "-", false), FILEIO_OK);
	ck_assert_ptr_eq(o.fp, stdout);
	ck_assert_ptr_null(o.tmp);
	ck_assert_int_gt(fprintf(o.fp, "to stdout\n"), 0);
	ck_assert_int_eq(outfile_commit(&o), FILEIO_OK);
	/* a full stdout is an error too */
	fd = open("/dev/full", O_WRONLY);
	if (fd >= 0) {
		ck_assert_int_ge(dup2(fd, STDOUT_FILENO), 0);
		close(fd);
		ck_assert_int_eq(outfile_open(&o, "-", false), FILEIO_OK);
		ck_assert_int_gt(fprintf(o.fp, "lost\n"), 0);
		ck_assert_int_eq(outfile_commit(&o), FILEIO_EIO);
		clearerr(stdout);
	}
	ck_assert_int_ge(dup2(saved, STDOUT_FILENO), 0);
	close(saved);
	expect_content(p, "to stdout\n");
	free(p);
}
END_TEST

START_TEST(test_abort)
{
	char *p = tpath("aborted.csv");
	struct outfile o;

	ck_assert_int_eq(outfile_open(&o, p, false), FILEIO_OK);
	ck_assert_int_gt(fprintf(o.fp, "half"), 0);
	ck_assert_int_eq(count_entries(tmpdir), 1);
	outfile_abort(&o);
	ck_assert_int_eq(count_entries(tmpdir), 0);
	outfile_abort(&o);
	ck_assert(!fileio_exists(p));
	free(p);
}
END_TEST

START_TEST(test_mkdirs)
{
	char *p = tpath("a/b/c"), *f = tpath("a/file"), *g = tpath("a/file/d");
	struct stat st;

	ck_assert_int_eq(fileio_mkdirs(p), 0);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(fileio_mkdirs(p), 0);	/* already there */
	free(p);
	p = tpath("a/b/c/");
	ck_assert_int_eq(fileio_mkdirs(p), 0);	/* trailing slash */
	tmptree_put(f, "x");
	errno = 0;
	ck_assert_int_eq(fileio_mkdirs(f), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	ck_assert_int_eq(fileio_mkdirs(g), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	ck_assert_int_eq(fileio_mkdirs(""), -1);
	ck_assert_int_eq(fileio_mkdirs("/"), 0);
	free(p);
	free(f);
	free(g);
}
END_TEST

START_TEST(test_join_exists)
{
	char *p;

	p = fileio_join("out", "a.key.yaml");
	ck_assert_str_eq(p, "out/a.key.yaml");
	free(p);
	p = fileio_join("out//", "a");
	ck_assert_str_eq(p, "out/a");
	free(p);
	p = fileio_join("", "a");
	ck_assert_str_eq(p, "a");
	free(p);
	p = fileio_join("/", "a");
	ck_assert_str_eq(p, "/a");
	free(p);
	ck_assert(fileio_exists(tmpdir));
	p = tpath("nothing");
	ck_assert(!fileio_exists(p));
	free(p);
	ck_assert_str_eq(fileio_strerror(FILEIO_EXISTS), "file already exists");
	ck_assert_str_eq(fileio_strerror(FILEIO_TOOBIG), "file is too large");
}
END_TEST

START_TEST(test_dirname)
{
	static const char *const cases[][2] = {
		{ "out/r.xlsx", "out" }, { "a/b/c.xlsx", "a/b" },
		{ "r.xlsx", "." }, { "/r.xlsx", "/" }, { "/tmp/r.xlsx", "/tmp" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *d = fileio_dirname(cases[i][0]);

		ck_assert_ptr_nonnull(d);
		ck_assert_str_eq(d, cases[i][1]);
		free(d);
	}
}
END_TEST

/* The fileio suite. */
static Suite *fileio_suite(void)
{
	Suite *s = suite_create("fileio");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_file);
	tcase_add_test(tc, test_read_errors);
	tcase_add_test(tc, test_read_stdin);
	tcase_add_test(tc, test_write_commit);
	tcase_add_test(tc, test_refuse_overwrite);
	tcase_add_test(tc, test_refuse_at_commit);
	tcase_add_test(tc, test_force);
	tcase_add_test(tc, test_batch);
	tcase_add_test(tc, test_unwritable_folder);
	tcase_add_test(tc, test_disk_full);
	tcase_add_test(tc, test_write_error_seen);
	tcase_add_test(tc, test_stdout);
	tcase_add_test(tc, test_abort);
	tcase_add_test(tc, test_mkdirs);
	tcase_add_test(tc, test_join_exists);
	tcase_add_test(tc, test_dirname);
	suite_add_tcase(s, tc);
	return s;
}

/* Run the suite; exit status 1 when any test failed. */
int main(void)
{
	SRunner *sr = srunner_create(fileio_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

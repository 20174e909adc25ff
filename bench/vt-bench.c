/*
 * vt-bench.c -- throughput of roost's emulator (parser + state + grid +
 * history), in MB of input per second, on three generated workloads:
 * plain ASCII log lines, heavily coloured text (256-colour and 24-bit SGR)
 * and UTF-8 CJK text with combining marks, the last both as a uniformly
 * random mix of characters (cjk: the hardest case for branch prediction)
 * and as runs of ideographs and marked Latin words (cjk-runs). Each workload is fed in 4 KiB
 * writes (the size of a typical pty read) into an 80x24 emulator with a
 * 10000-line history, so the history fills and then recycles lines.
 * It uses the public API only (src/vt/vt.h). Build and run: see README.
 *
 * Rates are per second of this process's CPU time.
 *
 * Usage: vt-bench [MB per workload, default 64] [ascii|colour|cjk|cjk-runs|
 *                 FILE] [COLSxROWS, default 80x24]
 * A FILE (any path with a '/', e.g. a payload of bench/mux-bench.py) is
 * fed instead of the generated workloads, repeated as needed.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vt/vt.h"

struct bench_buf {
	char *p;
	size_t len, cap;
};

static void
bench_put(struct bench_buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (b->p == NULL)
			abort();
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
bench_puts(struct bench_buf *b, const char *s)
{
	bench_put(b, s, strlen(s));
}

/* A deterministic pseudo-random sequence (no libc state). */
static unsigned
bench_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static void
bench_gen_ascii(struct bench_buf *b, size_t size)
{
	static const char *levels[] = { "INFO", "DEBUG", "WARN", "ERROR" };
	unsigned seed = 1;
	char line[256];
	int n;

	while (b->len < size) {
		n = snprintf(line, sizeof line,
		    "2026-11-30 12:%02u:%02u.%03u %-5s [worker-%u] request "
		    "id=%08x path=/api/v1/items/%u processed in %ums\r\n",
		    bench_rand(&seed) % 60, bench_rand(&seed) % 60,
		    bench_rand(&seed) % 1000, levels[bench_rand(&seed) % 4],
		    bench_rand(&seed) % 16, bench_rand(&seed) * 7919u,
		    bench_rand(&seed) % 100000, bench_rand(&seed) % 500);
		bench_put(b, line, (size_t)n);
	}
}

static void
bench_gen_colour(struct bench_buf *b, size_t size)
{
	static const char *words[] = { "lorem", "ipsum", "dolor", "sit", "amet",
		"consectetur", "adipiscing", "elit", "sed", "do" };
	unsigned seed = 2, i, col;
	char sgr[64];
	int n;

	while (b->len < size) {
		col = 0;
		for (i = 0; col < 70; i++) {
			const char *w = words[bench_rand(&seed) % 10];

			if (bench_rand(&seed) % 2)
				n = snprintf(sgr, sizeof sgr, "\033[38;5;%um",
				    bench_rand(&seed) % 256);
			else
				n = snprintf(sgr, sizeof sgr,
				    "\033[1;38;2;%u;%u;%u;48;2;%u;%u;%um",
				    bench_rand(&seed) % 256,
				    bench_rand(&seed) % 256,
				    bench_rand(&seed) % 256,
				    bench_rand(&seed) % 256,
				    bench_rand(&seed) % 256,
				    bench_rand(&seed) % 256);
			bench_put(b, sgr, (size_t)n);
			bench_puts(b, w);
			bench_puts(b, "\033[m ");
			col += (unsigned)strlen(w) + 1;
		}
		bench_puts(b, "\r\n");
	}
}

static void
bench_gen_cjk(struct bench_buf *b, size_t size)
{
	/* CJK ideographs (3 bytes, 2 cells), kana, and Latin letters with
	   combining acute / diaeresis (U+0301, U+0308). */
	unsigned seed = 3, i, col, cp, r;
	char u[8];

	while (b->len < size) {
		col = 0;
		for (i = 0; col < 76; i++) {
			r = bench_rand(&seed) % 10;
			if (r < 6) {
				cp = 0x4e00 + bench_rand(&seed) % 0x5000;
				col += 2;
			} else if (r < 8) {
				cp = 0x3042 + bench_rand(&seed) % 80;
				col += 2;
			} else {
				u[0] = (char)('a' + bench_rand(&seed) % 26);
				bench_put(b, u, 1);
				cp = bench_rand(&seed) % 2 ? 0x301 : 0x308;
				col += 1;
			}
			if (cp < 0x800) {
				u[0] = (char)(0xc0 | (cp >> 6));
				u[1] = (char)(0x80 | (cp & 0x3f));
				bench_put(b, u, 2);
			} else {
				u[0] = (char)(0xe0 | (cp >> 12));
				u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
				u[2] = (char)(0x80 | (cp & 0x3f));
				bench_put(b, u, 3);
			}
		}
		bench_puts(b, "\r\n");
	}
}

/* The same characters in runs, as text has them: a run of 4 to 19
   ideographs or kana, then a Latin word of 2 to 8 letters in which every
   letter carries a combining mark. */
static void
bench_gen_cjk_runs(struct bench_buf *b, size_t size)
{
	unsigned seed = 4, col, n, i, cp;
	char u[4];

	while (b->len < size) {
		col = 0;
		while (col < 70) {
			n = 4 + bench_rand(&seed) % 16;
			for (i = 0; i < n && col < 76; i++, col += 2) {
				cp = bench_rand(&seed) % 4
				    ? 0x4e00 + bench_rand(&seed) % 0x5000
				    : 0x3042 + bench_rand(&seed) % 80;
				u[0] = (char)(0xe0 | (cp >> 12));
				u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
				u[2] = (char)(0x80 | (cp & 0x3f));
				bench_put(b, u, 3);
			}
			n = 2 + bench_rand(&seed) % 7;
			for (i = 0; i < n && col < 78; i++, col++) {
				u[0] = (char)('a' + bench_rand(&seed) % 26);
				u[1] = (char)0xcc; /* U+0301 or U+0308 */
				u[2] =
				    (char)(bench_rand(&seed) % 2 ? 0x81 : 0x88);
				bench_put(b, u, 3);
			}
		}
		bench_puts(b, "\r\n");
	}
}

static double
bench_now(void)
{
	struct timespec ts;

	/* CPU time: steadier than wall time on a shared machine. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned bench_cols = 80, bench_rows = 24;

static void
bench_run(const char *name, const struct bench_buf *b, size_t total)
{
	struct vt *vt;
	size_t done = 0, off = 0, n;
	double t0, t;

	vt = vt_create(bench_rows, bench_cols, VT_HISTORY_DEFAULT, NULL, NULL);
	if (vt == NULL)
		abort();
	t0 = bench_now();
	while (done < total) {
		n = b->len - off < 4096 ? b->len - off : 4096;
		vt_feed(vt, b->p + off, n);
		off += n;
		if (off == b->len)
			off = 0;
		done += n;
	}
	t = bench_now() - t0;
	printf("%-8s %7.1f MB/s  (%zu MB in %.2f s, history %u lines)\n", name,
	    (double)done / 1e6 / t, done >> 20, t, vt_history_size(vt));
	vt_free(vt);
}

int
main(int argc, char **argv)
{
	struct bench_buf ascii = { 0 }, colour = { 0 }, cjk = { 0 },
			 runs = { 0 };
	size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 64;

	setlocale(LC_CTYPE, "C.UTF-8");
	if (argc > 3 &&
	    sscanf(argv[3], "%ux%u", &bench_cols, &bench_rows) != 2) {
		fprintf(stderr, "vt-bench: bad size %s\n", argv[3]);
		return 2;
	}
	if (argc > 2 && strchr(argv[2], '/') != NULL) {
		struct bench_buf file = { 0 };
		char chunk[65536];
		size_t got;
		FILE *f = fopen(argv[2], "rb");

		if (f == NULL) {
			perror(argv[2]);
			return 1;
		}
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			bench_put(&file, chunk, got);
		fclose(f);
		if (file.len == 0)
			return 1;
		bench_run(strrchr(argv[2], '/') + 1, &file, mb << 20);
		free(file.p);
		return 0;
	}
	bench_gen_ascii(&ascii, 8u << 20);
	bench_gen_colour(&colour, 8u << 20);
	bench_gen_cjk(&cjk, 8u << 20);
	bench_gen_cjk_runs(&runs, 8u << 20);
	if (argc <= 2 || strcmp(argv[2], "ascii") == 0)
		bench_run("ascii", &ascii, mb << 20);
	if (argc <= 2 || strcmp(argv[2], "colour") == 0)
		bench_run("colour", &colour, mb << 20);
	if (argc <= 2 || strcmp(argv[2], "cjk") == 0)
		bench_run("cjk", &cjk, mb << 20);
	if (argc <= 2 || strcmp(argv[2], "cjk-runs") == 0)
		bench_run("cjk-runs", &runs, mb << 20);
	free(ascii.p);
	free(colour.p);
	free(cjk.p);
	free(runs.p);
	return 0;
}

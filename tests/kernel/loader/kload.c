// SPDX-License-Identifier: GPL-2.0
/*
 * kload: the guest-side BPF loader of the real-kernel tests.
 * Linked statically (libbpf, libelf, zlib) so the busybox initramfs needs
 * nothing else.
 *
 *   kload run <obj.o> <prog> [expect] [--ctx-u64 a,b,...] [--repeat N]
 *       Load only <prog> from <obj.o>, run it once with
 *       bpf_prog_test_run_opts() and print "retval=<n> prog_id=<id>".
 *       <expect>: a number (decimal, 0x hex or negative), compared with the
 *       32-bit return value; or "@id": the return value must equal the
 *       kernel's id of the loaded program. Exit 0 on match.
 *       Syscall programs get the optional context (u64 values); other
 *       program types (socket, tc, xdp) get a 64-byte dummy packet.
 *       --globals: after the run, also print the object's global variables
 *       (.bss/.data/.rodata integers) as "global <name>=<value>", so a
 *       program can report what the functions it called returned.
 *       --repeat <n>: the kernel runs the program <n> times in one test run
 *       (socket, tc and xdp programs only: the kernel refuses a repeat for
 *       syscall programs); the return value is the last run's. Adds
 *       " repeat=<n> duration_ns=<d>" to the result line (<d>: the kernel's
 *       average time of one run) and prints "window=<start>-<end>
 *       avg_ns=<d>": the CLOCK_MONOTONIC nanoseconds before and after the
 *       test run, so concurrent runs can be shown to overlap.
 *       --ready <file> --go <file>: once the program is loaded, create
 *       <ready>, then wait (up to 120 s) until <go> exists before the test
 *       run: a start line for several loaders.
 *   kload load <obj.o> <prog>
 *       Load only <prog>; exit 0 if the verifier accepts it.
 *   kload expect-reject <obj.o> <prog> <substring>
 *       Loading <prog> must fail and the verifier log or libbpf's messages
 *       must contain <substring>. Exit 0 then, printing the log line that
 *       holds it ("verifier: <line>"); 1 if it loaded or the message
 *       differs (the log is printed).
 *   kload btf <module> [<func> <expected>]
 *       Parse /sys/kernel/btf/<module> split on /sys/kernel/btf/vmlinux and
 *       print each FUNC of the module as
 *           <name>: <ret> <name>(<type> <param>, ...)[ #<decl tag>...]
 *       With <func> and <expected>: print that FUNC only and exit 0 iff its
 *       text after "<name>: " equals <expected> (runs of blanks collapsed;
 *       GCC's spellings of integer types, e.g. "long long unsigned int" in
 *       a GCC-built vmlinux's BTF, compare equal to clang's, e.g.
 *       "unsigned long long": the same C type).
 *       <expected> "-" means: the module has no FUNC of that name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

/* ---- libbpf messages are collected so expect-reject can search them ---- */
static char *msgs;
static size_t msgs_len, msgs_cap;
static bool verbose;

static void msgs_append(const char *s, size_t n)
{
	if (msgs_len + n + 1 > msgs_cap) {
		msgs_cap = (msgs_len + n + 1) * 2;
		msgs = realloc(msgs, msgs_cap);
		if (!msgs)
			exit(3);
	}
	memcpy(msgs + msgs_len, s, n);
	msgs_len += n;
	msgs[msgs_len] = 0;
}

static int print_fn(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char buf[4096];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	msgs_append(buf, n);
	if (verbose || level <= LIBBPF_WARN)
		fputs(buf, stderr);
	return n;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: kload run <obj.o> <prog> [expect|@id] [--ctx-u64 a,b,...] [--globals] [--repeat n] [--ready F --go G]\n"
		"       kload load <obj.o> <prog>\n"
		"       kload expect-reject <obj.o> <prog> <substring>\n"
		"       kload btf <module> [<func> <expected-prototype>|-]\n");
	return 2;
}

#define LOG_SIZE (4u << 20)
static char *vlog;

/* Open <path>, keep only <prog> for loading, attach a verifier log buffer. */
static struct bpf_object *open_one(const char *path, const char *name,
				   struct bpf_program **out)
{
	struct bpf_object *obj;
	struct bpf_program *p, *found = NULL;

	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		fprintf(stderr, "kload: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	bpf_object__for_each_program(p, obj) {
		bool me = strcmp(bpf_program__name(p), name) == 0;

		bpf_program__set_autoload(p, me);
		if (me)
			found = p;
	}
	if (!found) {
		fprintf(stderr, "kload: no program %s in %s; it has:", name, path);
		bpf_object__for_each_program(p, obj)
			fprintf(stderr, " %s", bpf_program__name(p));
		fprintf(stderr, "\n");
		bpf_object__close(obj);
		return NULL;
	}
	vlog = calloc(1, LOG_SIZE);
	if (!vlog)
		exit(3);
	bpf_program__set_log_buf(found, vlog, LOG_SIZE);
	bpf_program__set_log_level(found, 1);
	*out = found;
	return obj;
}

static int parse_num(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 0);
	return (errno || *end || end == s) ? -1 : 0;
}

/* Print the integer variables of the object's global data sections
 * (.bss, .data, .rodata) as "global <name>=<value>". */
static void print_globals(struct bpf_object *obj)
{
	struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;

	if (!btf)
		return;
	bpf_object__for_each_map(map, obj) {
		const struct btf_type *sec;
		const struct btf_var_secinfo *vsi;
		__u32 vsz = bpf_map__value_size(map), key = 0;
		unsigned char *val;
		int i;

		if (!bpf_map__is_internal(map) || bpf_map__fd(map) < 0)
			continue;
		sec = btf__type_by_id(btf, bpf_map__btf_value_type_id(map));
		if (!sec || !btf_is_datasec(sec))
			continue;
		val = calloc(1, vsz);
		if (!val || bpf_map__lookup_elem(map, &key, sizeof(key), val, vsz, 0)) {
			free(val);
			continue;
		}
		vsi = btf_var_secinfos(sec);
		for (i = 0; i < btf_vlen(sec); i++, vsi++) {
			const struct btf_type *var = btf__type_by_id(btf, vsi->type);
			const struct btf_type *t;
			unsigned long long u = 0;
			bool sgn;

			if (!var || !btf_is_var(var) || vsi->offset + vsi->size > vsz)
				continue;
			t = btf__type_by_id(btf, btf__resolve_type(btf, var->type));
			if (!t || !btf_is_int(t))
				continue;
			sgn = btf_int_encoding(t) & BTF_INT_SIGNED;
			memcpy(&u, val + vsi->offset, vsi->size < 8 ? vsi->size : 8);
			if (sgn && vsi->size < 8 && (u >> (vsi->size * 8 - 1)) & 1)
				u |= ~0ULL << (vsi->size * 8);
			if (sgn)
				printf("global %s=%lld\n", btf__name_by_offset(btf, var->name_off),
				       (long long)u);
			else
				printf("global %s=%llu\n", btf__name_by_offset(btf, var->name_off), u);
		}
		free(val);
	}
}

static int cmd_run(int argc, char **argv, bool run)
{
	const char *path = argv[0], *name = argv[1], *expect = NULL;
	__u64 ctx[16];
	int nctx = 0;
	bool globals = false;
	long long repeat = 0;
	const char *ready = NULL, *go = NULL;
	struct bpf_program *prog;
	struct bpf_object *obj;
	int err, fd, i;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--ctx-u64") == 0 && i + 1 < argc) {
			char *s = strdup(argv[++i]), *tok, *save = NULL;

			for (tok = strtok_r(s, ",", &save); tok && nctx < 16;
			     tok = strtok_r(NULL, ",", &save)) {
				long long v;

				if (parse_num(tok, &v)) {
					fprintf(stderr, "kload: bad ctx value %s\n", tok);
					return 2;
				}
				ctx[nctx++] = (__u64)v;
			}
			free(s);
		} else if (strcmp(argv[i], "--globals") == 0) {
			globals = true;
		} else if (strcmp(argv[i], "--ready") == 0 && i + 1 < argc) {
			ready = argv[++i];
		} else if (strcmp(argv[i], "--go") == 0 && i + 1 < argc) {
			go = argv[++i];
		} else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
			if (parse_num(argv[++i], &repeat) || repeat < 1 || repeat > 0xffffffffLL) {
				fprintf(stderr, "kload: bad --repeat %s (1..4294967295)\n", argv[i]);
				return 2;
			}
		} else if (!expect) {
			expect = argv[i];
		} else {
			return usage();
		}
	}

	obj = open_one(path, name, &prog);
	if (!obj)
		return 1;
	err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "kload: loading %s/%s failed: %s\n", path, name, strerror(-err));
		if (vlog[0])
			fprintf(stderr, "--- verifier log ---\n%s--- end ---\n", vlog);
		return 1;
	}
	if (!run) {
		printf("loaded %s\n", name);
		return 0;
	}
	fd = bpf_program__fd(prog);

	struct bpf_prog_info info;
	__u32 info_len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &info_len)) {
		fprintf(stderr, "kload: prog info: %s\n", strerror(errno));
		return 1;
	}

	unsigned char pkt[64];
	LIBBPF_OPTS(bpf_test_run_opts, opts); /* syscall programs refuse repeat != 0 */

	if (bpf_program__type(prog) == BPF_PROG_TYPE_SYSCALL) {
		if (repeat) {
			fprintf(stderr, "kload: --repeat: %s is a syscall program, whose test "
				"runs take no repeat count (use a socket, tc or xdp program)\n", name);
			return 2;
		}
		if (nctx) {
			opts.ctx_in = ctx;
			opts.ctx_size_in = nctx * sizeof(ctx[0]);
		}
	} else {
		memset(pkt, 0, sizeof(pkt));
		pkt[12] = 0x08; /* ethertype IPv4, the rest zero */
		opts.data_in = pkt;
		opts.data_size_in = sizeof(pkt);
		opts.repeat = (__u32)repeat;
	}
	if (ready) {
		FILE *f = fopen(ready, "w");

		if (!f) {
			fprintf(stderr, "kload: cannot create %s: %s\n", ready, strerror(errno));
			return 1;
		}
		fclose(f);
	}
	if (go) {
		int waited = 0;

		while (access(go, F_OK) != 0) {
			if (++waited > 120000) {
				fprintf(stderr, "kload: %s did not appear within 120 s\n", go);
				return 1;
			}
			usleep(1000);
		}
	}
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = bpf_prog_test_run_opts(fd, &opts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (err) {
		fprintf(stderr, "kload: test run of %s failed: %s\n", name, strerror(errno));
		return 1;
	}
	printf("retval=%u (%d) prog_id=%u", opts.retval, (int)opts.retval, info.id);
	if (repeat)
		printf(" repeat=%lld duration_ns=%u", repeat, opts.duration);
	printf("\n");
	if (repeat)
		printf("window=%lld-%lld avg_ns=%u\n",
		       (long long)t0.tv_sec * 1000000000LL + t0.tv_nsec,
		       (long long)t1.tv_sec * 1000000000LL + t1.tv_nsec, opts.duration);
	if (globals)
		print_globals(obj);
	if (!expect)
		return 0;
	if (strcmp(expect, "@id") == 0) {
		if (opts.retval == info.id)
			return 0;
		fprintf(stderr, "kload: %s returned %u, expected its prog id %u\n",
			name, opts.retval, info.id);
		return 1;
	}
	long long want;

	if (parse_num(expect, &want)) {
		fprintf(stderr, "kload: bad expected value %s\n", expect);
		return 2;
	}
	if (opts.retval == (__u32)want)
		return 0;
	fprintf(stderr, "kload: %s returned %u (%d), expected %lld\n", name,
		opts.retval, (int)opts.retval, want);
	return 1;
}

static int cmd_expect_reject(char **argv)
{
	const char *path = argv[0], *name = argv[1], *want = argv[2];
	struct bpf_program *prog;
	struct bpf_object *obj;
	int err;

	obj = open_one(path, name, &prog);
	if (!obj)
		return 1;
	err = bpf_object__load(obj);
	if (!err) {
		fprintf(stderr, "kload: %s/%s was ACCEPTED, expected a rejection with \"%s\"\n",
			path, name, want);
		return 1;
	}
	const char *hit = strstr(vlog, want), *src = "verifier";

	if (!hit && msgs && (hit = strstr(msgs, want)))
		src = "libbpf";
	if (hit) {
		const char *buf = src[0] == 'v' ? vlog : msgs, *b = hit, *e;

		while (b > buf && b[-1] != '\n')
			b--;
		e = strchr(hit, '\n');
		printf("rejected as expected (%s)\n", want);
		printf("%s: %.*s\n", src, e ? (int)(e - b) : (int)strlen(b), b);
		return 0;
	}
	fprintf(stderr, "kload: %s/%s rejected but without \"%s\"\n--- verifier log ---\n%s"
		"--- libbpf ---\n%s--- end ---\n", path, name, want, vlog, msgs ? msgs : "");
	return 1;
}

/* ---- BTF prototypes ---- */
static void type_str(const struct btf *btf, __u32 id, char *buf, size_t len);

static void append(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s", s);
}

static void type_str(const struct btf *btf, __u32 id, char *buf, size_t len)
{
	const struct btf_type *t;
	char inner[512];

	buf[0] = 0;
	if (id == 0) {
		append(buf, len, "void");
		return;
	}
	t = btf__type_by_id(btf, id);
	if (!t) {
		snprintf(buf, len, "<bad type %u>", id);
		return;
	}
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPEDEF:
		append(buf, len, btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_STRUCT:
		snprintf(buf, len, "struct %s", btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_UNION:
		snprintf(buf, len, "union %s", btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		snprintf(buf, len, "enum %s", btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_FWD:
		snprintf(buf, len, "%s %s", btf_kflag(t) ? "union" : "struct",
			 btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_PTR:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, len, "%s%s*", inner, inner[strlen(inner) - 1] == '*' ? "" : " ");
		break;
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, len, "%s %s",
			 btf_kind(t) == BTF_KIND_CONST ? "const" :
			 btf_kind(t) == BTF_KIND_VOLATILE ? "volatile" : "restrict", inner);
		break;
	case BTF_KIND_TYPE_TAG:
		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, len, "%s __tag(%s)", inner, btf__name_by_offset(btf, t->name_off));
		break;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		type_str(btf, a->type, inner, sizeof(inner));
		snprintf(buf, len, "%s[%u]", inner, a->nelems);
		break;
	}
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);
		int i, n = btf_vlen(t);

		type_str(btf, t->type, inner, sizeof(inner));
		snprintf(buf, len, "%s (*)(", inner);
		for (i = 0; i < n; i++) {
			if (i)
				append(buf, len, ", ");
			if (p[i].type == 0 && i == n - 1) {
				append(buf, len, "...");
				continue;
			}
			type_str(btf, p[i].type, inner, sizeof(inner));
			append(buf, len, inner);
		}
		append(buf, len, n ? ")" : "void)");
		break;
	}
	default:
		snprintf(buf, len, "<kind %u>", btf_kind(t));
	}
}

static void func_str(const struct btf *btf, __u32 func_id, char *buf, size_t len)
{
	const struct btf_type *f = btf__type_by_id(btf, func_id);
	const struct btf_type *proto = btf__type_by_id(btf, f->type);
	const char *name = btf__name_by_offset(btf, f->name_off);
	char tmp[512];
	int i, n;

	buf[0] = 0;
	if (!proto || !btf_is_func_proto(proto)) {
		snprintf(buf, len, "%s: <not a FUNC_PROTO>", name);
		return;
	}
	type_str(btf, proto->type, tmp, sizeof(tmp));
	snprintf(buf, len, "%s%s%s(", tmp, tmp[strlen(tmp) - 1] == '*' ? "" : " ", name);
	n = btf_vlen(proto);
	for (i = 0; i < n; i++) {
		const struct btf_param *p = btf_params(proto) + i;
		const char *pn = btf__name_by_offset(btf, p->name_off);

		if (i)
			append(buf, len, ", ");
		if (p->type == 0 && i == n - 1) {
			append(buf, len, "...");
			continue;
		}
		type_str(btf, p->type, tmp, sizeof(tmp));
		append(buf, len, tmp);
		if (pn && *pn) {
			if (tmp[strlen(tmp) - 1] != '*')
				append(buf, len, " ");
			append(buf, len, pn);
		}
	}
	append(buf, len, n ? ")" : "void)");

	/* decl tags on the function itself (component_idx == -1) */
	__u32 id, total = btf__type_cnt(btf);

	for (id = 1; id < total; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (btf_is_decl_tag(t) && t->type == func_id && btf_decl_tag(t)->component_idx == -1) {
			append(buf, len, " #");
			append(buf, len, btf__name_by_offset(btf, t->name_off));
		}
	}
}

static void squash(char *s)
{
	char *d = s;
	bool sp = false;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			sp = true;
			continue;
		}
		if (sp)
			*d++ = ' ';
		sp = false;
		*d++ = *s;
	}
	*d = 0;
}

/* Rewrite GCC's spellings of integer base types (as a GCC-built vmlinux's
 * BTF names them) to clang's, in place: "long long unsigned int" ->
 * "unsigned long long", etc. Longest first, whole words only. */
static void canon_int_names(char *s)
{
	static const char *const map[][2] = {
		{ "long long unsigned int", "unsigned long long" },
		{ "long long int", "long long" },
		{ "long unsigned int", "unsigned long" },
		{ "short unsigned int", "unsigned short" },
		{ "long int", "long" },
		{ "short int", "short" },
	};
	char buf[2048];
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const char *from = map[i][0], *to = map[i][1];
		size_t fl = strlen(from);
		char *p = s;

		while ((p = strstr(p, from))) {
			bool start = p == s || !(p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'));
			bool end = !(p[fl] == '_' || (p[fl] >= 'a' && p[fl] <= 'z'));

			if (!start || !end) {
				p += fl;
				continue;
			}
			snprintf(buf, sizeof(buf), "%s%s", to, p + fl);
			strcpy(p, buf);
			p += strlen(to);
		}
	}
}

static int cmd_btf(int argc, char **argv)
{
	const char *mod = argv[0], *func = argc > 1 ? argv[1] : NULL;
	char path[256], line[2048], want[2048];
	struct btf *base, *btf;
	__u32 id, total;
	bool found = false;

	base = btf__parse("/sys/kernel/btf/vmlinux", NULL);
	if (!base) {
		fprintf(stderr, "kload: cannot parse /sys/kernel/btf/vmlinux: %s\n", strerror(errno));
		return 1;
	}
	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", mod);
	btf = btf__parse_split(path, base);
	if (!btf) {
		fprintf(stderr, "kload: cannot parse %s: %s\n", path, strerror(errno));
		return 1;
	}
	total = btf__type_cnt(btf);
	for (id = btf__type_cnt(base); id < total; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name;

		if (btf_is_struct(t) && !func) {
			/* the module's structs too, when listing everything:
			 * "struct NAME: size N { type member@bit-offset; ... }" */
			const struct btf_member *m = btf_members(t);
			int i, n = btf_vlen(t);
			char mt[512];

			snprintf(line, sizeof(line), "size %u {", t->size);
			for (i = 0; i < n; i++) {
				char one[700];

				type_str(btf, m[i].type, mt, sizeof(mt));
				snprintf(one, sizeof(one), " %s %s@%u;", mt,
					 btf__name_by_offset(btf, m[i].name_off),
					 btf_member_bit_offset(t, i));
				append(line, sizeof(line), one);
			}
			append(line, sizeof(line), " }");
			canon_int_names(line);
			printf("struct %s: %s\n", btf__name_by_offset(btf, t->name_off), line);
			continue;
		}
		if (!btf_is_func(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (func && strcmp(name, func))
			continue;
		found = true;
		func_str(btf, id, line, sizeof(line));
		printf("%s: %s\n", name, line);
		if (!func || argc < 3)
			continue;
		if (strcmp(argv[2], "-") == 0) {
			fprintf(stderr, "kload: %s has FUNC %s, expected none\n", mod, func);
			return 1;
		}
		snprintf(want, sizeof(want), "%s", argv[2]);
		squash(want);
		squash(line);
		canon_int_names(want);
		canon_int_names(line);
		if (strcmp(want, line)) {
			fprintf(stderr, "kload: %s: FUNC %s is \"%s\", expected \"%s\"\n",
				mod, func, line, want);
			return 1;
		}
	}
	if (func && !found) {
		if (argc >= 3 && strcmp(argv[2], "-") == 0)
			return 0;
		fprintf(stderr, "kload: %s has no FUNC %s\n", mod, func);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (getenv("KLOAD_VERBOSE"))
		verbose = true;
	libbpf_set_print(print_fn);
	libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "run") == 0 && argc >= 4)
		return cmd_run(argc - 2, argv + 2, true);
	if (strcmp(argv[1], "load") == 0 && argc == 4)
		return cmd_run(argc - 2, argv + 2, false);
	if (strcmp(argv[1], "expect-reject") == 0 && argc == 5)
		return cmd_expect_reject(argv + 2);
	if (strcmp(argv[1], "btf") == 0 && (argc == 3 || argc == 5))
		return cmd_btf(argc - 2, argv + 2);
	return usage();
}

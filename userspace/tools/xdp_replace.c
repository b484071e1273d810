// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_replace: replace a native XDP program many times in a row.
 *
 *   xdp_replace IFNAME OBJ_A OBJ_B COUNT TRAFFIC_FILE
 *
 * Loads the "xdp" program of OBJ_A and of OBJ_B once (project programs with
 * a per-CPU "stats" map indexed by action), attaches A, writes "1" to
 * TRAFFIC_FILE (e.g. the model generator's gen_start: traffic starts once a
 * program is attached), then replaces the attached program COUNT times,
 * alternating B and A (XDP_FLAGS_REPLACE: each swap names the program it
 * replaces). Then writes "0" to TRAFFIC_FILE, waits 2 s for the traffic in
 * flight,
 * prints "A <packets of every action> B <...>" (sums over CPUs, actions
 * 0..4) and detaches. Exit status: 0, or 1 with one line on stderr.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

struct action_stats {
	__u64 packets;
	__u64 bytes;
};

static int fail(const char *what, int err)
{
	fprintf(stderr, "xdp_replace: %s: %s\n", what,
		strerror(err < 0 ? -err : err));
	return 1;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f))
		return -errno;
	return 0;
}

static struct bpf_object *load(const char *path, int *prog_fd)
{
	struct bpf_program *prog, *p;
	struct bpf_object *obj;

	obj = bpf_object__open_file(path, NULL);
	if (libbpf_get_error(obj))
		return NULL;
	prog = NULL;
	bpf_object__for_each_program(p, obj) {
		if (!strcmp(bpf_program__section_name(p), "xdp") && !prog)
			prog = p;
		else
			bpf_program__set_autoload(p, false);
	}
	if (!prog || bpf_object__load(obj))
		return NULL;
	*prog_fd = bpf_program__fd(prog);
	return obj;
}

static void print_stats(const char *tag, struct bpf_object *obj)
{
	int fd = bpf_map__fd(bpf_object__find_map_by_name(obj, "stats"));
	int ncpu = libbpf_num_possible_cpus();
	struct action_stats *v = calloc(ncpu, sizeof(*v));
	__u32 key;
	int cpu;

	printf("%s", tag);
	for (key = 0; key < 5; key++) {
		__u64 sum = 0;

		if (v && !bpf_map_lookup_elem(fd, &key, v))
			for (cpu = 0; cpu < ncpu; cpu++)
				sum += v[cpu].packets;
		printf(" %llu", (unsigned long long)sum);
	}
	free(v);
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_xdp_attach_opts, opts);
	struct bpf_object *oa, *ob;
	int ifindex, fa, fb, err, i, count;

	if (argc != 6) {
		fprintf(stderr, "usage: xdp_replace IFNAME OBJ_A OBJ_B COUNT TRAFFIC_FILE\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		return fail(argv[1], errno);
	count = atoi(argv[4]);
	oa = load(argv[2], &fa);
	if (!oa)
		return fail(argv[2], EINVAL);
	ob = load(argv[3], &fb);
	if (!ob)
		return fail(argv[3], EINVAL);

	err = bpf_xdp_attach(ifindex, fa, XDP_FLAGS_DRV_MODE, NULL);
	if (err)
		return fail("attach", err);
	err = write_file(argv[5], "1\n");
	if (err)
		return fail(argv[5], err);
	for (i = 0; i < count; i++) {
		int cur = i % 2 ? fb : fa, next = i % 2 ? fa : fb;

		opts.old_prog_fd = cur;
		err = bpf_xdp_attach(ifindex, next,
				     XDP_FLAGS_DRV_MODE | XDP_FLAGS_REPLACE,
				     &opts);
		if (err) {
			fprintf(stderr, "replacement %d:", i + 1);
			return fail("replace", err);
		}
	}

	err = write_file(argv[5], "0\n");
	if (err)
		return fail(argv[5], err);
	sleep(2);
	print_stats("A", oa);
	print_stats(" B", ob);
	printf("\n");
	fflush(stdout);

	err = bpf_xdp_detach(ifindex, XDP_FLAGS_DRV_MODE, NULL);
	if (err)
		return fail("detach", err);
	bpf_object__close(oa);
	bpf_object__close(ob);
	return 0;
}

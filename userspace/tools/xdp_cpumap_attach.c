// SPDX-License-Identifier: GPL-2.0-only
/*
 * xdp_cpumap_attach: attach bpf/xdp_redirect_cpu.bpf.o with a program on
 * its cpumap entry, which ip(8) cannot set up.
 *
 *   xdp_cpumap_attach IFNAME OBJ CPU VERDICT
 *
 * Loads OBJ, attaches xdp_redirect_cpu_prog natively to IFNAME (the "xdp"
 * variant: the kernel refuses a cpumap entry program whose frags support
 * differs from the program that first used the map), puts
 * xdp_cpumap_count (section "xdp/cpumap") on cpu_map[CPU] (queue size
 * 16384, the largest: a whole test burst fits even if the target CPU runs
 * the kthread late),
 * selects CPU in cpu_select[0] and the cpumap program's verdict in
 * cpu_verdict[0] (1 XDP_DROP, 2 XDP_PASS), prints "cpu_seen <map id>" (the
 * per-CPU count of the cpumap program), then exits: the attachment keeps
 * both programs and their maps alive. Detach with `ip link set IFNAME xdp
 * off`. Exit status: 0, or 1 with one line on stderr.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

static int fail(const char *what, int err)
{
	fprintf(stderr, "xdp_cpumap_attach: %s: %s\n", what,
		strerror(err < 0 ? -err : err));
	return 1;
}

int main(int argc, char **argv)
{
	struct bpf_program *main_prog, *cpu_prog;
	struct bpf_cpumap_val val = { .qsize = 16384 };
	__u32 key0 = 0, cpu, verdict;
	struct bpf_map_info minfo = {};
	__u32 mlen = sizeof(minfo);
	struct bpf_object *obj;
	int ifindex, err;

	if (argc != 5) {
		fprintf(stderr, "usage: xdp_cpumap_attach IFNAME OBJ CPU VERDICT\n");
		return 2;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex)
		return fail(argv[1], errno);
	cpu = strtoul(argv[3], NULL, 0);
	verdict = strtoul(argv[4], NULL, 0);

	obj = bpf_object__open_file(argv[2], NULL);
	err = libbpf_get_error(obj);
	if (err)
		return fail(argv[2], err);
	main_prog = bpf_object__find_program_by_name(obj, "xdp_redirect_cpu_prog");
	cpu_prog = bpf_object__find_program_by_name(obj, "xdp_cpumap_count");
	if (!main_prog || !cpu_prog)
		return fail("programs xdp_redirect_cpu_prog/xdp_cpumap_count", ENOENT);
	bpf_program__set_autoload(bpf_object__find_program_by_name(obj, "xdp_redirect_cpu_prog_frags"),
				  false);
	err = bpf_object__load(obj);
	if (err)
		return fail("load", err);

	val.bpf_prog.fd = bpf_program__fd(cpu_prog);
	err = bpf_map__update_elem(bpf_object__find_map_by_name(obj, "cpu_map"),
				   &cpu, sizeof(cpu), &val, sizeof(val), BPF_ANY);
	if (err)
		return fail("cpu_map entry with the cpumap program", err);
	err = bpf_map__update_elem(bpf_object__find_map_by_name(obj, "cpu_select"),
				   &key0, sizeof(key0), &cpu, sizeof(cpu), BPF_ANY);
	if (err)
		return fail("cpu_select", err);
	err = bpf_map__update_elem(bpf_object__find_map_by_name(obj, "cpu_verdict"),
				   &key0, sizeof(key0), &verdict, sizeof(verdict),
				   BPF_ANY);
	if (err)
		return fail("cpu_verdict", err);

	err = bpf_xdp_attach(ifindex, bpf_program__fd(main_prog),
			     XDP_FLAGS_DRV_MODE, NULL);
	if (err)
		return fail("attach (native)", err);
	/* the cpumap program's counter map, for the caller to read */
	err = bpf_obj_get_info_by_fd(bpf_map__fd(bpf_object__find_map_by_name(obj, "cpu_seen")),
				     &minfo, &mlen);
	if (err)
		return fail("cpu_seen", errno);
	printf("cpu_seen %u\n", minfo.id);
	bpf_object__close(obj);
	return 0;
}

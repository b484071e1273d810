// SPDX-License-Identifier: GPL-2.0-only
/*
 * BPF objects and programs: open an ELF object, pick the XDP program by
 * section or name, load it; read what the kernel knows about a program id.
 * The Bpf interface lets tests run the commands without a kernel.
 */
#pragma once

#include "fd.hpp"
#include "options.hpp"
#include "status.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xdpctl {

struct LoadRequest {
	std::string obj;	/* ELF path */
	std::string section;	/* pick by section, or */
	std::string prog;	/* by function name, or neither: first XDP */
	XdpMode mode = XdpMode::Native;
	int ifindex = 0;	/* offload target */
};

/* A loaded program; the object (and its maps) lives as long as this. */
class LoadedProgram {
public:
	virtual ~LoadedProgram() = default;
	virtual int fd() const = 0;
	virtual std::string name() const = 0;
	virtual std::string section() const = 0;
	/* names of the object's maps (created with the program) */
	virtual std::vector<std::string> maps() const = 0;
};

struct ProgInfo {
	uint32_t id = 0;
	std::string name;
	std::string tag;	/* 16 hex digits */
};

class Bpf {
public:
	virtual ~Bpf() = default;
	/* the Status message names the object; callers add the device */
	virtual Status load(const LoadRequest &req,
			    std::unique_ptr<LoadedProgram> &out) = 0;
	virtual int prog_info(uint32_t id, ProgInfo &out) = 0;
	virtual int prog_fd_by_id(uint32_t id, UniqueFd &out) = 0;
	/* the object pinned at @path in bpffs (bpftool's "pinned PATH") */
	virtual int prog_fd_pinned(const std::string &path, UniqueFd &out) = 0;
};

/* format_tag - the 8-byte program tag as 16 lowercase hex digits */
std::string format_tag(const uint8_t *tag, size_t len);

/* libbpf messages go to stderr only when @verbose */
void bpf_set_verbose(bool verbose);

std::unique_ptr<Bpf> make_libbpf();

} // namespace xdpctl

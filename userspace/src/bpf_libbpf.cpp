// SPDX-License-Identifier: GPL-2.0-only
/* Bpf over libbpf. */
#include "bpf.hpp"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace xdpctl {

std::string format_tag(const uint8_t *tag, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	std::string s;
	for (size_t i = 0; i < len; i++) {
		s += hex[tag[i] >> 4];
		s += hex[tag[i] & 0xf];
	}
	return s;
}

namespace {

bool g_verbose;

/* quiet unless -v: xdpctl reports errors itself, in one line */
int print_fn(enum libbpf_print_level, const char *fmt, va_list ap)
{
	if (!g_verbose)
		return 0;
	return std::vfprintf(stderr, fmt, ap);
}

struct ObjectCloser {
	void operator()(bpf_object *o) const { bpf_object__close(o); }
};
using ObjectPtr = std::unique_ptr<bpf_object, ObjectCloser>;

class LibbpfProgram final : public LoadedProgram {
public:
	LibbpfProgram(ObjectPtr obj, bpf_program *prog)
		: obj_(std::move(obj)), prog_(prog) {}
	int fd() const override { return bpf_program__fd(prog_); }
	std::string name() const override { return bpf_program__name(prog_); }
	std::string section() const override
	{
		return bpf_program__section_name(prog_);
	}
	std::vector<std::string> maps() const override
	{
		std::vector<std::string> names;
		bpf_map *m;
		bpf_object__for_each_map(m, obj_.get())
			names.push_back(bpf_map__name(m));
		return names;
	}

private:
	ObjectPtr obj_;
	bpf_program *prog_;	/* owned by obj_ */
};

bool is_xdp_section(const char *sec)
{
	return !std::strcmp(sec, "xdp") || !std::strncmp(sec, "xdp/", 4) ||
	       !std::strncmp(sec, "xdp.", 4);
}

std::string program_list(bpf_object *obj)
{
	std::string s;
	bpf_program *p;
	bpf_object__for_each_program(p, obj) {
		if (!s.empty())
			s += ", ";
		s += bpf_program__name(p);
		s += " in '";
		s += bpf_program__section_name(p);
		s += "'";
	}
	return s.empty() ? "none" : s;
}

class Libbpf final : public Bpf {
public:
	Status load(const LoadRequest &req,
		    std::unique_ptr<LoadedProgram> &out) override
	{
		const std::string &path = req.obj;
		ObjectPtr obj(bpf_object__open_file(path.c_str(), nullptr));
		if (!obj) {
			int err = -errno;
			if (err == -ENOENT)
				return Status::fail(err, path +
					": no such file");
			if (err == -EACCES || err == -EPERM)
				return Status::fail(err, path +
					": permission denied");
			return Status::fail(err, path +
				": not a usable BPF object (" +
				errno_text(err) + ")");
		}

		bpf_program *chosen = nullptr, *p;
		bpf_object__for_each_program(p, obj.get()) {
			const char *sec = bpf_program__section_name(p);
			bool match;
			if (!req.section.empty())
				match = req.section == sec;
			else if (!req.prog.empty())
				match = req.prog == bpf_program__name(p);
			else
				match = is_xdp_section(sec);
			if (match && !chosen)
				chosen = p;
		}
		if (!chosen) {
			std::string what;
			if (!req.section.empty())
				what = "no program in section '" +
				       req.section + "'";
			else if (!req.prog.empty())
				what = "no program named '" + req.prog + "'";
			else
				what = "no XDP program (section xdp*)";
			return Status::fail(-ENOENT, path + ": " + what +
				" (programs: " + program_list(obj.get()) + ")");
		}

		enum bpf_prog_type t = bpf_program__type(chosen);
		if (t == BPF_PROG_TYPE_UNSPEC)
			bpf_program__set_type(chosen, BPF_PROG_TYPE_XDP);
		else if (t != BPF_PROG_TYPE_XDP)
			return Status::fail(-EINVAL, path + ": program '" +
				bpf_program__name(chosen) +
				"' is not an XDP program (section '" +
				bpf_program__section_name(chosen) + "')");

		/* load only the chosen program (the maps come with it) */
		bpf_object__for_each_program(p, obj.get())
			bpf_program__set_autoload(p, p == chosen);
		if (req.mode == XdpMode::Offload)
			bpf_program__set_ifindex(chosen, req.ifindex);

		int err = bpf_object__load(obj.get());
		if (err) {
			err = err < 0 ? err : -err;
			std::string name = bpf_program__name(chosen);
			if (err == -EPERM || err == -EACCES)
				return Status::fail(err, path +
					": permission denied loading '" + name +
					"' (needs root or CAP_BPF and CAP_NET_ADMIN)");
			return Status::fail(err, path + ": loading '" + name +
				"' failed: " + errno_text(err) +
				(g_verbose ? "" :
				 " (rerun with -v for the verifier log)"));
		}
		out = std::make_unique<LibbpfProgram>(std::move(obj), chosen);
		return Status::success();
	}

	int prog_info(uint32_t id, ProgInfo &out) override
	{
		UniqueFd fd;
		int ret = prog_fd_by_id(id, fd);
		if (ret)
			return ret;
		bpf_prog_info info{};
		uint32_t len = sizeof(info);
		if (bpf_obj_get_info_by_fd(fd.get(), &info, &len))
			return -errno;
		out.id = info.id;
		out.name = std::string(info.name,
				       strnlen(info.name, sizeof(info.name)));
		out.tag = format_tag(info.tag, sizeof(info.tag));
		return 0;
	}

	int prog_fd_by_id(uint32_t id, UniqueFd &out) override
	{
		int fd = bpf_prog_get_fd_by_id(id);
		if (fd < 0)
			return -errno;
		out.reset(fd);
		return 0;
	}

	int prog_fd_pinned(const std::string &path, UniqueFd &out) override
	{
		int fd = bpf_obj_get(path.c_str());
		if (fd < 0)
			return -errno;
		out.reset(fd);
		return 0;
	}
};

} // namespace

void bpf_set_verbose(bool verbose)
{
	g_verbose = verbose;
	libbpf_set_print(print_fn);
}

std::unique_ptr<Bpf> make_libbpf()
{
	return std::make_unique<Libbpf>();
}

} // namespace xdpctl

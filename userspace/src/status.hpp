// SPDX-License-Identifier: GPL-2.0-only
/*
 * Error reporting shared by every command.
 *
 * Internally an operation returns a negative errno; the user sees one line
 * "xdpctl: <dev>: <message>" and one of three exit codes.
 */
#pragma once

#include <string>
#include <string_view>

namespace xdpctl {

/* Exit codes: part of the user interface, documented in xdpctl(8). */
enum ExitCode : int {
	EXIT_OK = 0,		/* the operation succeeded */
	EXIT_FAILED = 1,	/* the operation failed (kernel, device, object) */
	EXIT_USAGE = 2,		/* the command line was wrong */
};

/* Status - result of an operation: 0 or a negative errno, and a message. */
struct Status {
	int err = 0;		/* 0 or negative errno */
	std::string msg;	/* complete user-facing text, without prefix */

	bool ok() const { return err == 0; }
	static Status success() { return {}; }
	static Status fail(int neg_errno, std::string text)
	{
		return Status{neg_errno < 0 ? neg_errno : -neg_errno, std::move(text)};
	}
};

/* errno_text - strerror() for a negative or positive errno; libbpf's own
 * error codes (LIBBPF_ERRNO__*) as libbpf words them. */
std::string errno_text(int err);

/* error_line - "xdpctl: <subject>: <msg>" (subject may be empty). */
std::string error_line(std::string_view subject, std::string_view msg);

} // namespace xdpctl

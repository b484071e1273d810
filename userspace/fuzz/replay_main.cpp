// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stand-in for libFuzzer's main in builds without -Dfuzz: run the target
 * once per file of the given files or directories (the seed corpus), so
 * every build checks the corpus still passes.
 */
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace fs = std::filesystem;

static int run_file(const fs::path &p)
{
	std::ifstream in(p, std::ios::binary);
	if (!in) {
		std::fprintf(stderr, "cannot read %s\n", p.c_str());
		return 1;
	}
	std::vector<uint8_t> buf((std::istreambuf_iterator<char>(in)),
				 std::istreambuf_iterator<char>());
	LLVMFuzzerTestOneInput(buf.data(), buf.size());
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 0, errors = 0;
	for (int i = 1; i < argc; i++) {
		fs::path p(argv[i]);
		if (fs::is_directory(p)) {
			for (const auto &e : fs::directory_iterator(p)) {
				errors += run_file(e.path());
				runs++;
			}
		} else {
			errors += run_file(p);
			runs++;
		}
	}
	std::printf("%d inputs replayed\n", runs);
	return errors || runs == 0;
}

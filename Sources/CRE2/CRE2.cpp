#include "CRE2.h"

#include <re2/re2.h>

#include <cstdio>
#include <cstring>
#include <new>
#include <string>

struct riskgate_re2 {
    re2::RE2 regex;
    riskgate_re2(const re2::StringPiece &pattern, const re2::RE2::Options &options) : regex(pattern, options) {}
};

extern "C" riskgate_re2 *riskgate_re2_compile(
    const char *pattern, size_t length, long long max_memory, char *error, size_t error_capacity) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    options.set_never_capture(true);
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    if (max_memory > 0) options.set_max_mem(max_memory);
    riskgate_re2 *compiled = new (std::nothrow) riskgate_re2(re2::StringPiece(pattern, length), options);
    if (compiled == nullptr) {
        if (error != nullptr && error_capacity > 0) std::snprintf(error, error_capacity, "out of memory");
        return nullptr;
    }
    if (!compiled->regex.ok()) {
        if (error != nullptr && error_capacity > 0) {
            const std::string &reason = compiled->regex.error();
            size_t count = reason.size() < error_capacity - 1 ? reason.size() : error_capacity - 1;
            std::memcpy(error, reason.data(), count);
            error[count] = '\0';
        }
        delete compiled;
        return nullptr;
    }
    return compiled;
}

extern "C" int riskgate_re2_search(const riskgate_re2 *regex, const char *text, size_t length) {
    if (regex == nullptr) return 0;
    return re2::RE2::PartialMatch(re2::StringPiece(text == nullptr ? "" : text, length), regex->regex) ? 1 : 0;
}

extern "C" int riskgate_re2_program_size(const riskgate_re2 *regex) {
    return regex == nullptr ? 0 : regex->regex.ProgramSize();
}

extern "C" void riskgate_re2_free(riskgate_re2 *regex) { delete regex; }
